import ArgumentParser
import Foundation
import GallraCore
import GallraServices

extension AuditCommand {
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract:
                "The audit trail, the newest first: who did what, and with whose data. A person's trail read is itself written to the log."
        )

        @OptionGroup var store: StoreOptions
        @Option(help: "Only the entries of this person: e-mail address, phone number, personnummer or subject id.")
        var subject: String?
        @Option(help: "Only entries on or after this local day (YYYY-MM-DD).") var since: String?
        @Option(help: "Only entries on or before this local day (YYYY-MM-DD).") var until: String?
        @Option(help: "Only entries of this action (subject.export, request.open, …).") var action: String?
        @Option(
            name: .customLong("by"), help: "Only entries by this actor: a user's login, token:<name> or system:<job>.")
        var actedBy: String?
        @Option(help: "Only entries about this activity of the register (its id).") var activity: String?
        @Flag(help: "Print CSV (with a header line) instead of tab-separated lines.") var csv = false
        @Option(help: "How many entries at most (1 to \(Gallra.auditTrailPageLimit)).") var limit = 50
        @Option(help: "How many of the newest entries to pass over.") var offset = 0
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let from = try since.map { try civilDate($0, what: "start date") }
            let to = try until.map { try civilDate($0, what: "end date") }
            try await store.withGallra { gallra in
                let calendar = try await gallra.calendar()
                let lines = try await gallra.auditTrail(
                    subject: subject, since: from.map { calendar.startOfDay($0) },
                    until: to.map { calendar.startOfDay($0.adding(days: 1)) }, action: action, actor: actedBy,
                    activity: activity, limit: limit, offset: offset, by: store.party)
                if json {
                    print(JSONText.array(lines.map { Self.json($0, calendar) }))
                    return
                }
                if csv {
                    print(["at", "actor", "action", "subject", "activity", "detail"].joined(separator: ","))
                    for line in lines {
                        print(
                            [
                                calendar.rfc3339(line.at), line.actor, line.action, line.subject ?? "",
                                line.activity ?? "", line.detail,
                            ].map(Register.csvField).joined(separator: ","))
                    }
                    return
                }
                for line in lines {
                    print(
                        [
                            calendar.rfc3339(line.at), line.actor, line.action, line.activity ?? "-", line.detail,
                        ].joined(separator: "\t"))
                }
            }
        }

        static func json(_ line: AuditLine, _ calendar: ZonedCalendar) -> JSONText {
            .object([
                ("seq", .number(Int(line.seq))), ("at", .string(calendar.rfc3339(line.at))),
                ("actor", .string(line.actor)), ("action", .string(line.action)), ("subject", .optional(line.subject)),
                ("activity", .optional(line.activity)), ("detail", .string(line.detail)),
            ])
        }
    }
}
