import GallraCore

/// What a change does to each row it names.
package enum RowAction: Sendable, Equatable {
    case erase
    case anonymise
    /// Sets (true) or clears the table's `restrict` mark (Art. 18).
    case restrict(Bool)
    /// Writes a corrected value into one column (Art. 16).
    case correct(column: String, value: String)
}

/// A change to rows of one table, as a value: the rows by key, what to do to them, and what each
/// must still meet when it is changed (the sweep's rule: a row given a new event since it was read
/// is left alone).
package struct RowChange: Sendable {
    package let table: ConnectedTable
    package let schema: TableSchema
    package let keys: [[KeyValue]]
    package let action: RowAction
    package let still: RowCondition?

    package init(
        table: ConnectedTable, schema: TableSchema, keys: [[KeyValue]], action: RowAction, still: RowCondition? = nil
    ) {
        self.table = table
        self.schema = schema
        self.keys = keys
        self.action = action
        self.still = still
    }
}

/// What became of a row of a change.
package enum RowOutcome: Sendable, Equatable {
    /// Changed as the change said.
    case done
    /// An erasure the database refused (a row that stays still refers to it), anonymised instead.
    case anonymisedInstead
    /// Refused by the database and left as it was.
    case kept
}

/// The changes to one connected database, in the order they are made (rows that refer to others
/// before the rows they refer to), as a value that is carried out in one place
/// (`carryOut(on:beforeCommit:)`): a batch of the sweep and a request's decisions are both plans.
package struct RowPlan: Sendable {
    package private(set) var changes: [RowChange] = []

    package init(_ changes: [RowChange] = []) {
        self.changes = changes
    }

    /// Adds a row, to the change of its table and action when there is one already.
    package mutating func add(_ key: [KeyValue], of table: ConnectedTable, schema: TableSchema, action: RowAction) {
        if let index = changes.firstIndex(where: { $0.table.table == table.table && $0.action == action }) {
            let change = changes[index]
            changes[index] = RowChange(
                table: change.table, schema: change.schema, keys: change.keys + [key], action: action,
                still: change.still)
        } else {
            changes.append(RowChange(table: table, schema: schema, keys: [key], action: action))
        }
    }

    package var isEmpty: Bool { changes.allSatisfy(\.keys.isEmpty) }
}
