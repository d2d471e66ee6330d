import Foundation
import GallraConnectors
import GallraCore
import GallraDatabase

/// Where the sweep reads its batches: on the store's own connection, or, when more than one batch
/// has expired on PostgreSQL, on a second connection, so that the next batch is read while the
/// current one is removed. (Removing two halves of a batch at once on two connections was measured
/// too: PostgreSQL's WAL is the bottleneck there, and it gained nothing.)
struct SweepReader {
    let data: StoreConnection
    private var opened: StoreConnection?

    init(data: StoreConnection) { self.data = data }

    /// Where batches are read.
    var connection: StoreConnection { opened ?? data }

    /// Whether batches are read apart from the removals.
    var readsAhead: Bool { opened != nil }

    /// Opens the second connection, once; on SQLite (one connection at a time) there is none.
    mutating func readAhead() async throws {
        guard data.dialect == .postgres, opened == nil else { return }
        opened = try await StoreConnection.open(data.location, logger: data.logger)
    }

    mutating func close() async {
        await opened?.close()
        opened = nil
    }
}
