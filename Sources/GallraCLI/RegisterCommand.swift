import ArgumentParser
import Foundation
import GallraCore

struct RegisterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "register",
        abstract: "Check the register of processing activities.",
        subcommands: [Check.self]
    )

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a register file; every problem is listed as FILE:LINE: message.")

        @Argument(help: "The register file (YAML).")
        var file: String

        func run() throws {
            try reportingErrors {
                let check = RegisterReader.check(yaml: try RegisterFile.read(file))
                for problem in check.problems { printError(problem.formatted(file: file)) }
                guard let register = check.register else {
                    throw CLIError(
                        "\(file): refused, \(check.errors.count) \(check.errors.count == 1 ? "error" : "errors").")
                }
                let warnings = check.warnings.count
                print(
                    "\(file): valid, \(register.activities.count) activities, \(warnings) \(warnings == 1 ? "warning" : "warnings")"
                )
            }
        }
    }
}

enum RegisterFile {
    static func read(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CLIError("Cannot read the register file \"\(path)\".")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw CLIError("The register file \"\(path)\" is not UTF-8 text.")
        }
        return text
    }
}
