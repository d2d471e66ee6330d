@preconcurrency import Crypto
import Foundation
import GallraConnectors
import GallraCore
import GallraDatabase
import PostgresKit
import SQLKit

/// One record to take out of the store, and the evidence written for it.
struct Removal: Sendable {
    let record: String
    /// Where the row was when it was read (PostgreSQL's ctid), when known.
    var location: String? = nil
    let subject: String
    let activity: String
    let action: ExpiryAction
    /// Why and how it was removed, as the audit log words it. Records removed for the same reason
    /// share it, and a sweep's share an entry (see `EvidenceForm`).
    let grounds: String

    var evidence: String { "record \(record), \(grounds)" }
}

/// What a removal did: the records taken out, and the subjects left with nothing and erased.
struct RemovalOutcome: Sendable {
    var removed: [Removal]
    var emptied: [String]
}

extension RetentionSweep {
    /// Erases or anonymises records inside the caller's transaction on `connection`, with their
    /// evidence in the audit log in the given form. A record that is no longer where it was read
    /// (changed or removed meanwhile) is left alone. A subject left with no record is erased whole:
    /// identifiers, events, holds, consents, limits, sealed request notes, and (through a tombstone,
    /// after the commit) its data key.
    func remove(
        _ removals: [Removal], at nowMillis: Int64, in connection: StoreConnection, evidence form: EvidenceForm
    ) async throws -> RemovalOutcome {
        let sql = connection.sql
        let actor = try Acting.required().description
        let (head, at, key) = (try await AuditChain.lockHead(on: sql), Clock.nowMillis(), store.auditKeys.chain)
        // The evidence is hashed (and on PostgreSQL, when it goes by COPY, encoded) on another
        // thread while the database deletes.
        let encode = connection.postgres != nil
        async let hashed = Self.evidence(
            of: removals, as: form, after: head, actor: actor, at: at, key: key, encoded: encode)
        let deletion = try await deleteRecords(removals, at: nowMillis, in: connection)
        var (entries, lines) = await hashed
        var removed = removals
        if !deletion.left.isEmpty {
            removed = removals.filter { !deletion.left.contains($0.record) }
            (entries, lines) = Self.evidence(
                of: removed, as: form, after: head, actor: actor, at: at, key: key, encoded: false)
        }
        let emptied = deletion.emptied
        if !emptied.isEmpty {
            try await deleteSubjects(emptied, at: nowMillis, on: sql)
            let erasures = emptied.map(Self.subjectErasure)
            let last = entries.last.map { AuditChain.Head(seq: $0.seq, hash: $0.hash) } ?? head
            let more = AuditChain.chain(erasures, after: last, actor: actor, at: at, key: key)
            entries += more
            lines?.writeImmutableBuffer(AuditCopy.lines(more))
        }
        // Write-ahead: in the journal apart from the data before the transaction commits, so that a
        // database restored from a backup older than this erasure is told to erase again.
        try store.erasureJournal.recordStore(removed, emptied: emptied, by: Self.journalSource(of: removals))
        try await AuditChain.write(
            entries, lines: lines, on: sql, copyingInto: connection.postgres, logger: connection.logger)
        return RemovalOutcome(removed: removed, emptied: emptied)
    }

    /// Erases subjects whole, inside the caller's transaction: identifiers, events, holds,
    /// consents, limits, sealed request notes, and (through a tombstone, after the commit) the data
    /// key; the evidence in the audit log.
    func eraseWhole(_ subjects: [String], at nowMillis: Int64, on sql: any SQLDatabase) async throws {
        try await deleteSubjects(subjects, at: nowMillis, on: sql)
        try await audit(subjects.map(Self.subjectErasure), on: sql)
    }

    private static func subjectErasure(_ subject: String) -> AuditEvent {
        AuditEvent(
            "subject.erase", subject: subject, detail: "nothing left: identifiers, events and data key destroyed")
    }

    private func deleteSubjects(_ subjects: [String], at nowMillis: Int64, on sql: any SQLDatabase) async throws {
        for table in [
            "subject_identifiers", "identifier_activities", "events", "holds", "consents", "processing_limits",
            "request_grounds",
            "request_corrections", "request_connected_corrections", "incident_subjects",
            "incident_messages",
        ] {
            try await sql.delete(from: table).where("subject_id", .in, subjects).run()
        }
        try await sql.delete(from: "subjects").where("id", .in, subjects).run()
        var tombstones = sql.insert(into: "erased_subjects").columns("subject_id", "erased_at")
        for subject in subjects { tombstones = tombstones.values(SQLBind(subject), SQLBind(nowMillis)) }
        try await tombstones.run()
    }

    /// What carried the removals out, as the erasure journal names it: a request by its id, else
    /// the sweep (a restore's own removals say so in their grounds).
    static func journalSource(of removals: [Removal]) -> String {
        guard let grounds = removals.first?.grounds else { return "sweep" }
        for prefix in ["request ", "restore"] where grounds.hasPrefix(prefix) {
            return String(grounds.prefix { $0 != "," })
        }
        return "sweep"
    }

    /// The audit entries of the removals, chained after `head`, and their COPY lines when `encoded`
    /// and they are many enough to go by COPY.
    private static func evidence(
        of removals: [Removal], as form: EvidenceForm, after head: AuditChain.Head, actor: String, at: Int64,
        key: SymmetricKey, encoded: Bool
    ) -> (entries: [AuditEntry], lines: ByteBuffer?) {
        let entries = AuditChain.chain(
            Removal.evidence(of: removals, as: form), after: head, actor: actor, at: at, key: key)
        return (entries, encoded && entries.count >= AuditCopy.threshold ? AuditCopy.lines(entries) : nil)
    }
}
