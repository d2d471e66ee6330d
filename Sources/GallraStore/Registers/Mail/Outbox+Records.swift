import Foundation
import GallraCore
import GallraDatabase
import SQLKit

extension Outbox {
    /// The messages about a request, the oldest first, as their rows record them.
    public func records(ofRequest id: String) async throws -> [MailRecord] {
        try await data.read.raw(
            """
            SELECT id, purpose, request_id, created_at, attempts, next_attempt_at, sent_at, failed_at, last_error
            FROM outbox WHERE request_id = \(bind: id) ORDER BY created_at, id
            """
        ).all().map(Self.record)
    }

    /// The messages with these ids, in the order of `ids`, as their rows record them.
    public func records(ids: [String]) async throws -> [MailRecord] {
        guard !ids.isEmpty else { return [] }
        let found = try await data.read.raw(
            """
            SELECT id, purpose, request_id, created_at, attempts, next_attempt_at, sent_at, failed_at, last_error
            FROM outbox WHERE id IN (\(binds: ids))
            """
        ).all().map(Self.record)
        return ids.compactMap { id in found.first { $0.id == id } }
    }

    /// A page of the outbox, the newest first: `state` nil for every message, else only those in it
    /// (`queued`, `sent`, `failed`); and how many there are in all.
    public func records(state: String?, limit: Int, offset: Int) async throws -> (records: [MailRecord], total: Int) {
        let condition: SQLQueryString =
            switch state {
            case "queued": "sent_at IS NULL AND failed_at IS NULL"
            case "sent": "sent_at IS NOT NULL"
            case "failed": "failed_at IS NOT NULL"
            default: "1 = 1"
            }
        let rows = try await data.read.raw(
            """
            SELECT id, purpose, request_id, created_at, attempts, next_attempt_at, sent_at, failed_at, last_error
            FROM outbox WHERE \(condition) ORDER BY created_at DESC, id DESC
            LIMIT \(bind: max(0, limit)) OFFSET \(bind: max(0, offset))
            """
        ).all()
        let total =
            try await data.read.raw("SELECT count(*) AS n FROM outbox WHERE \(condition)").first()?
            .decode(column: "n", as: Int.self) ?? 0
        return (try rows.map(Self.record), total)
    }

    private static func record(_ row: any SQLRow) throws -> MailRecord {
        let state: MailRecord.State
        if let sent = try row.decode(column: "sent_at", as: Int64?.self) {
            state = .sent(Date(millis: sent))
        } else if let failed = try row.decode(column: "failed_at", as: Int64?.self) {
            state = .failed(Date(millis: failed))
        } else {
            state = .queued(nextAttempt: Date(millis: try row.decode(column: "next_attempt_at", as: Int64.self)))
        }
        return MailRecord(
            id: try row.decode(column: "id", as: String.self),
            purpose: try row.decode(column: "purpose", as: String.self),
            request: try row.decode(column: "request_id", as: String?.self),
            queuedAt: Date(millis: try row.decode(column: "created_at", as: Int64.self)),
            attempts: try row.decode(column: "attempts", as: Int.self), state: state,
            lastError: try row.decode(column: "last_error", as: String?.self))
    }
}
