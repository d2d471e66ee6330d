import Foundation
import GallraCore
import SQLKit

/// One record to take out of the store, and the evidence written for it.
struct Removal: Sendable {
    let record: String
    /// Where the row was when it was read (PostgreSQL's ctid), when known.
    var location: String? = nil
    let subject: String
    let activity: String
    let action: ExpiryAction
    let evidence: String
}

/// What a removal did: the records taken out, and the subjects left with nothing and erased.
struct RemovalOutcome: Sendable {
    var removed: [Removal]
    var emptied: [String]
}

extension Store {
    /// Erases or anonymises records inside the caller's transaction, each with its audit entry. A
    /// record that is no longer where it was read (changed or removed meanwhile) is left alone. A
    /// subject left with no record is erased whole: identifiers, events, holds, consents, limits,
    /// sealed request notes, and (through a tombstone, after the commit) its data key.
    func remove(_ removals: [Removal], at nowMillis: Int64, on sql: any SQLDatabase) async throws -> RemovalOutcome {
        let deletion = try await deleteRecords(removals, at: nowMillis, on: sql)
        let removed = deletion.left.isEmpty ? removals : removals.filter { !deletion.left.contains($0.record) }
        let emptied = deletion.emptied
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
        var evidence = removed.map {
            AuditEvent(
                $0.action == .erase ? "record.erase" : "record.anonymise", subject: $0.subject, activity: $0.activity,
                detail: $0.evidence)
        }
        evidence += emptied.map {
            AuditEvent(
                "subject.erase", subject: $0, detail: "nothing left: identifiers, events and data key destroyed")
        }
        try await audit(evidence, on: sql)
        return RemovalOutcome(removed: removed, emptied: emptied)
    }
}
