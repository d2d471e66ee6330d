import Foundation
import GallraConnectors
import GallraCore
import GallraDatabase
import SQLKit
import Synchronization

extension RetentionSweep {
    /// Sweeps one table (see `runConnected`), its pass over the table reading on `reading`.
    /// Returns once the pass is done, with the task that finishes the table's changes: the next
    /// table's pass may read while they are made (its own changes wait for them: `previous`).
    func startSweep(
        _ table: ConnectedTable, of system: ConnectedSystem, reading connection: StoreConnection,
        activity: ProcessingActivity, now: Date, dryRun: Bool, batchSize: Int, held: Set<HeldRow>,
        fromStore: [StoreEventRow], calendar: ZonedCalendar, listing: Bool,
        afterBatch: (@Sendable (Int) throws -> Void)?, after previous: Task<ConnectedTableSweep, any Error>?
    ) async throws -> Task<ConnectedTableSweep, any Error> {
        guard let schema = try await store.connectors.schema(of: table, in: system, on: connection)
        else {
            throw GallraError.unavailable("System \"\(system.id)\" has no table \"\(table.table)\" any more.")
        }
        let rows = ConnectedRows(table: table, schema: schema, connection: connection)
        var report = ConnectedTableSweep(
            system: system.id, table: table.table, activity: activity.id, action: table.onExpiry)
        var condition = rows.expired(by: activity.retention, at: now, calendar: calendar)
        // The rows of people under a legal hold are left out of the sweep, and counted.
        let heldKeys = Array(
            Set(
                held.filter {
                    $0.system == system.id && $0.table == table.table
                        && ($0.activity == nil || $0.activity == activity.id)
                }.map(\.key)))
        if !heldKeys.isEmpty {
            report.held =
                try await connection.sql.raw(try rows.count(where: .keys(heldKeys) && condition))
                .first()?.decode(column: "n", as: Int.self) ?? 0
            condition = condition && .not(.keys(heldKeys))
        }
        // One pass over the table for what has expired (as the hand-written DELETE would make),
        // each row kept only as its key and expiry and handed on in batches as it streams
        // in. The batches are changed by key, each re-checked, on another connection of the
        // system's pool while the pass goes on (on SQLite, with its one connection, after
        // it). On PostgreSQL the pass waits while two batches wait for their change, so that
        // memory holds a few batches, not what has expired.
        let handover = BatchHandover<[ExpiredRow]>(limit: 2)
        let systemID = system.id
        let predicate = condition
        let changes = Task { [report] () -> ConnectedTableSweep in
            var report = report
            do {
                // The previous table's changes first, whatever this pass reads meanwhile: rows
                // that refer to each other change in the file's order, as in a sweep table by table.
                _ = try await previous?.value
                while let batch = await handover.take() {
                    // A dry run counts what the sweep would take, and changes nothing.
                    let outcome: BatchOutcome
                    if dryRun {
                        outcome = .dryRun(batch, table.onExpiry)
                    } else {
                        let connection = try await store.connectors.connection(for: system)
                        outcome = try await sweepBatch(
                            batch, rows: ConnectedRows(table: table, schema: schema, connection: connection),
                            system: systemID, activity: activity, condition: predicate, calendar: calendar)
                    }
                    report.add(outcome, of: batch, in: table, listing: listing)
                    if !dryRun { try afterBatch?(outcome.changed) }
                }
            } catch {
                await handover.abandon()
                throw error
            }
            return report
        }
        // Rows read, and the full batches not yet handed over.
        let read = Mutex<(batch: [ExpiredRow], full: [[ExpiredRow]])>(([], []))
        let retention = activity.retention
        let handOverFull: @Sendable () async -> Void = {
            for batch in read.withLock({ read in
                defer { read.full = [] }; return read.full
            }) {
                await handover.give(batch)
            }
        }
        do {
            try await rows.keysAndEvents(
                try rows.select(where: predicate, limit: nil, ordered: false), calendar: calendar,
                pace: handOverFull
            ) { key, events in
                let expired = ExpiredRow(
                    key: key, expiry: retention.outcome(events: events, calendar: calendar).expiry)
                return read.withLock { read in
                    read.batch.append(expired)
                    guard read.batch.count >= batchSize else { return false }
                    read.full.append(read.batch)
                    read.batch = []
                    return true
                }
            }
            await handOverFull()
            let rest = read.withLock { $0.batch }
            if !rest.isEmpty { await handover.give(rest) }
            await handover.finish()
        } catch {
            await handover.finish()
            changes.cancel()
            // try?: waiting for the cancelled changes to stop; the sweep's own error is thrown
            _ = try? await changes.value
            throw error
        }
        return Task {
            var report = try await changes.value
            // Then the rows that the events of their person in Gallra's store have expired.
            let heldSet = Set(heldKeys)
            let due = fromStore.filter { $0.expiredByStoreEvents(at: now) }
            report.held += due.filter { heldSet.contains($0.key) }.count
            try await sweepByStoreEvents(
                due.filter { !heldSet.contains($0.key) }, into: &report,
                rows: ConnectedRows(
                    table: table, schema: schema, connection: try await store.connectors.connection(for: system)),
                system: system, activity: activity, now: now, dryRun: dryRun, calendar: calendar, listing: listing,
                afterBatch: afterBatch)
            return report
        }
    }
}
