import ArgumentParser
import Foundation
import GallraCore
import GallraServices

struct RegisterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "register",
        abstract: "The register of processing activities.",
        subcommands: [Check.self, Apply.self, Export.self, RegisterImportCommand.self]
    )

    struct Apply: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "apply",
            abstract: "Check a register file, then store it as a new version; a refused register changes nothing.")

        @Argument(help: "The register file (YAML).")
        var file: String
        @Option(help: "Check agreements against this day, YYYY-MM-DD (default: today).") var today: String?
        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await store.withGallra { gallra in
                let yaml = try RegisterFile.read(file)
                let check = RegisterReader.check(yaml: yaml)
                for warning in check.warnings { printError(warning.formatted(file: file)) }
                let version = try await gallra.applyRegister(yaml: yaml, file: file, by: store.party)
                let calendar = try await gallra.calendar()
                let day = try today.map { try civilDate($0, what: "date") } ?? calendar.localDate(of: Date())
                for warning in version.register.agreementWarnings(on: day) {
                    printError("\(file): warning: \(warning)")
                }
                print(
                    "Register version \(version.version) is in force: \(version.register.activities.count) activities.")
            }
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract:
                "The Art. 30 record of the register in force (or an older version): csv, json, html, markdown, or dpv (W3C DPV JSON-LD). The record kept as a processor (Art. 30(2)) is in json, html, markdown and dpv beside the controller's; as csv, ask for it with --record processor."
        )

        @Option(help: "csv, json, html, markdown or dpv.") var format: String = "json"
        @Option(help: "The language of texts: sv or en.") var lang: Language = .sv
        @Option(
            help:
                "csv: controller (the Art. 30(1) record, one row an activity) or processor (the Art. 30(2) record, one row a controller processed for)."
        )
        var record: String = "controller"
        @Option(help: "An older version number.") var version: Int64?
        @Option(help: "The version in force on this date (YYYY-MM-DD or RFC 3339).") var at: String?
        @Option(
            help:
                "dpv: the IRI the export's identifiers begin with (default: one made from the controller's organisation number)."
        )
        var base: String?
        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await store.withGallra { gallra in
                let stored = try await gallra.register(
                    try await registerSelector(version: version, at: at, in: gallra), by: store.party)
                let register = stored.register
                let since = try await gallra.calendar().localDate(of: stored.appliedAt)
                switch format {
                case "json": print(register.exportJSON(language: lang))
                case "csv" where record == "processor":
                    print(register.exportProcessorCSV(language: lang), terminator: "")
                case "csv" where record == "controller": print(register.exportCSV(language: lang), terminator: "")
                case "csv": throw CLIError("Unknown record \"\(record)\"; use controller or processor.")
                case "html":
                    print(
                        register.art30Document(lang, version: stored.version, inForceSince: since).html, terminator: "")
                case "markdown":
                    print(
                        register.art30Document(lang, version: stored.version, inForceSince: since).markdown,
                        terminator: "")
                case "dpv":
                    print(register.exportDPV(language: lang, base: base, version: Int(stored.version), date: since))
                default: throw CLIError("Unknown format \"\(format)\"; use csv, json, html, markdown or dpv.")
                }
            }
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Check a register file; every problem is listed as FILE:LINE: message.")

        @Argument(help: "The register file (YAML).")
        var file: String
        @Option(help: "Check agreements against this day, YYYY-MM-DD (default: today).") var today: String?

        func run() throws {
            try reportingErrors {
                let check = RegisterReader.check(yaml: try RegisterFile.read(file))
                for problem in check.problems { printError(problem.formatted(file: file)) }
                guard let register = check.register else {
                    throw CLIError(
                        "\(file): refused, \(check.errors.count) \(check.errors.count == 1 ? "error" : "errors").")
                }
                let today =
                    try today.map { try civilDate($0, what: "date") }
                    ?? ZonedCalendar(
                        timeZoneIdentifier: register.controller.timeZone)?.localDate(of: Date())
                let dated = today.map(register.agreementWarnings(on:)) ?? []
                for warning in dated { printError("\(file): warning: \(warning)") }
                let warnings = check.warnings.count + dated.count
                let clients = register.processorRecord.map {
                    ", processing for \($0.controllers.count) \($0.controllers.count == 1 ? "controller" : "controllers")"
                }
                print(
                    "\(file): valid, \(register.activities.count) \(register.activities.count == 1 ? "activity" : "activities")\(clients ?? ""), \(warnings) \(warnings == 1 ? "warning" : "warnings")"
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

/// The register version asked for: by number, in force on a date, or the current one.
func registerSelector(version: Int64?, at: String?, in gallra: Gallra) async throws -> RegisterSelector {
    if let version { return .version(version) }
    if let at { return .inForce(at: try await gallra.calendar().instant(at, field: "date")) }
    return .current
}

struct NoticeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notice",
        abstract: "The privacy notice (GDPR Art. 13/14), written from the register in force.")

    @Option(help: "sv or en.") var lang: Language = .sv
    @Option(help: "html or markdown.") var format: String = "html"
    @Option(help: "The version in force on this date (YYYY-MM-DD or RFC 3339).") var at: String?
    @OptionGroup var store: StoreOptions

    func run() async throws {
        try await store.withGallra { gallra in
            let stored = try await gallra.register(
                try await registerSelector(version: nil, at: at, in: gallra), by: store.party)
            let notice = stored.register.privacyNotice(
                lang, inForceSince: try await gallra.calendar().localDate(of: stored.appliedAt))
            switch format {
            case "html": print(notice.html, terminator: "")
            case "markdown": print(notice.markdown, terminator: "")
            default: throw CLIError("Unknown format \"\(format)\"; use html or markdown.")
            }
        }
    }
}
