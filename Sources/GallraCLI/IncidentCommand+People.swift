import ArgumentParser
import Foundation
import GallraCore
import GallraServer
import GallraServices

extension IncidentCommand {
    struct People: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "people",
            abstract: "Decide whether the people affected are told (Art. 34); telling them queues a message to each.",
            discussion: """
                --decision tell queues a message, in their language, to each linked person with an e-mail \
                address who has none yet; `gallra serve` sends it. exempt needs --exemption and --reason; \
                not_required (only without a high risk) needs --reason. --told records that they were told \
                another way (a letter, a call), and when.
                """)

        @Argument var id: String
        @Option(help: "tell, exempt or not_required.") var decision: Incident.PeopleDecision?
        @Option(help: "The Art. 34(3) exemption: a, b or c (with --decision exempt).") var exemption:
            Incident.Exemption?
        @Option(help: "Why they are not told.") var reason: String?
        @Option(help: "When they were told another way (YYYY-MM-DD or RFC 3339).") var told: String?
        @Option(help: "The address people reach the server at.") var baseURL = "http://127.0.0.1:8080/"
        @Option(help: "The sender's address (default: the controller's e-mail in the register).") var mailFrom: String?
        @OptionGroup var store: StoreOptions

        func run() async throws {
            guard decision != nil || told != nil else { throw CLIError("Give --decision or --told.") }
            try await store.withGallra { gallra in
                let calendar = try await gallra.calendar()
                var view: IncidentView?
                if let decision {
                    var sender = mailFrom
                    if sender == nil { sender = try await gallra.controllerAddress() }
                    view = try await gallra.decidePeople(
                        id, decision, exemption: exemption, reason: reason,
                        settings: SelfServiceSettings(baseURL: baseURL, sender: sender ?? "privacy@localhost"),
                        by: store.party)
                }
                if let told {
                    view = try await gallra.recordPeopleTold(
                        id, at: try calendar.instant(told, field: "time"), by: store.party)
                }
                let messages = view?.messages ?? []
                print("Incident \(id) updated. Messages to the people affected in the outbox: \(messages.count).")
            }
        }
    }

    struct History: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "history", abstract: "Each version of an incident's description, and who wrote it.")

        @Argument var id: String
        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await store.withGallra { gallra in
                let view = try await gallra.incident(id, by: store.party)
                let calendar = try await gallra.calendar()
                var earlier: GallraCore.IncidentFacts?
                for version in view.versions {
                    let changed = version.facts.changed(from: earlier)
                    print(
                        "Version \(version.number)  \(calendar.rfc3339(version.at))  \(version.actor)  "
                            + (earlier == nil ? "registered" : "changed " + changed.joined(separator: ", ")))
                    earlier = version.facts
                }
            }
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "The incident register as documentation (Art. 33(5)): CSV or a printable HTML document.")

        enum Format: String, ExpressibleByArgument, CaseIterable { case csv, html }

        @Option(help: "csv or html.") var format: Format = .html
        @Option(help: "The language: sv or en.") var lang: String = "sv"
        @Option(name: .shortAndLong, help: "Write to this file instead of standard output.") var output: String?
        @OptionGroup var store: StoreOptions

        func run() async throws {
            guard let language = Language(rawValue: lang) else { throw CLIError("--lang is sv or en.") }
            try await store.withGallra { gallra in
                let views = try await gallra.incidents(by: store.party)
                let vocabulary = try await gallra.incidentVocabulary(by: store.party)
                let calendar = try await gallra.calendar()
                let text =
                    format == .csv
                    ? IncidentRegisterDocument.csv(
                        views, vocabulary: vocabulary, calendar: calendar, language: language)
                    : IncidentRegisterDocument.html(
                        views, vocabulary: vocabulary, calendar: calendar, language: language, at: Date())
                if let output {
                    try OutputFile.write(Data(text.utf8), to: output, newFileMode: 0o600)
                } else {
                    print(text, terminator: "")
                }
            }
        }
    }
}
