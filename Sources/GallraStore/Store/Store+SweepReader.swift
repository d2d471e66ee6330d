import Foundation
import GallraCore

/// Where the sweep reads its batches: on the store's own connection, or, when more than one batch
/// has expired on PostgreSQL, on a second connection, so that the next batch is read while the
/// current one is removed. (Removing two halves of a batch at once on two connections was measured
/// too: PostgreSQL's WAL is the bottleneck there, and it gained nothing.)
struct SweepReader {
    let data: StoreConnection
    private(set) var connection: StoreConnection
    private var opened: StoreConnection?

    init(data: StoreConnection) {
        self.data = data
        self.connection = data
    }

    /// Whether batches are read apart from the removals.
    var readsAhead: Bool { opened != nil }

    /// Opens the second connection, once; on SQLite (one connection at a time) there is none.
    mutating func readAhead() async throws {
        guard data.dialect == .postgres, opened == nil else { return }
        let reader = try await StoreConnection.open(data.location, logger: data.logger)
        opened = reader
        connection = reader
    }

    mutating func close() async {
        await opened?.close()
        opened = nil
        connection = data
    }
}

extension Store {
    /// Removes a batch in one transaction, which also renews the sweep's lock. Returns what was
    /// removed, in the batch's order (a record changed since it was read is left for the next
    /// sweep), and how many subjects were left with nothing and erased.
    func carryOut(_ batch: [(item: SweepReport.Item, location: String?)], at now: Date, calendar: ZonedCalendar)
        async throws -> (items: [SweepReport.Item], subjectsErased: Int)
    {
        let acted = calendar.rfc3339(now)
        var written: [Date: String] = [:]  // many records share an expiry: format it once
        let removals = batch.map { item, location in
            let expired = written[item.expired] ?? calendar.rfc3339(item.expired)
            written[item.expired] = expired
            return Removal(
                record: item.record, location: location, subject: item.subject, activity: item.activity,
                action: item.action,
                evidence: "record \(item.record), rule \(item.rule), expired \(expired), acted \(acted)")
        }
        let outcome = try await data.transaction { sql in
            if self.data.dialect == .postgres {
                // The batch is atomic either way; only its durability waits, for the sweep's last
                // commit, which is synchronous and comes before any data key is destroyed.
                try await sql.raw("SET LOCAL synchronous_commit = off").run()
            }
            let outcome = try await self.remove(removals, at: now.millis, in: self.data)
            try await self.renewSweepLock(on: sql)
            return outcome
        }
        let items = batch.map(\.item)
        if outcome.removed.count == batch.count { return (items, outcome.emptied.count) }
        let removed = Set(outcome.removed.map(\.record))
        return (items.filter { removed.contains($0.record) }, outcome.emptied.count)
    }
}
