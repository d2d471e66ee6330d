import Foundation
import GallraConnectors
import GallraCore
import GallraDatabase
import SQLKit

/// A row the sweep found expired: its key, and its expiry by the Core evaluator.
struct ExpiredRow: Sendable {
    let key: [KeyValue]
    let expiry: Date?
}

/// What a batch did: how many rows it changed and kept, and to each row (nil: kept).
struct BatchOutcome: Sendable {
    var changed = 0
    var kept = 0
    var actions: [ExpiryAction?] = []

    /// A dry run's: every row would get the table's action.
    static func dryRun(_ batch: [ExpiredRow], _ action: ExpiryAction) -> BatchOutcome {
        BatchOutcome(changed: batch.count, actions: Array(repeating: action, count: batch.count))
    }
}

extension ConnectedTableSweep {
    /// Counts in what a batch did; with `listing`, names its rows too (those kept left out).
    mutating func add(_ outcome: BatchOutcome, of batch: [ExpiredRow], in table: ConnectedTable, listing: Bool) {
        rows += outcome.changed
        kept += outcome.kept
        if action == .erase { anonymisedInstead += outcome.actions.count { $0 == .anonymise } }
        guard listing else { return }
        items += zip(batch, outcome.actions).compactMap { row, done in
            done.map { Item(record: table.reference(row.key), expired: row.expiry, action: $0) }
        }
    }
}

extension RetentionSweep {
    /// One batch: the evidence into the audit chain, then the rows erased (or anonymised) as one
    /// plan, carried out by the row policy the requests share (`RowPlan.carryOut`): a row another
    /// row still refers to is anonymised when the table says how, else kept and counted. Each row
    /// is changed only while it still meets `condition`.
    func sweepBatch(
        _ batch: [ExpiredRow], rows: ConnectedRows, system: String,
        activity: ProcessingActivity, condition: RowCondition, calendar: ZonedCalendar
    ) async throws -> BatchOutcome {
        let evidenced = Self.evidencedBefore
        let evidence = batch.map { row in
            "\(rows.table.reference(row.key)) (expired \(row.expiry.map(calendar.rfc3339) ?? "?"))"
        }.filter { !evidenced.contains(Self.evidenced($0, in: system)) }
        let action = rows.table.onExpiry
        // An entry names at most as many rows as a sweep's entry names records, so that it stays
        // under 100 kB; the batch's entries go in one transaction.
        let entries = evidence.chunked(into: Removal.recordsPerEntry).map { rows in
            AuditEvent(
                "connected.\(action.rawValue)", activity: activity.id,
                detail: "system \(system), rule \(activity.retention): \(rows.count) rows: "
                    + rows.joined(separator: ", "))
        }
        if !entries.isEmpty { try await data.transaction { sql in try await self.audit(entries, on: sql) } }
        // The evidence's pages are not read again: SQLite's page cache lets them go, so that the
        // process's memory does not grow with what a sweep of a large database writes.
        try await data.releaseCachedPages()
        defer { ProcessMemory.releaseFree() }
        let rowAction: RowAction = action == .anonymise ? .anonymise : .erase
        let plan = RowPlan([
            RowChange(
                table: rows.table, schema: rows.schema, keys: batch.map(\.key), action: rowAction, still: condition)
        ])
        // Write-ahead, apart from the data: a restored backup of this database is told to erase again.
        let journal = store.erasureJournal
        let done = try await journal.aborting(apart: true) {
            try journal.recordConnected(
                system: system, table: rows.table.table, action: rowAction, keys: batch.map(\.key), by: "sweep")
            return try await plan.carryOut(on: rows.connection)[0]
        }
        var outcome = BatchOutcome()
        for row in done {
            switch row {
            case .done: outcome.actions.append(action)
            case .anonymisedInstead: outcome.actions.append(.anonymise)
            case .kept:
                outcome.actions.append(nil)
                outcome.kept += 1
            }
        }
        outcome.changed = batch.count - outcome.kept
        return outcome
    }
}
