import Foundation
import GallraConnectors
import GallraCore
import GallraDatabase
import PostgresKit
import SQLKit

/// What deleting a set of records did, before the subjects left with nothing are erased.
struct RecordDeletion: Sendable {
    /// Records not deleted: no longer where they were read (changed or removed meanwhile).
    var left: Set<String> = []
    /// Subjects with no record left.
    var emptied: [String] = []
}

extension RetentionSweep {
    /// Deletes the records in the caller's transaction, with their record-scoped events, first
    /// keeping an anonymised copy (activity, category, system and when; no value, no subject) of
    /// those whose activity anonymises; then finds the subjects left with no record.
    func deleteRecords(_ removals: [Removal], at nowMillis: Int64, in connection: StoreConnection) async throws
        -> RecordDeletion
    {
        if connection.postgres != nil {
            // The connection of the moment is taken holding the gate: a lost one is replaced first.
            return try await connection.alone {
                guard let postgres = connection.postgres else {
                    throw GallraError.integrity("No PostgreSQL connection.")
                }
                return try await deleteRecords(removals, at: nowMillis, on: postgres, logger: connection.logger)
            }
        }
        let sql = connection.sql
        let anonymise = removals.filter { $0.action == .anonymise }.map(\.record)
        if !anonymise.isEmpty {
            try await sql.raw(
                """
                INSERT INTO anonymised_records (id, activity, category, system, collected_at, anonymised_at)
                SELECT id, activity, category, system, collected_at, \(bind: nowMillis) FROM records
                WHERE \(sql.member("id", of: anonymise))
                """
            ).run()
        }
        // SQLite's write transaction excludes every other writer, so the statements agree on the rows.
        let ids = removals.map(\.record)
        try await sql.raw("DELETE FROM events WHERE \(sql.member("record_id", of: ids))").run()
        let deleted = Set(
            try await sql.raw("DELETE FROM records WHERE \(sql.member("id", of: ids)) RETURNING id").all().map {
                try $0.decode(column: "id", as: String.self)
            })
        // One index probe per subject, stopping at the first record found.
        let emptied = try await sql.raw(
            """
            SELECT id FROM subjects WHERE \(sql.member("id", of: Array(Set(removals.map(\.subject)))))
            AND NOT EXISTS (SELECT 1 FROM records WHERE records.subject_id = subjects.id) ORDER BY id
            """
        ).all().map { try $0.decode(column: "id", as: String.self) }
        return RecordDeletion(left: Set(ids).subtracting(deleted), emptied: emptied)
    }

    /// PostgreSQL: one statement, one round trip. Rows whose location is known are reached by it
    /// (no index look-up), and a row changed since it was read has moved: it is left for the next
    /// sweep to judge again. Every part of the statement sees the records as they were before it,
    /// so a subject is left with nothing when it had no more records than were deleted (its index
    /// entries counted, stopping one past the batch's records of it, which are at least as many). The
    /// counting is made to run before the first deletion (the deletion waits for its total): the
    /// pages are then still marked all-visible, and the index answers without visiting the table.
    /// Only the exceptions come back: rows left, subjects emptied.
    private func deleteRecords(
        _ removals: [Removal], at nowMillis: Int64, on postgres: PostgresConnection, logger: Logger
    ) async throws -> RecordDeletion {
        let located = removals.allSatisfy { $0.location != nil }
        // unnest pads the shorter arrays with NULL: without locations, rows are matched by id alone.
        let query: PostgresQuery = """
            WITH batch AS (
                SELECT * FROM unnest(\(removals.map(\.record)), \(removals.map { $0.action == .anonymise }),
                                     \(removals.map(\.subject)), \(located ? removals.compactMap(\.location) : [])::tid[])
                    AS b(id, anonymise, subject, location)
            ), subjects AS MATERIALIZED (
                SELECT s.subject, s.n,
                    (SELECT count(*) FROM (SELECT FROM records r WHERE r.subject_id = s.subject LIMIT s.n + 1) x) AS total
                FROM (SELECT subject, count(*) AS n FROM batch GROUP BY subject) s
            ), gone AS (
                DELETE FROM records r USING batch b
                WHERE r.id = b.id \(unescaped: located ? "AND r.ctid = b.location" : "")
                    AND (SELECT count(*) FROM subjects) > 0
                RETURNING r.id, r.subject_id, r.activity, r.category, r.system, r.collected_at, b.anonymise
            ), kept AS (
                INSERT INTO anonymised_records (id, activity, category, system, collected_at, anonymised_at)
                SELECT id, activity, category, system, collected_at, \(nowMillis) FROM gone WHERE anonymise
            ), events_gone AS (
                DELETE FROM events e USING gone WHERE e.record_id = gone.id
            )
            SELECT 'left', b.id FROM batch b WHERE NOT EXISTS (SELECT 1 FROM gone WHERE gone.id = b.id)
            UNION ALL
            SELECT 'emptied', s.subject FROM subjects s
            JOIN (SELECT subject_id, count(*) AS deleted FROM gone GROUP BY subject_id) g ON g.subject_id = s.subject
            WHERE s.total = g.deleted
            """
        var deletion = RecordDeletion()
        for try await (what, id) in try await postgres.query(query, logger: logger).decode((String, String).self) {
            if what == "left" { deletion.left.insert(id) } else { deletion.emptied.append(id) }
        }
        deletion.emptied.sort()
        return deletion
    }
}
