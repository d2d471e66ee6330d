import ArgumentParser
import GallraCore

struct DeadlineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deadline",
        abstract: "Compute the GDPR's legal deadlines.",
        subcommands: [Request.self, Breach.self]
    )

    struct Request: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "request",
            abstract: "The last day to answer a data subject request (GDPR Art. 12(3)).",
            discussion: """
                One month from receipt, or three with --extended, counted by Regulation 1182/71 art. 3; \
                a deadline on a Saturday, Sunday or Swedish public holiday moves to the next working day.
                """
        )

        @Argument(help: "The day the request was received, YYYY-MM-DD (or an RFC 3339 instant).")
        var received: String

        @Flag(help: "The deadline extended by two further months (Art. 12(3)).")
        var extended = false

        @OptionGroup var zone: TimeZoneOption

        func run() throws {
            try reportingErrors {
                let calendar = try zone.calendar()
                guard let instant = calendar.parseInstant(received) else {
                    throw CLIError("The date \"\(received)\" is neither YYYY-MM-DD nor an RFC 3339 instant.")
                }
                print(LegalDeadlines.requestAnswerDue(received: calendar.localDate(of: instant), extended: extended))
            }
        }
    }

    struct Breach: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "breach",
            abstract: "The instant a personal data breach must be notified by: 72 hours after awareness (Art. 33(1)).")

        @Argument(help: "When the controller became aware, RFC 3339 (or YYYY-MM-DD for local midnight).")
        var aware: String

        @OptionGroup var zone: TimeZoneOption

        func run() throws {
            try reportingErrors {
                let calendar = try zone.calendar()
                guard let instant = calendar.parseInstant(aware) else {
                    throw CLIError("The instant \"\(aware)\" is neither RFC 3339 nor YYYY-MM-DD.")
                }
                print(calendar.rfc3339(LegalDeadlines.breachNotificationDue(aware: instant)))
            }
        }
    }
}
