import GallraCLI

GallraCommand.main()
