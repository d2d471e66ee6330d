import GallraCore
import GallraDatabase
import SQLKit

extension RowPlan {
    /// Carries the plan out, by the one row policy of the sweep and the requests: every change in
    /// one transaction; should the database refuse it (a row still referred to by one the file does
    /// not name), row by row, each in a transaction of its own: a row to erase is erased, else
    /// anonymised where its table says how, else kept; a row to anonymise is anonymised, else kept.
    /// A restriction or a correction the database refuses stops the plan, as does a database that
    /// stops answering: a row is reported kept only when the database refused that row.
    /// `beforeCommit` (the evidence) completes before any change commits; if it fails, nothing is
    /// changed. Returns each change's outcome, row by row in its keys' order.
    package func carryOut(
        on connection: StoreConnection, beforeCommit: (@Sendable () async throws -> Void)? = nil
    ) async throws -> [[RowOutcome]] {
        do {
            try await connection.transaction { sql in
                for change in changes where !change.keys.isEmpty {
                    try await sql.raw(try change.statement(change.action, for: change.keys, on: connection)).run()
                }
                try await beforeCommit?()
            }
            return changes.map { Array(repeating: .done, count: $0.keys.count) }
        } catch {
            // Without its evidence nothing is changed.
            try await beforeCommit?()
            return try await rowByRow(on: connection)
        }
    }

    private func rowByRow(on connection: StoreConnection) async throws -> [[RowOutcome]] {
        var outcomes: [[RowOutcome]] = []
        for change in changes {
            var outcome: [RowOutcome] = []
            for key in change.keys {
                if try await change.make(change.action, key, on: connection) {
                    outcome.append(.done)
                } else if change.action == .erase, !change.table.anonymise.isEmpty,
                    try await change.make(.anonymise, key, on: connection)
                {
                    outcome.append(.anonymisedInstead)
                } else {
                    outcome.append(.kept)
                }
            }
            outcomes.append(outcome)
        }
        return outcomes
    }
}

extension RowChange {
    /// The statement that does `action` to the rows with `keys` that still meet `still`.
    func statement(_ action: RowAction, for keys: [[KeyValue]], on connection: StoreConnection) throws
        -> SQLQueryString
    {
        let rows = ConnectedRows(table: table, schema: schema, connection: connection)
        let which = still.map { RowCondition.keys(keys) && $0 } ?? .keys(keys)
        switch action {
        case .erase: return try rows.delete(where: which)
        case .anonymise: return try rows.anonymise(where: which)
        case .restrict(let restricted): return try rows.markRestricted(restricted, where: which)
        case .correct(let column, let value): return try rows.set(column, to: value, where: which)
        }
    }

    /// Does `action` to one row in a transaction of its own: true when done, false when the
    /// database refused the row (an erasure or anonymisation only). Any other failure is thrown:
    /// a database that does not answer has refused nothing.
    func make(_ action: RowAction, _ key: [KeyValue], on connection: StoreConnection) async throws -> Bool {
        do {
            try await connection.transaction { sql in
                try await sql.raw(try statement(action, for: [key], on: connection)).run()
            }
            return true
        } catch {
            guard action == .erase || action == .anonymise else { throw error }
            // The database refused this row only if it still answers.
            try await connection.sql.raw("SELECT 1").run()
            return false
        }
    }
}
