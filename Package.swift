// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "gallra",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "gallra", targets: ["gallra"]),
        .library(name: "GallraCore", targets: ["GallraCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // The domain, pure: register, retention rules, deadlines. No I/O beyond parsing text.
        .target(
            name: "GallraCore",
            dependencies: [.product(name: "Yams", package: "Yams")]
        ),
        // Persistence (SQLite/PostgreSQL, encryption, audit chain) — filled in by the store issue.
        .target(name: "GallraStore", dependencies: ["GallraCore"]),
        // HTTP (Hummingbird) — filled in by the server issue.
        .target(name: "GallraServer", dependencies: ["GallraCore", "GallraStore"]),
        .target(
            name: "GallraCLI",
            dependencies: [
                "GallraCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "gallra", dependencies: ["GallraCLI"]),
        .testTarget(name: "GallraCoreTests", dependencies: ["GallraCore"]),
        .testTarget(name: "gallraTests", dependencies: ["GallraCLI", "GallraCore"]),
    ],
    swiftLanguageModes: [.v6]
)
