import Foundation
import GallraCore
import GallraStore

extension Gallra {
    /// After the database was restored from a backup: carries out again every erasure the
    /// erasure journal (apart from the data) holds that the database does not reflect, in the
    /// store and in the connected databases, and says what it did. Nothing to do the second time.
    public func restore(by party: Party) async throws -> RestoreReport {
        try await acting(by: party, needs: .sweep) { try await store.restore.replay() }
    }

    /// Where the erasure journal is kept.
    public var erasureJournalPath: String { store.erasureJournal.path }
}

extension Gallra {
    /// How many of the erasure journal's last erasures the database does not reflect (reads only).
    public func erasuresNotReflected(by party: Party) async throws -> Int {
        try await acting(by: party, needs: .sweep) { try await store.restore.unreflected() }
    }
}
