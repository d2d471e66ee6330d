// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "gallra",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "gallra", targets: ["gallra"]),
        .library(name: "GallraCore", targets: ["GallraCore"]),
        .library(name: "GallraImport", targets: ["GallraImport"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/vapor/sql-kit", from: "3.36.0"),
        .package(url: "https://github.com/vapor/sqlite-kit", from: "4.5.2"),
        .package(url: "https://github.com/vapor/postgres-kit", from: "2.17.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    ],
    targets: [
        // The domain, pure: register, retention rules, deadlines. No I/O beyond parsing text.
        .target(
            name: "GallraCore",
            dependencies: [.product(name: "Yams", package: "Yams")]
        ),
        // Reading the company's own ROPA file (a workbook, CSV, TSV or pasted table) into a draft
        // register, within fixed bounds: outside input, so apart for fuzzing.
        .target(
            name: "GallraImport",
            dependencies: ["GallraCore", .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        // MariaDB's C client (Debian's libmariadb3), loaded at run time with dlopen: nothing of it
        // is needed to build or run Gallra, only to reach a `mariadb://` system.
        .target(name: "CMariaDB", linkerSettings: [.linkedLibrary("dl")]),
        // Connections to SQLite, PostgreSQL and (for connected systems) MariaDB through SQLKit: opened, gated for transactions,
        // pooled for reads, each statement within a limit; SQL names checked and quoted. What the
        // store and the connectors share.
        .target(
            name: "GallraDatabase",
            dependencies: [
                "GallraCore", "CMariaDB",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "PostgresKit", package: "postgres-kit"),
            ]
        ),
        // The company's own databases: the systems and their pools, the live schema and its
        // inspection, a rule as one SQL condition, a table's rows read and changed.
        .target(
            name: "GallraConnectors",
            dependencies: [
                "GallraCore", "GallraDatabase",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "PostgresKit", package: "postgres-kit"),
            ]
        ),
        // Persistence: SQLite and PostgreSQL through SQLKit, per-subject encryption, the audit chain.
        .target(
            name: "GallraStore",
            dependencies: [
                "GallraCore", "GallraDatabase", "GallraConnectors",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "PostgresKit", package: "postgres-kit"),
            ]
        ),
        // The use cases, each one transaction taking the acting party: what the CLI, the server and
        // the sweep call.
        .target(
            name: "GallraServices",
            dependencies: [
                "GallraCore", "GallraDatabase", "GallraStore", "GallraImport",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "HummingbirdOTP", package: "hummingbird-auth"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // HTTP (Hummingbird): the JSON API and the admin UI (server-rendered with swift-mustache).
        .target(
            name: "GallraServer",
            dependencies: [
                "GallraCore", "GallraServices",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            resources: [.copy("Web/Templates"), .copy("Web/Static")],
            swiftSettings: [.enableUpcomingFeature("MemberImportVisibility")]
        ),
        .target(
            name: "GallraCLI",
            dependencies: [
                "GallraCore",
                "GallraServices",
                "GallraServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: [.enableUpcomingFeature("MemberImportVisibility")]
        ),
        .executableTarget(
            name: "gallra",
            dependencies: ["GallraCLI", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        // Benchmarks: swift run -c release gallra-bench
        .executableTarget(
            name: "gallra-bench",
            dependencies: [
                "GallraCore", "GallraDatabase", "GallraStore", "GallraServices",
                .product(name: "SQLKit", package: "sql-kit"),
            ]
        ),
        // Benchmarks of the import: swift run -c release gallra-import-bench
        .executableTarget(
            name: "gallra-import-bench",
            dependencies: ["GallraImport", "GallraCore", .product(name: "Yams", package: "Yams")]),
        // What the test targets share: fresh stores on SQLite and PostgreSQL, the acting party.
        .target(
            name: "GallraTestSupport",
            dependencies: [
                "GallraCore", "GallraDatabase", "GallraStore", .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            path: "Tests/GallraTestSupport"
        ),
        .testTarget(name: "GallraCoreTests", dependencies: ["GallraCore"], exclude: ["Fixtures"]),
        .testTarget(
            name: "GallraStoreTests",
            dependencies: [
                "GallraStore", "GallraCore", "GallraDatabase", "GallraConnectors", "GallraServices",
                "GallraTestSupport",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "PostgresKit", package: "postgres-kit"),
            ]
        ),
        .testTarget(
            name: "GallraServerTests",
            dependencies: [
                "GallraServer", "GallraStore", "GallraCore", "GallraServices", "GallraTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
            ]
        ),
        .testTarget(
            name: "gallraTests",
            dependencies: [
                "GallraCLI", "GallraCore", "GallraDatabase", "GallraImport", "GallraStore", "GallraTestSupport",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "HummingbirdOTP", package: "hummingbird-auth"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
