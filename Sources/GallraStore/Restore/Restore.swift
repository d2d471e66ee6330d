import Foundation
import GallraConnectors
import GallraCore
import GallraDatabase
import SQLKit

/// After the database was restored from a backup: every erasure the erasure journal holds that
/// the database does not reflect is carried out again, so that no one erased since the backup
/// comes back (issue 35, item 4). Their data keys are gone already (the keyring is apart from the
/// data), but their rows, pseudonymous ids and connected rows came back with the backup.
public struct Restore: StoreRegister {
    let store: Store
}

extension Store {
    /// Erasing again, after a restore from a backup, what the erasure journal says was erased.
    public var restore: Restore { Restore(store: self) }
}

/// What a replay of the erasure journal did, read from what it changed.
public struct RestoreReport: Sendable {
    /// The erasures the journal holds (those its transaction never committed left out).
    public var journalEntries = 0
    /// The entries the database did not reflect, carried out again.
    public var replayedEntries: [Int] = []
    /// Subjects erased whole again, by pseudonymous id.
    public var subjectsErased: [String] = []
    public var recordsErased = 0
    public var recordsAnonymised = 0
    public var connected: [ConnectedRows] = []
    /// What could not be carried out again, each with why.
    public var failures: [String] = []

    /// Rows of one connected table changed again.
    public struct ConnectedRows: Sendable {
        public let system: String
        public let table: String
        public let action: ExpiryAction
        /// The rows changed as the journal said, by reference (`TABLE:KEY`) when their key is a
        /// number, else counted only (a text key may be an address).
        public var references: [String] = []
        public var changed = 0
        /// Erasures the database refused (other rows still refer to them): anonymised instead.
        public var anonymisedInstead = 0
        /// Refused and left as they are.
        public var kept = 0
    }

    /// Whether the replay did anything.
    public var isEmpty: Bool {
        subjectsErased.isEmpty && recordsErased == 0 && recordsAnonymised == 0
            && connected.allSatisfy { $0.changed == 0 && $0.anonymisedInstead == 0 && $0.kept == 0 }
    }
}

extension Restore {
    /// Records per transaction of the replay.
    static let batchSize = 1_000

    /// Reads the journal (refusing one that does not hold), carries out again every erasure the
    /// database does not reflect, in Gallra's store and in the connected databases, each with its
    /// evidence in the audit log, destroys the erased subjects' data keys should the keyring have
    /// been restored too, and says what it did. Running it again finds nothing to do.
    public func replay(at now: Date = Date()) async throws -> RestoreReport {
        let (entries, _) = try store.erasureJournal.entries()
        var report = RestoreReport(journalEntries: entries.count)
        var replayed: Set<Int> = []
        try await replayStore(entries.filter { $0.kind == .store }, at: now, into: &report, replayed: &replayed)
        try await replayConnected(entries.filter { $0.kind == .connected }, into: &report, replayed: &replayed)
        report.replayedEntries = replayed.sorted()
        try await store.sweep.destroyErasedSubjectKeys()
        let connectedRows = report.connected.reduce(0) { $0 + $1.changed + $1.anonymisedInstead }
        let summary =
            "erasure journal: \(report.journalEntries) erasures, \(report.replayedEntries.count) not reflected "
            + "in the database and carried out again: \(report.subjectsErased.count) subjects erased, "
            + "\(report.recordsErased) records erased, \(report.recordsAnonymised) anonymised, "
            + "\(connectedRows) connected rows; \(report.failures.count) could not be"
        try await data.transaction { sql in
            try await self.audit([AuditEvent("restore.replay", detail: summary)], on: sql)
        }
        return report
    }

    /// The store's records and subjects the journal says are gone but the database holds.
    private func replayStore(
        _ entries: [ErasureJournal.Entry], at now: Date, into report: inout RestoreReport, replayed: inout Set<Int>
    ) async throws {
        // Each record and subject with the entry that erased it (the first, should several).
        var entryOf: [String: (seq: Int, action: ExpiryAction)] = [:]
        var subjectEntry: [String: Int] = [:]
        for entry in entries {
            for record in entry.erased ?? [] where entryOf[record] == nil { entryOf[record] = (entry.seq, .erase) }
            for record in entry.anonymised ?? [] where entryOf[record] == nil {
                entryOf[record] = (entry.seq, .anonymise)
            }
            for subject in entry.subjects ?? [] where subjectEntry[subject] == nil { subjectEntry[subject] = entry.seq }
        }
        var removals: [Removal] = []
        var waiting = 0
        for chunk in Array(entryOf.keys).sorted().chunked(into: Self.batchSize).map(Array.init) {
            for row in try await data.read.raw(
                "SELECT id, subject_id, activity, expires_at FROM records WHERE \(data.read.member("id", of: chunk))"
            ).all() {
                let id = try row.decode(column: "id", as: String.self)
                guard let erased = entryOf[id] else { continue }
                if try row.decode(column: "expires_at", as: Int64?.self) == nil { waiting += 1 }
                removals.append(
                    Removal(
                        record: id, subject: try row.decode(column: "subject_id", as: String.self),
                        activity: try row.decode(column: "activity", as: String.self), action: erased.action,
                        grounds: "restore from a backup: erasure journal entry \(erased.seq)"))
                replayed.insert(erased.seq)
            }
        }
        // A subject erased whole is erased whole again, with any record the backup held that no
        // entry names (its key is gone: nothing of it can be read).
        var present: [String] = []
        for chunk in Array(subjectEntry.keys).sorted().chunked(into: Self.batchSize).map(Array.init) {
            present += try await data.read.raw("SELECT id FROM subjects WHERE \(data.read.member("id", of: chunk))")
                .all().map { try $0.decode(column: "id", as: String.self) }
        }
        let named = Set(removals.map(\.record))
        for chunk in present.chunked(into: Self.batchSize).map(Array.init) {
            for row in try await data.read.raw(
                """
                SELECT id, subject_id, activity, expires_at FROM records
                WHERE \(data.read.member("subject_id", of: chunk)) ORDER BY id
                """
            ).all() {
                let id = try row.decode(column: "id", as: String.self)
                guard !named.contains(id) else { continue }
                let subject = try row.decode(column: "subject_id", as: String.self)
                if try row.decode(column: "expires_at", as: Int64?.self) == nil { waiting += 1 }
                removals.append(
                    Removal(
                        record: id, subject: subject, activity: try row.decode(column: "activity", as: String.self),
                        action: .erase,
                        grounds:
                            "restore from a backup: subject erased whole, erasure journal entry \(subjectEntry[subject] ?? 0)"
                    ))
            }
        }
        for subject in present { replayed.insert(subjectEntry[subject] ?? 0) }
        var emptied: [String] = []
        let waitingRemoved = waiting
        for (index, batch) in removals.chunked(into: Self.batchSize).map(Array.init).enumerated() {
            let outcome = try await data.transaction { sql in
                if index == 0 { try await Records.countWaiting(-waitingRemoved, on: sql) }
                return try await self.store.sweep.remove(batch, at: now.millis, in: self.data, evidence: .eachRecord)
            }
            report.recordsErased += outcome.removed.count { $0.action == .erase }
            report.recordsAnonymised += outcome.removed.count { $0.action == .anonymise }
            if outcome.removed.count < batch.count {
                report.failures.append(
                    "\(batch.count - outcome.removed.count) records changed while they were erased again; run gallra restore again"
                )
            }
            emptied += outcome.emptied
        }
        // Subjects the backup holds with no record left at all: erased whole directly.
        let withoutRecords = Set(present).subtracting(emptied).subtracting(removals.map(\.subject)).sorted()
        if !withoutRecords.isEmpty {
            try await data.transaction { sql in
                try await self.store.sweep.eraseWhole(withoutRecords, at: now.millis, on: sql)
            }
            emptied += withoutRecords
        }
        report.subjectsErased = Array(Set(emptied)).sorted()
    }
}

extension Restore {
    /// How many of the journal's last `last` erasures in the store the database does not reflect:
    /// their records or subjects are there. More than none after a start means the database was
    /// restored from a backup (or a process was killed between an erasure's journal entry and its
    /// commit, which the next sweep or request completes). Reads only: it changes nothing.
    public func unreflected(last: Int = 100) async throws -> Int {
        let entries = try store.erasureJournal.entries().erasures.filter { $0.kind == .store }.suffix(last)
        var count = 0
        for entry in entries {
            let records = (entry.erased ?? []) + (entry.anonymised ?? [])
            let subjects = entry.subjects ?? []
            var found = false
            if !records.isEmpty {
                found =
                    try await data.read.raw(
                        "SELECT id FROM records WHERE \(data.read.member("id", of: records)) LIMIT 1"
                    ).first() != nil
            }
            if !found && !subjects.isEmpty {
                found =
                    try await data.read.raw(
                        "SELECT id FROM subjects WHERE \(data.read.member("id", of: subjects)) LIMIT 1"
                    ).first() != nil
            }
            if found { count += 1 }
        }
        return count
    }
}
