import Foundation
import GallraConnectors
import GallraCore
import GallraDatabase
import Synchronization

/// The journal's entries written within a transaction that has not yet committed.
final class JournalWrites: Sendable {
    let entries = Mutex<[Int]>([])
}

extension ErasureJournal {
    @TaskLocal static var pending: JournalWrites?

    /// Runs `body`, a transaction that may erase: should it fail, every erasure journaled within
    /// it is marked aborted, so that a restore does not carry out what never happened. Within
    /// another such transaction on the same database, that one marks them; `apart`: `body` commits
    /// in a database of its own (a connected one), whatever becomes of the transaction around it.
    nonisolated(nonsending) func aborting<T>(apart: Bool = false, _ body: () async throws -> T) async throws -> T {
        if Self.pending != nil && !apart { return try await body() }
        let writes = JournalWrites()
        do {
            return try await Self.$pending.withValue(writes) { try await body() }
        } catch {
            // A commit cut off may have gone through: its erasures stay in the journal, so that a
            // restore carries them out (toward erasure, never toward bringing someone back).
            if let failure = error as? GallraError, failure.isCommitInDoubt { throw error }
            for seq in writes.entries.withLock({ $0 }) {
                // An abort that cannot be written leaves the erasure in the journal, and a restore then
                // erases what was decided to be erased: it fails toward erasure, never toward keeping.
                // try?: so the fallback is safe; the transaction's own error is thrown
                _ = try? append(Entry(seq: 0, at: Clock.nowMillis(), kind: .abort, of: seq))
            }
            throw error
        }
    }

    /// Appends an erasure about to be carried out; within `aborting`, it is marked aborted should
    /// its transaction fail.
    func record(_ entry: Entry) throws(GallraError) {
        try record([entry])
    }

    /// Appends several erasures about to be carried out together, durable by one fsync.
    func record(_ entries: [Entry]) throws(GallraError) {
        let numbers = try append(entries)
        Self.pending?.entries.withLock { $0.append(contentsOf: numbers) }
    }

    /// Records erased or anonymised in the store and the subjects erased whole.
    func recordStore(_ removed: [Removal], emptied: [String], by: String) throws(GallraError) {
        guard !removed.isEmpty || !emptied.isEmpty else { return }
        try record(
            Entry(
                seq: 0, at: Clock.nowMillis(), kind: .store, by: by,
                erased: removed.filter { $0.action == .erase }.map(\.record),
                anonymised: removed.filter { $0.action == .anonymise }.map(\.record), subjects: emptied))
    }

    /// Rows of a connected table about to be erased or anonymised.
    func recordConnected(
        system: String, table: String, action: RowAction, keys: [[KeyValue]], by: String
    ) throws(GallraError) {
        try recordConnected([(table, action, keys)], system: system, by: by)
    }

    /// Rows of several tables of one system about to be erased or anonymised together (a request's
    /// changes): one line each, made durable at once.
    func recordConnected(
        _ changes: [(table: String, action: RowAction, keys: [[KeyValue]])], system: String, by: String
    ) throws(GallraError) {
        let entries = changes.compactMap { change -> Entry? in
            let name: String
            switch change.action {
            case .erase: name = "erase"
            case .anonymise: name = "anonymise"
            default: return nil
            }
            guard !change.keys.isEmpty else { return nil }
            return Entry(
                seq: 0, at: Clock.nowMillis(), kind: .connected, by: by, system: system, table: change.table,
                action: name, keys: change.keys.map(parts))
        }
        guard !entries.isEmpty else { return }
        try record(entries)
    }
}
