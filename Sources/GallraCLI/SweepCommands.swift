import ArgumentParser
import Foundation
import GallraCore
import GallraServices

struct SweepCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Erase or anonymise everything whose retention has expired, with evidence in the audit log.",
        discussion: """
            Run it daily, e.g. from cron: `15 2 * * * cd /srv/gallra && gallra sweep >> sweep.log`, or from a \
            systemd timer (OnCalendar=*-*-* 02:15). Two sweeps never act at once; a killed sweep can simply be \
            run again.
            """)

    @Option(help: "The instant to sweep at (default: now), YYYY-MM-DD or RFC 3339.") var now: String?
    @Flag(
        help:
            "Erase nothing; report exactly what a real sweep at NOW would do (and mark a register version whose shorter rules it reports as reviewed)."
    ) var dryRun = false
    @Flag(help: "Print JSON.") var json = false
    @Option(help: "Records per transaction.") var batchSize = Gallra.sweepBatchSize
    @OptionGroup var store: StoreOptions

    func run() async throws {
        try await store.withGallra { gallra in
            let calendar = try await gallra.calendar()
            let instant = try await instant(now, what: "instant", in: gallra)
            let report = try await gallra.sweep(
                now: instant, dryRun: dryRun, batchSize: max(1, batchSize), listing: true, by: store.party)
            print(json ? report.json(calendar) : Self.text(report, calendar))
        }
    }

    /// What a dry run did change: the versions whose shorter rules it reported.
    static func reviewed(_ versions: [Int64]) -> String {
        guard !versions.isEmpty else { return "" }
        let names = versions.map(String.init).joined(separator: ", ")
        return versions.count == 1
            ? " Register version \(names) is marked reviewed: the next sweep may erase what its shorter rules made expire."
            : " Register versions \(names) are marked reviewed: the next sweep may erase what their shorter rules made expire."
    }

    static func text(_ report: SweepReport, _ calendar: ZonedCalendar) -> String {
        let verb = report.dryRun ? "Dry run at" : "Sweep at"
        var text =
            "\(verb) \(calendar.rfc3339(report.now)): \(report.erased) erased, \(report.anonymised) anonymised, "
            + "\(report.subjectsErased) subjects erased, \(report.held) held, \(report.waiting) waiting"
            + (report.awaitingReview > 0 ? ", \(report.awaitingReview) kept until a dry run reports them" : "")
            + (report.requestsErased > 0 ? ", \(report.requestsErased) requests past their retention" : "")
            + (report.incidentsErased > 0 ? ", \(report.incidentsErased) incidents past their retention" : "")
            + (report.dryRun ? " — nothing was erased." : ".")
            + reviewed(report.reviewedVersions)
        for table in report.connected {
            let verb = table.action == .anonymise ? "anonymised" : "erased"
            let rows = table.rows == 1 ? "1 row" : "\(table.rows) rows"
            text +=
                "\n  \(table.system).\(table.table) (\(table.activity)): \(rows) \(report.dryRun ? "to be " : "")\(verb)"
            if table.kept > 0 { text += ", \(table.kept) kept: other rows still refer to them" }
            for item in table.items {
                text += "\n    \(item.action.rawValue.padded(to: 9)) \(item.record)  expired "
                text += item.expired.map(calendar.rfc3339) ?? "?"
            }
        }
        // A line per record, appended piece by piece: a sweep may list a great many.
        text.reserveCapacity(text.utf8.count + report.items.count * 128)
        var written: [Date: String] = [:]  // many records share an expiry: format it once
        let actions = Dictionary(uniqueKeysWithValues: ExpiryAction.allCases.map { ($0, $0.rawValue.padded(to: 9)) })
        for item in report.items {
            let expired = written[item.expired] ?? calendar.rfc3339(item.expired)
            written[item.expired] = expired
            text += "\n  "
            text += actions[item.action] ?? item.action.rawValue
            text += " "
            text += item.record
            text += "  "
            text += item.activity
            text += "  expired "
            text += expired
            text += "  ("
            text += item.rule
            text += ")"
        }
        return text
    }
}

struct ForecastCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forecast", abstract: "What will expire over the next days, and what waits for which events.")

    @Option(help: "How many days ahead.") var days = 30
    @Option(help: "From this instant (default: now).") var now: String?
    @Flag(help: "Print JSON.") var json = false
    @OptionGroup var store: StoreOptions

    func run() async throws {
        try await store.withGallra { gallra in
            let calendar = try await gallra.calendar()
            let instant = try await instant(now, what: "instant", in: gallra)
            let forecast = try await gallra.forecast(from: instant, days: days, by: store.party)
            if json {
                print(forecast.json(calendar))
                return
            }
            print("Forecast for the \(days) days from \(calendar.rfc3339(instant)):")
            if forecast.overdue > 0 {
                print("  \(forecast.overdue) records have already expired; the next sweep takes them")
            }
            for day in forecast.expiring { print("  \(day.date)  \(day.activity): \(day.records) records expire") }
            if forecast.expiring.isEmpty { print("  nothing expires") }
            for wait in forecast.waiting { print("  \(wait.records) records wait for \(wait.events)") }
            if forecast.held > 0 { print("  \(forecast.held) records are kept under a legal hold") }
        }
    }
}

struct HoldCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hold", abstract: "Legal holds (GDPR Art. 17(3)(e)).", subcommands: [Add.self, Release.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Keep a subject's records from erasure; prints the hold id.")

        @Option(help: "A subject id or identifier.") var subject: String
        @Option(help: "Only this activity.") var activity: String?
        @Option(help: "Why (stored encrypted).") var reason: String
        @Option(help: "Until this date (default: until released).") var until: String?
        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await store.withGallra { gallra in
                let calendar = try await gallra.calendar()
                let end = try until.map { try calendar.instant($0, field: "date") }
                print(
                    try await gallra.placeHold(
                        subject: subject, activity: activity, reason: reason, until: end, by: store.party))
            }
        }
    }

    struct Release: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "release", abstract: "End a hold.")

        @Argument(help: "The hold id.") var id: String
        @OptionGroup var store: StoreOptions

        func run() async throws {
            try await store.withGallra { gallra in
                try await gallra.releaseHold(id, by: store.party)
                print("Hold \(id) is released; what it kept goes at the next sweep if its retention has expired.")
            }
        }
    }
}
