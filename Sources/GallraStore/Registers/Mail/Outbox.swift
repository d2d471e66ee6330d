import Foundation
import GallraConnectors
import GallraCore
import GallraDatabase
import SQLKit

/// A message waiting to be sent, opened.
public struct OutgoingMessage: Sendable {
    public let id: String
    public let purpose: String
    /// The whole RFC 5322 message.
    public let message: Data
    public let attempts: Int
}

/// Every e-mail goes through the outbox: written in the caller's transaction (so a crash after
/// the request loses no mail, and a failed request sends none), sealed, sent later and retried.
public struct Outbox: StoreRegister {
    let store: Store

    /// Queues a message and returns its id; inside a transaction, it joins it. A message `about` a
    /// request (its id and subject) is on the request's timeline: queued, then sent or given up, in
    /// the audit log.
    @discardableResult
    public func enqueue(_ message: Data, purpose: String, about request: (id: String, subject: String)? = nil)
        async throws -> String
    {
        let id = Store.newID()
        let sealed = try store.keys.selfServiceCipher().seal(
            message.base64EncodedString(), context: "outbox/\(id)")
        let now = Clock.nowMillis()
        try await data.transaction { sql in
            try await sql.raw(
                """
                INSERT INTO outbox (id, purpose, message_sealed, created_at, next_attempt_at, attempts, request_id,
                    subject_id)
                VALUES (\(bind: id), \(bind: purpose), \(bind: sealed), \(bind: now), \(bind: now), 0,
                    \(bind: request?.id), \(bind: request?.subject))
                """
            ).run()
            if let request {
                try await store.audit(
                    [
                        AuditEvent(
                            "mail.queued", subject: request.subject,
                            detail: "request \(request.id): \(purpose) mail \(id) queued")
                    ], on: sql)
            }
        }
        return id
    }

    /// The audit entry of what became of a message about a request (`mail.sent`, `mail.failed`).
    func noteAbout(_ id: String, _ action: String, _ what: String, on sql: any SQLDatabase) async throws {
        guard
            let row = try await sql.raw(
                "SELECT purpose, request_id, subject_id FROM outbox WHERE id = \(bind: id)"
            ).first(),
            let request = try row.decode(column: "request_id", as: String?.self),
            let subject = try row.decode(column: "subject_id", as: String?.self)
        else { return }
        let purpose = try row.decode(column: "purpose", as: String.self)
        try await store.audit(
            [AuditEvent(action, subject: subject, detail: "request \(request): \(purpose) mail \(id) \(what)")], on: sql
        )
    }

    /// Messages due now, the oldest first. A message that cannot be read back whole is never
    /// sent in part or empty: it is marked failed, with the reason, and left out.
    public func due(limit: Int = 20, at now: Date = Date()) async throws -> [OutgoingMessage] {
        let rows = try await data.read.raw(
            """
            SELECT id, purpose, message_sealed, attempts FROM outbox
            WHERE sent_at IS NULL AND failed_at IS NULL AND sending_at IS NULL
                AND next_attempt_at <= \(bind: now.millis)
            ORDER BY next_attempt_at, id LIMIT \(bind: limit)
            """
        ).all()
        var due: [OutgoingMessage] = []
        for row in rows {
            if let message = try await outgoing(row) { due.append(message) }
        }
        return due
    }

    /// The message of an outbox row, opened; nil (and the row marked failed, never to be tried
    /// again) when it cannot be read back.
    func outgoing(_ row: any SQLRow) async throws -> OutgoingMessage? {
        let id = try row.decode(column: "id", as: String.self)
        let text = try store.keys.selfServiceCipher().open(
            try row.decode(column: "message_sealed", as: Data.self), context: "outbox/\(id)")
        guard let message = Data(base64Encoded: text), !message.isEmpty else {
            try await markAttemptFailed(
                id, error: "The message in the outbox could not be read back; it was not sent.", retry: nil)
            return nil
        }
        return OutgoingMessage(
            id: id, purpose: try row.decode(column: "purpose", as: String.self), message: message,
            attempts: try row.decode(column: "attempts", as: Int.self))
    }

    /// Sent: the message itself is dropped; the row stays as a record that it went. (A message
    /// given up as interrupted that its server then finished handing over is recorded sent: it was.)
    /// Marking it again changes nothing, so that a mark whose commit was lost may be tried again.
    public func markSent(_ id: String) async throws {
        try await data.transaction { sql in
            let changed = try await sql.raw(
                """
                UPDATE outbox SET sent_at = \(bind: Clock.nowMillis()), message_sealed = \(bind: Data())
                WHERE id = \(bind: id) AND sent_at IS NULL RETURNING id
                """
            ).first()
            if changed != nil { try await self.noteAbout(id, "mail.sent", "sent", on: sql) }
        }
    }

    /// Not sent: tried again at `retry`, or given up (marked failed) when `retry` is nil.
    public func markAttemptFailed(_ id: String, error: String, retry: Date?) async throws {
        let now = Clock.nowMillis()
        try await data.transaction { sql in
            try await sql.raw(
                """
                UPDATE outbox SET attempts = attempts + 1, last_error = \(bind: error), sending_at = NULL, sending_by = NULL,
                    next_attempt_at = \(bind: retry?.millis ?? now), failed_at = \(bind: retry == nil ? now : nil)
                WHERE id = \(bind: id)
                """
            ).run()
            if retry == nil { try await self.noteAbout(id, "mail.failed", "given up", on: sql) }
        }
    }

    /// How many wait to be sent, and how many were given up.
    public func depth() async throws -> (waiting: Int, failed: Int) {
        let row = try await data.read.raw(
            """
            SELECT SUM(CASE WHEN sent_at IS NULL AND failed_at IS NULL THEN 1 ELSE 0 END) AS waiting,
                   SUM(CASE WHEN failed_at IS NOT NULL THEN 1 ELSE 0 END) AS failed FROM outbox
            """
        ).first()
        return (
            try row?.decode(column: "waiting", as: Int?.self) ?? 0,
            try row?.decode(column: "failed", as: Int?.self) ?? 0
        )
    }
}
