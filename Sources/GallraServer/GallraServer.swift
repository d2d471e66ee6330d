public enum GallraServer {}
