import ArgumentParser
import Foundation
import GallraCore
import GallraServices

struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate", abstract: "Create or update the database schema (also done on first use).")

    @OptionGroup var store: StoreOptions

    func run() async throws {
        try await store.withGallra { gallra in
            // Opening the store ran what was missing.
            let ran = gallra.migrationsRun
            print(ran == 0 ? "The database is up to date." : "Ran \(ran) migrations.")
        }
    }
}

struct SubjectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "subject", abstract: "Data subjects.", subcommands: [Add.self, Export.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add", abstract: "Add a data subject; prints the subject id.")

        @Option var email: String?
        @Option var name: String?
        @Option var phone: String?
        @Option(name: .customLong("personal-number"), help: "Swedish personnummer, YYYYMMDD-NNNN or YYMMDD-NNNN.")
        var personalNumber: String?
        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await store.withGallra { gallra in
                let subject = NewSubject(email: email, name: name, phone: phone, personalNumber: personalNumber)
                print(try await gallra.addSubject(subject, by: store.party))
            }
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract:
                "Everything held on a subject (GDPR Art. 15), or with --portable what Art. 20 covers, as JSON or a readable HTML report; the read is audited."
        )

        @Argument(help: "A subject id, e-mail address, phone number or personnummer.")
        var reference: String
        @Option(help: "json or html.") var format: DocumentFormat = .json
        @Option(help: "The language of the HTML report: sv or en.") var lang: Language = .sv
        @Flag(help: "Only the data Art. 20 covers: provided by the person, on consent or contract.") var portable =
            false
        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await store.withGallra { gallra in
                let export = try await gallra.exportSubject(
                    reference, scope: portable ? .portability : .access, by: store.party)
                print(format.render(export, lang), terminator: "")
            }
        }
    }
}

/// How a document for a person is written.
enum DocumentFormat: String, ExpressibleByArgument, CaseIterable {
    case json
    case html

    func render(_ export: SubjectExport, _ language: Language) -> String {
        switch self {
        case .json: return export.json.description + "\n"
        case .html: return export.html(language)
        }
    }
}

struct RecordCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record", abstract: "Personal data records.", subcommands: [Add.self, List.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract:
                "The records of an activity that may be used now: restricted, objected-to and unconsented data left out. The read is audited."
        )

        @Option(help: "The activity.") var activity: String
        @Flag(help: "Print JSON.") var json = false
        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await store.withGallra { gallra in
                let records = try await gallra.recordsInUse(activity: activity, by: store.party)
                if json {
                    print(
                        JSONText.array(
                            records.map {
                                .object([
                                    ("subject", .string($0.subject)), ("record", .string($0.record)),
                                    ("category", .string($0.category)), ("value", .string($0.value)),
                                ])
                            }))
                    return
                }
                for record in records {
                    print("\(record.subject)\t\(record.record)\t\(record.category)\t\(record.value)")
                }
            }
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Store a piece of personal data; prints the record id.")

        @Option(help: "A subject id or identifier.") var subject: String
        @Option(help: "The activity of the register it is processed under.") var activity: String
        @Option(help: "Its data category.") var category: String
        @Option(help: "The value (stored encrypted).") var value: String
        @Option(help: "When it was collected, YYYY-MM-DD or RFC 3339 (default: now).") var collected: String?
        @Option(help: "The system it lives in.") var system: String?
        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await store.withGallra { gallra in
                let record = NewRecord(
                    subject: subject, activity: activity, category: category, value: value,
                    collected: try await instant(collected, what: "collected date", in: gallra), system: system)
                print(try await gallra.addRecord(record, by: store.party))
            }
        }
    }
}

struct EventCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "event", abstract: "Events that retention rules count from.", subcommands: [Add.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Record events: subject-wide, or for one activity or one record (the narrowest wins).")

        @Option(help: "A subject id or identifier.") var subject: String
        @Option(help: "Only this activity.") var activity: String?
        @Option(help: "Only this record.") var record: String?
        @Argument(help: "NAME=DATE, e.g. contract.end=2025-03-31.") var events: [String]
        @OptionGroup var store: StoreOptions

        func validate() throws {
            if activity != nil && record != nil { throw ValidationError("Give --activity or --record, not both.") }
            if events.isEmpty { throw ValidationError("Give at least one NAME=DATE.") }
        }

        func run() async throws {
            try await store.withGallra { gallra in
                let parsed = try EventArguments.parse(events, calendar: try await gallra.calendar())
                let scope: EventScope = record.map { .record($0) } ?? activity.map { .activity($0) } ?? .subject
                try await gallra.addEvents(
                    subject: subject, scope: scope,
                    events: parsed.sorted { $0.key < $1.key }.map { ($0.key, $0.value) },
                    by: store.party)
            }
        }
    }
}

struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys", abstract: "Master keys.", subcommands: [Rotate.self, RemoveRetired.self])

    struct Rotate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rotate",
            abstract: "Introduce a new master key and re-wrap every data key under it.")

        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await store.withGallra { gallra in
                let result = try await gallra.rotateKeys(by: store.party)
                print("Master key \(result.to) is current; \(result.rewrapped) data keys re-wrapped from older keys.")
            }
        }
    }

    struct RemoveRetired: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "remove-retired", abstract: "Remove master keys that no data key is wrapped with any more.")

        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await store.withGallra { gallra in
                let removed = try await gallra.removeRetiredMasterKeys(by: store.party)
                print(
                    removed.isEmpty
                        ? "No master key is retired."
                        : "Removed master keys \(removed.map(String.init).joined(separator: ", ")).")
            }
        }
    }
}

/// `text` read in the controller's time zone, or now when it is absent.
func instant(_ text: String?, what: String, in gallra: Gallra) async throws -> Date {
    guard let text else { return Date() }
    return try await gallra.calendar().instant(text, field: what)
}
