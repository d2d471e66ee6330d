// swift-tools-version:6.1
import Foundation
import PackageDescription

// Coverage-guided fuzzing of Gallra's parsers of outside input with libFuzzer (docs/fuzzing.md).
// A package apart, so that the main package's build never sees `-sanitize=fuzzer`: scripts/fuzz
// builds this one with `-sanitize=fuzzer,address` for every module, so that the parsers themselves
// are instrumented, under its own scratch path. One executable per parser (`fuzz-NAME`, its seeds
// in Corpus/NAME); each hands its input to FuzzDriver.

// The main package is this directory's parent; SwiftPM names a path dependency after its folder.
let gallra = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .lastPathComponent.lowercased()

func harness(_ name: String, _ dependencies: [Target.Dependency]) -> Target {
    .executableTarget(name: "fuzz-\(name)", dependencies: ["FuzzDriver"] + dependencies)
}

let core = Target.Dependency.product(name: "GallraCore", package: gallra)
let ropaImport = Target.Dependency.product(name: "GallraImport", package: gallra)
let hummingbird = Target.Dependency.product(name: "Hummingbird", package: "hummingbird")

let package = Package(
    name: "gallra-fuzz",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        .target(name: "FuzzDriver"),
        harness("form", [core]),
        harness("query", [core, hummingbird, .product(name: "HummingbirdCore", package: "hummingbird")]),
        harness("cookie", [hummingbird]),
        harness("json", [core]),
        harness("register", [core]),
        harness("systems", [core]),
        harness("retention-rule", [core]),
        harness("phrase", [core]),
        harness("table", [ropaImport]),
        harness("xlsx", [ropaImport, .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        harness("mail-templates", [core]),
    ],
    swiftLanguageModes: [.v6]
)
