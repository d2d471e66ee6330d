import ArgumentParser
import Foundation
import GallraCore

struct RetentionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retention",
        abstract: "Read retention wording and compute expiry dates.",
        subcommands: [Parse.self, Expiry.self]
    )

    struct Parse: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "parse",
            abstract: "Print the canonical rule for a rule or for retention wording in Swedish or English.",
            discussion: "Exits with status 2 when the wording cannot be read with confidence."
        )

        @Option(help: "The language of the wording: sv or en (default: both).")
        var lang: Language?

        @Flag(help: "Show how each word of the wording was placed.")
        var explain = false

        @Argument(help: "The rule or the wording, e.g. \"Avtalstiden + 1 år\".")
        var phrase: [String]

        func run() throws {
            try reportingErrors {
                let text = phrase.joined(separator: " ")
                // A rule in the language is printed canonically; anything else is read as wording.
                // try?: not a rule in the language: the text is read as a phrase instead
                if let rule = try? RetentionRule(parsing: text),
                    rule.events.allSatisfy(EventDefinition.builtInNames.contains)
                {
                    print(rule)
                    return
                }
                let reader = RetentionPhraseReader(language: lang)
                if explain { print(Self.explanation(reader.explain(text))) }
                switch reader.read(text) {
                case .rule(let rule): print(rule)
                case .refused(let reason):
                    throw CLIError("Not understood: \(reason).", exitCode: 2)
                }
            }
        }

        /// One line per stretch of the wording: the words, then how the reader placed them.
        static func explanation(_ placements: [PhrasePlacement]) -> String {
            let width = min(placements.map(\.words.count).max() ?? 0, 40)
            return placements.map { placement in
                let words =
                    placement.words.count > width ? String(placement.words.prefix(width - 1)) + "…" : placement.words
                return "  " + words.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + placement.placement
            }.joined(separator: "\n")
        }
    }

    struct Expiry: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "expiry",
            abstract: "Compute when data expires under a rule, given its events.")

        @Argument(help: "The rule, e.g. \"contract.end + 1y\".")
        var rule: String

        @Option(name: .customLong("event"), help: "An event that has happened: NAME=DATE (YYYY-MM-DD or RFC 3339).")
        var events: [String] = []

        @Flag(help: "Print JSON.")
        var json = false

        @OptionGroup var zone: TimeZoneOption

        func run() throws {
            try reportingErrors {
                let calendar = try zone.calendar()
                let parsed: RetentionRule
                do {
                    parsed = try RetentionRule(parsing: rule)
                } catch {
                    throw CLIError("The rule \"\(rule)\" does not parse: \(error).")
                }
                let outcome = parsed.outcome(
                    events: try EventArguments.parse(events, calendar: calendar), calendar: calendar)
                print(json ? ExpiryReport.json(rule: parsed, outcome, calendar) : ExpiryReport.text(outcome, calendar))
            }
        }
    }
}

extension Language: ExpressibleByArgument {}

enum EventArguments {
    /// `NAME=DATE` pairs; a malformed name or date is an error that names it.
    static func parse(_ arguments: [String], calendar: ZonedCalendar) throws -> [EventName: Date] {
        var events: [EventName: Date] = [:]
        for argument in arguments {
            let parts = argument.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { throw CLIError("The event \"\(argument)\" must be written NAME=DATE.") }
            guard let name = EventName(validating: parts[0]) else {
                throw CLIError(
                    "\"\(parts[0])\" is not an event name (lower-case words joined by dots, e.g. contract.end).")
            }
            guard let instant = calendar.parseInstant(parts[1]) else {
                throw CLIError("The date \"\(parts[1])\" of \(name) is neither YYYY-MM-DD nor an RFC 3339 instant.")
            }
            events[name] = instant
        }
        return events
    }
}

enum ExpiryReport {
    static func text(_ outcome: RetentionOutcome, _ calendar: ZonedCalendar) -> String {
        switch outcome {
        case .expires(let instant): return calendar.localDate(of: instant).description
        case .pending(let events): return "pending: " + events.map(\.rawValue).joined(separator: ", ")
        }
    }

    static func json(rule: RetentionRule, _ outcome: RetentionOutcome, _ calendar: ZonedCalendar) -> String {
        JSONText.object([
            ("rule", .string(rule.description)),
            ("expires", .optional(outcome.expiry.map(calendar.rfc3339))),
            ("expires_date", .optional(outcome.expiry.map { calendar.localDate(of: $0).description })),
            ("waiting_for", .array(outcome.waitingFor.map { .string($0.rawValue) })),
        ]).description
    }
}
