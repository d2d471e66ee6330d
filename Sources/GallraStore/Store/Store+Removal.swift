import Foundation
import GallraCore
import SQLKit

/// One record to take out of the store, and the evidence written for it.
struct Removal: Sendable {
    let record: String
    let subject: String
    let activity: String
    let action: ExpiryAction
    let evidence: String
}

extension Store {
    /// Erases or anonymises records inside the caller's transaction, each with its audit entry. A
    /// subject left with no record is erased whole: identifiers, events, holds, consents, limits,
    /// sealed request notes, and (through a tombstone, after the commit) its data key. Returns the
    /// subjects erased.
    func remove(_ removals: [Removal], at nowMillis: Int64, on sql: any SQLDatabase) async throws -> [String] {
        let ids = removals.map(\.record)
        let anonymise = removals.filter { $0.action == .anonymise }.map(\.record)
        let subjects = Array(Set(removals.map(\.subject)))
        if !anonymise.isEmpty {
            // Kept for statistics: activity, category, system and when; no value, no subject.
            try await sql.raw(
                """
                INSERT INTO anonymised_records (id, activity, category, system, collected_at, anonymised_at)
                SELECT id, activity, category, system, collected_at, \(bind: nowMillis) FROM records
                WHERE \(sql.member("id", of: anonymise))
                """
            ).run()
        }
        try await sql.raw("DELETE FROM events WHERE \(sql.member("record_id", of: ids))").run()
        try await sql.raw("DELETE FROM records WHERE \(sql.member("id", of: ids))").run()
        // Subjects with no record left: one index probe each, stopping at the first record found.
        let emptied = try await sql.raw(
            """
            SELECT id FROM subjects WHERE \(sql.member("id", of: subjects))
            AND NOT EXISTS (SELECT 1 FROM records WHERE records.subject_id = subjects.id) ORDER BY id
            """
        ).all().map { try $0.decode(column: "id", as: String.self) }
        if !emptied.isEmpty {
            for table in [
                "subject_identifiers", "events", "holds", "consents", "processing_limits", "request_grounds",
                "request_corrections", "incident_subjects",
            ] {
                try await sql.delete(from: table).where("subject_id", .in, emptied).run()
            }
            try await sql.delete(from: "subjects").where("id", .in, emptied).run()
            var tombstones = sql.insert(into: "erased_subjects").columns("subject_id", "erased_at")
            for subject in emptied { tombstones = tombstones.values(SQLBind(subject), SQLBind(nowMillis)) }
            try await tombstones.run()
        }
        var evidence = removals.map {
            AuditEvent(
                $0.action == .erase ? "record.erase" : "record.anonymise", subject: $0.subject, activity: $0.activity,
                detail: $0.evidence)
        }
        evidence += emptied.map {
            AuditEvent(
                "subject.erase", subject: $0, detail: "nothing left: identifiers, events and data key destroyed")
        }
        try await audit(evidence, on: sql)
        return emptied
    }
}
