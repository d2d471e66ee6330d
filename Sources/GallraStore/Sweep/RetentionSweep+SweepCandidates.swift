import Foundation
import GallraConnectors
import GallraCore
import GallraDatabase
import PostgresKit
import SQLKit

/// What the sweep does with an expired record.
enum SweepVerdict: Int, Sendable {
    case due = 0
    /// Kept by a legal hold or a restriction.
    case held = 1
    /// Made to expire by a shorter rule that no dry run has reported yet.
    case awaitingReview = 2
}

/// Where a sweep is in the expired records: the last one it judged, in (expiry, id) order.
struct SweepCursor: Sendable {
    let expires: Int64
    let id: String
}

/// The next expired records after a cursor, each with its verdict, judged in SQL, so that
/// PostgreSQL can judge and remove a batch in one statement and SQLite and the dry run read the
/// same verdicts. The instant and the limit are numbers the sweep computed, written into the text;
/// the cursor's id is bound.
struct SweepCandidates {
    let now: Int64
    let after: SweepCursor?
    let limit: Int
    /// Whether records that wait for a review are kept (not in a dry run, which is the review).
    let reviewing: Bool

    /// The SELECT of the records `r`, with their verdict and the `extra` columns, in two parts: the
    /// cursor's id is bound between them (with no cursor, the second is empty).
    func select(extra: String = "") -> (beforeCursorID: String, afterCursorID: String) {
        let review =
            reviewing
            ? """
             WHEN r.shortened_by IS NOT NULL AND NOT EXISTS (SELECT 1 FROM register_versions v
                WHERE v.version = r.shortened_by AND v.reviewed_at IS NOT NULL) THEN \(SweepVerdict.awaitingReview.rawValue)
            """ : ""
        let head = """
            SELECT r.id, r.subject_id, r.activity, r.expires_at\(extra),
                CASE WHEN \(Self.kept(record: "r", at: now)) THEN \(SweepVerdict.held.rawValue)\(review)
                ELSE \(SweepVerdict.due.rawValue) END AS verdict
            FROM records r WHERE r.expires_at <= \(now)
            """
        let order = " ORDER BY r.expires_at, r.id LIMIT \(limit)"
        guard let after else { return (head + order, "") }
        return (head + " AND (r.expires_at, r.id) > (\(after.expires), ", ")" + order)
    }

    /// SQL, true when a legal hold in force at `now` (GDPR Art. 17(3)(e)) or a restriction
    /// (Art. 18(2)) keeps `record` (an alias of `records`). The sweep and the forecast both ask it.
    static func kept(record r: String, at now: Int64) -> String {
        """
        (EXISTS (SELECT 1 FROM holds h WHERE h.subject_id = \(r).subject_id
            AND (h.activity IS NULL OR h.activity = \(r).activity)
            AND h.released_at IS NULL AND (h.until_at IS NULL OR h.until_at > \(now)))
        OR EXISTS (SELECT 1 FROM processing_limits p WHERE p.subject_id = \(r).subject_id
            AND (p.activity IS NULL OR p.activity = \(r).activity)
            AND p.lifted_at IS NULL AND p.kind = '\(SubjectExport.Limit.Kind.restriction.rawValue)'))
        """
    }
}

/// One expired record and its verdict.
struct SweepCandidate: Sendable {
    /// PostgreSQL's ctid of the row when it was read.
    var location: String? = nil
    let id: String
    let subject: String
    let activity: String
    let expires: Int64
    let verdict: SweepVerdict
}

extension RetentionSweep {
    /// Reads the candidates on `connection`. The expiry index makes the cost grow with the number
    /// of expired records, not with the store.
    func read(_ candidates: SweepCandidates, on connection: StoreConnection) async throws -> [SweepCandidate] {
        if connection.postgres != nil {
            // The connection of the moment is taken holding the gate: a lost one is replaced first.
            return try await connection.alone {
                guard let postgres = connection.postgres else {
                    throw GallraError.integrity("No PostgreSQL connection.")
                }
                return try await read(candidates, on: postgres, logger: connection.logger)
            }
        }
        let (head, tail) = candidates.select()
        let query: SQLQueryString =
            candidates.after.map { "\(unsafeRaw: head)\(bind: $0.id)\(unsafeRaw: tail)" } ?? "\(unsafeRaw: head)"
        return try await connection.sql.raw(query).all().map { row in
            SweepCandidate(
                id: try row.decode(column: "id", as: String.self),
                subject: try row.decode(column: "subject_id", as: String.self),
                activity: try row.decode(column: "activity", as: String.self),
                expires: try row.decode(column: "expires_at", as: Int64.self),
                verdict: SweepVerdict(rawValue: try row.decode(column: "verdict", as: Int.self)) ?? .held)
        }
    }

    /// The same on PostgreSQL, decoded by position (SQLKit's decoding by column name costs more than
    /// the query), with each row's ctid so that the batch can delete it without a second index look-up.
    private func read(_ candidates: SweepCandidates, on postgres: PostgresConnection, logger: Logger) async throws
        -> [SweepCandidate]
    {
        let (head, tail) = candidates.select(extra: ", r.ctid::text")
        var query = PostgresQuery.StringInterpolation(
            literalCapacity: head.utf8.count + tail.utf8.count, interpolationCount: 1)
        query.appendLiteral(head)
        if let cursor = candidates.after {
            query.appendInterpolation(cursor.id)
            query.appendLiteral(tail)
        }
        // Collected first, then decoded in one synchronous pass: no suspension per row.
        return try await postgres.query(PostgresQuery(stringInterpolation: query), logger: logger).collect().map {
            row in
            let (id, subject, activity, expires, location, verdict) = try row.decode(
                (String, String, String, Int64, String, Int).self)
            return SweepCandidate(
                location: location, id: id, subject: subject, activity: activity, expires: expires,
                verdict: SweepVerdict(rawValue: verdict) ?? .held)
        }
    }
}

extension SweepCandidate {
    var cursor: SweepCursor { SweepCursor(expires: expires, id: id) }
}
