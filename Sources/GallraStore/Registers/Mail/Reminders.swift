import Foundation
import GallraConnectors
import GallraCore
import GallraDatabase
import SQLKit

/// A privacy officer who signs in, as the daily reminder addresses them.
public struct Officer: Sendable, Equatable {
    public let id: String
    /// Their login, where the reminder goes.
    public let email: String
    /// The language they chose for the admin UI (`sv`, `en`).
    public let language: String
}

extension Store {
    /// The privacy officers' daily reminder: who gets it, and which days' went.
    public var reminders: Reminders { Reminders(store: self) }
}

/// The daily reminder's own record: one row a day, so that it is queued once whichever server
/// (or `gallra reminders send`) gets there first.
public struct Reminders: StoreRegister {
    let store: Store

    /// The users with the privacy officer's role who are not disabled.
    public func officers() async throws -> [Officer] {
        try await data.read.raw(
            """
            SELECT id, email, lang FROM users
            WHERE role = \(bind: Role.privacyOfficer.rawValue) AND disabled_at IS NULL ORDER BY email, id
            """
        ).all().map {
            Officer(
                id: try $0.decode(column: "id", as: String.self),
                email: try $0.decode(column: "email", as: String.self),
                language: try $0.decode(column: "lang", as: String.self))
        }
    }

    /// Whether the reminder of `day` was queued.
    public func queued(on day: CivilDate) async throws -> Bool {
        try await data.read.raw("SELECT day FROM reminder_days WHERE day = \(bind: day.description)").first() != nil
    }

    /// Queues the reminder of `day`, one message for each officer (`to`: the user's id), in one
    /// transaction with the day's row: the ids of the messages queued, or nil when the day's
    /// reminder was queued already (then nothing is). `summary` goes to the audit entry; it names
    /// no one.
    public func queue(on day: CivilDate, _ messages: [(to: String, message: Data)], summary: String) async throws
        -> [String]?
    {
        try await data.transaction { sql in
            // One statement takes the day: a second server waits for the first's transaction and
            // then finds the day taken.
            guard
                try await sql.raw(
                    """
                    INSERT INTO reminder_days (day, queued_at, messages)
                    VALUES (\(bind: day.description), \(bind: Clock.nowMillis()), \(bind: messages.count))
                    ON CONFLICT (day) DO NOTHING RETURNING day
                    """
                ).first() != nil
            else { return nil }
            var ids: [String] = []
            for (_, message) in messages {
                ids.append(try await store.outbox.enqueue(message, purpose: "reminder"))
            }
            let recipients = messages.map { "user \($0.to)" }.joined(separator: ", ")
            try await audit(
                [
                    AuditEvent(
                        "reminder.queued",
                        detail:
                            "daily reminder of \(day): \(summary); mail \(ids.joined(separator: ", ")) queued to \(recipients)"
                    )
                ], on: sql)
            return ids
        }
    }
}
