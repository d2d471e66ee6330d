import ArgumentParser
import Foundation
import GallraCore
import GallraServices

/// `gallra systems check|apply|show` (`shared/spec/systems.md`): the company's own databases.
struct SystemsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "systems",
        abstract: "The systems file: where the register's systems keep personal data, table by table.",
        subcommands: [Check.self, Apply.self, Show.self])

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Check a systems file against the register in force and the live databases; every problem as FILE:LINE: message."
        )

        @Argument(help: "The systems file (YAML).") var file: String
        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await store.withGallra { gallra in
                let problems = try await gallra.checkSystems(yaml: try RegisterFile.read(file), by: store.party)
                for problem in problems { printError(problem.formatted(file: file)) }
                let errors = problems.filter { $0.severity == .error }.count
                guard errors == 0 else {
                    throw CLIError("\(file): refused, \(errors) \(errors == 1 ? "error" : "errors").")
                }
                print("\(file): valid, every system reached.")
            }
        }
    }

    struct Apply: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a systems file, then store it as the version in force; a refused file changes nothing.")

        @Argument(help: "The systems file (YAML).") var file: String
        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await store.withGallra { gallra in
                let (version, warnings) = try await gallra.applySystems(
                    yaml: try RegisterFile.read(file), file: file, by: store.party)
                for warning in warnings { printError(warning.formatted(file: file)) }
                let tables = version.file.systems.reduce(0) { $0 + $1.tables.count }
                print(
                    "Systems version \(version.version) is in force: \(version.file.systems.count) systems, \(tables) tables."
                )
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The systems file in force, without secrets.")

        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await store.withGallra { gallra in
                guard let version = try await gallra.systems(by: store.party) else {
                    throw CLIError("No systems file is in force; gallra systems apply FILE.")
                }
                // The stored file keeps ${NAME} placeholders: it holds no password to hide.
                print("# version \(version.version)")
                print(version.yaml, terminator: version.yaml.hasSuffix("\n") ? "" : "\n")
            }
        }
    }
}
