import Foundation
import GallraConnectors
import GallraCore
import GallraDatabase
import SQLKit

/// Several servers on one database send the outbox together, each message at most once.
///
/// A server claims one message at a time: one statement marks it as being handed over by this
/// server (`sending_at`, `sending_by`) and commits before the transport is called; on PostgreSQL
/// it skips the rows other servers hold (`FOR UPDATE SKIP LOCKED`). Then it is marked sent, or
/// failed (and due again). A server that dies between the claim and the mark leaves a message that
/// may or may not have gone: it is never sent again (at most once: nobody gets a confirmation
/// twice), but given up with a note saying so, once its server is known gone (on this host) or
/// after `interruptedAfter`. "Sent" is only ever read from a row marked sent.
extension Outbox {
    /// A message being handed over for longer than this is taken for interrupted.
    public static let interruptedAfter: TimeInterval = 600
    /// What the record of an interrupted message says.
    static let interruptedNote = MailRecord.interruptedNote

    /// Claims the oldest message due now for this server, or nil when none is left. A message that
    /// cannot be read back whole is given up (never sent in part or empty) and the next is taken.
    public func claimNext(at now: Date = Date()) async throws -> OutgoingMessage? {
        let skipLocked: SQLQueryString = data.dialect == .postgres ? "FOR UPDATE SKIP LOCKED" : ""
        while true {
            let row = try await data.transaction { sql in
                try await sql.raw(
                    """
                    UPDATE outbox SET sending_at = \(bind: Clock.nowMillis()), sending_by = \(bind: store.lockOwner)
                    WHERE id = (
                        SELECT id FROM outbox
                        WHERE sent_at IS NULL AND failed_at IS NULL AND sending_at IS NULL
                            AND next_attempt_at <= \(bind: now.millis)
                        ORDER BY next_attempt_at, id LIMIT 1 \(skipLocked))
                    AND sent_at IS NULL AND failed_at IS NULL AND sending_at IS NULL
                    RETURNING id, purpose, message_sealed, attempts
                    """
                ).first()
            }
            guard let row else {
                // Nothing due, or on PostgreSQL every due row was held a moment by another server's
                // claim: it has it, or this server finds it in its next round.
                return nil
            }
            guard let message = try await outgoing(row) else { continue }
            return message
        }
    }

    /// Gives up the messages whose handing over was interrupted (their server is gone, or it has
    /// taken longer than `interruptedAfter`); returns their ids.
    @discardableResult
    public func settleInterrupted(at now: Date = Date()) async throws -> [String] {
        let rows = try await data.read.raw(
            """
            SELECT id, sending_by, sending_at FROM outbox
            WHERE sending_at IS NOT NULL AND sent_at IS NULL AND failed_at IS NULL
            """
        ).all()
        let late = now.millis - Int64(Self.interruptedAfter * 1000)
        var settled: [String] = []
        for row in rows {
            let id = try row.decode(column: "id", as: String.self)
            let owner = try row.decode(column: "sending_by", as: String?.self) ?? ""
            let since = try row.decode(column: "sending_at", as: Int64.self)
            guard owner != store.lockOwner || since < late else { continue }
            guard since < late || RetentionSweep.holderIsGone(owner) else { continue }
            let changed = try await data.transaction { sql in
                let row = try await sql.raw(
                    """
                    UPDATE outbox SET failed_at = \(bind: Clock.nowMillis()), attempts = attempts + 1,
                        last_error = \(bind: Self.interruptedNote)
                    WHERE id = \(bind: id) AND sending_at = \(bind: since) AND sent_at IS NULL AND failed_at IS NULL
                    RETURNING id
                    """
                ).first()
                if row != nil { try await noteAbout(id, "mail.failed", "interrupted while being sent", on: sql) }
                return row != nil
            }
            if changed { settled.append(id) }
        }
        return settled
    }
}
