import Foundation
import GallraCore
import PostgresKit
import SQLKit

/// One expired record as the sweep reads it.
struct ExpiredRow: Sendable {
    /// PostgreSQL's ctid of the row when it was read.
    let location: String?
    let id: String
    let subject: String
    let activity: String
    let expires: Int64
    let shortenedBy: Int64?
}

/// A batch of expired records, with the holds and restrictions in force when it was read.
struct ExpiredBatch: Sendable {
    var rows: [ExpiredRow] = []
    var holds = HoldsInForce()
}

extension Store {
    /// The next expired records in (expiry, id) order after the cursor, read on `connection`, with
    /// the holds in force.
    func expiredBatch(
        before now: Int64, after cursor: (expires: Int64, id: String)?, limit: Int, on connection: StoreConnection
    ) async throws -> ExpiredBatch {
        let rows = try await expiredRecords(before: now, after: cursor, limit: limit, on: connection)
        guard !rows.isEmpty else { return ExpiredBatch() }
        return ExpiredBatch(rows: rows, holds: try await holdsInForce(at: now, on: connection.sql))
    }

    /// The expiry index makes the cost grow with the number of expired records, not with the store.
    private func expiredRecords(
        before now: Int64, after cursor: (expires: Int64, id: String)?, limit: Int, on connection: StoreConnection
    ) async throws -> [ExpiredRow] {
        if let postgres = connection.postgres {
            return try await connection.alone {
                try await expiredRecords(
                    before: now, after: cursor, limit: limit, on: postgres, logger: connection.logger)
            }
        }
        var query = SQLQueryString(
            "SELECT id, subject_id, activity, expires_at, shortened_by FROM records WHERE expires_at <= \(bind: now)")
        if let cursor {
            query = "\(query) AND (expires_at, id) > (\(bind: cursor.expires), \(bind: cursor.id))"
        }
        query = "\(query) ORDER BY expires_at, id LIMIT \(bind: limit)"
        return try await connection.sql.raw(query).all().map { row in
            ExpiredRow(
                location: nil,
                id: try row.decode(column: "id", as: String.self),
                subject: try row.decode(column: "subject_id", as: String.self),
                activity: try row.decode(column: "activity", as: String.self),
                expires: try row.decode(column: "expires_at", as: Int64.self),
                shortenedBy: try row.decode(column: "shortened_by", as: Int64?.self))
        }
    }

    /// The same on PostgreSQL, decoded by position (SQLKit's decoding by column name costs more than
    /// the query), with each row's ctid so that the batch can delete it without a second index look-up.
    private func expiredRecords(
        before now: Int64, after cursor: (expires: Int64, id: String)?, limit: Int, on postgres: PostgresConnection,
        logger: Logger
    ) async throws -> [ExpiredRow] {
        let query: PostgresQuery =
            if let cursor {
                """
                SELECT ctid::text, id, subject_id, activity, expires_at, shortened_by FROM records
                WHERE expires_at <= \(now) AND (expires_at, id) > (\(cursor.expires), \(cursor.id))
                ORDER BY expires_at, id LIMIT \(limit)
                """
            } else {
                """
                SELECT ctid::text, id, subject_id, activity, expires_at, shortened_by FROM records
                WHERE expires_at <= \(now) ORDER BY expires_at, id LIMIT \(limit)
                """
            }
        // Collected first, then decoded in one synchronous pass: no suspension per row.
        return try await postgres.query(query, logger: logger).collect().map { row in
            let (location, id, subject, activity, expires, shortenedBy) = try row.decode(
                (String, String, String, String, Int64, Int64?).self)
            return ExpiredRow(
                location: location, id: id, subject: subject, activity: activity, expires: expires,
                shortenedBy: shortenedBy)
        }
    }
}
