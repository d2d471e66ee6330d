public enum GallraStore {}
