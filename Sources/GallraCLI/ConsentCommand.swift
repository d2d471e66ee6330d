import ArgumentParser
import Foundation
import GallraCore
import GallraServices

struct ConsentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "consent", abstract: "The consent register (GDPR Art. 7).",
        subcommands: [Give.self, Withdraw.self, List.self])

    struct Give: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "give", abstract: "Record a consent; prints the consent id.")

        @Option(help: "A subject id or identifier.") var subject: String
        @Option(help: "The activity consented to (its legal basis must be consent).") var activity: String
        @Option(help: "The version of the wording the person was shown.") var wording: String
        @Option(help: "web, email, phone, letter or paper.") var channel = "web"
        @Option(help: "When it was given (default: now).") var at: String?
        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await store.withGallra { gallra in
                let instant = try await instant(at, what: "date", in: gallra)
                print(
                    try await gallra.giveConsent(
                        subject: subject, activity: activity, wordingVersion: wording, channel: channel, at: instant,
                        by: store.party))
            }
        }
    }

    struct Withdraw: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "withdraw",
            abstract: "Withdraw a consent (Art. 7(3)); records the consent.withdrawn event for the activity.")

        @Option(help: "A subject id or identifier.") var subject: String
        @Option(help: "The activity.") var activity: String
        @Option(help: "How the withdrawal came in.") var channel = "web"
        @Option(help: "When (default: now).") var at: String?
        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await store.withGallra { gallra in
                let instant = try await instant(at, what: "date", in: gallra)
                try await gallra.withdrawConsent(
                    subject: subject, activity: activity, channel: channel, at: instant, by: store.party)
                print("Consent to \"\(activity)\" is withdrawn.")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "A subject's consents, with their history.")

        @Argument(help: "A subject id or identifier.") var subject: String
        @Flag(help: "Print JSON.") var json = false
        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await store.withGallra { gallra in
                let calendar = try await gallra.calendar()
                let consents = try await gallra.consents(subject: subject, by: store.party)
                if json {
                    print(
                        JSONText.array(
                            consents.map {
                                .object([
                                    ("id", .string($0.id)), ("activity", .string($0.activity)),
                                    ("wording_version", .string($0.wordingVersion)), ("channel", .string($0.channel)),
                                    ("given", .string(calendar.rfc3339($0.given))),
                                    ("withdrawn", .optional($0.withdrawn.map(calendar.rfc3339))),
                                ])
                            }))
                    return
                }
                if consents.isEmpty { print("No consents.") }
                for consent in consents {
                    let state = consent.withdrawn.map { "withdrawn \(calendar.rfc3339($0))" } ?? "in force"
                    print(
                        "\(consent.activity): wording \(consent.wordingVersion), given \(calendar.rfc3339(consent.given)) via \(consent.channel), \(state)"
                    )
                }
            }
        }
    }
}
