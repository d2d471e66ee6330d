import Foundation
import GallraCore
import GallraDatabase
import SQLKit

/// The SQL that finds and changes rows of one connected table: identifiers quoted, values bound.
package struct ConnectedRows {
    package let table: ConnectedTable
    package let schema: TableSchema
    package let connection: StoreConnection

    package init(table: ConnectedTable, schema: TableSchema, connection: StoreConnection) {
        self.table = table
        self.schema = schema
        self.connection = connection
    }

    package var name: SQLName { get throws { try SQLName(table.table) } }

    /// The columns to read of a row: its key, then its event columns.
    package var readColumns: [String] {
        var columns = table.key
        for column in table.events.values.sorted() where !columns.contains(column) { columns.append(column) }
        return columns
    }

    package func select(where condition: RowCondition, limit: Int?, ordered: Bool = true) throws -> SQLQueryString {
        var query = SQLQueryString("SELECT ")
        for (index, column) in readColumns.enumerated() {
            if index > 0 { query.appendLiteral(", ") }
            if column.contains(".") {
                query.appendInterpolation(try table.columnExpression(column))
                query.appendLiteral(" AS ")
            }
            query.appendInterpolation(try SQLName(column))
        }
        query.appendLiteral(" FROM ")
        query.appendInterpolation(try name)
        query.appendLiteral(" WHERE ")
        query.appendInterpolation(try sql(condition))
        if ordered {
            query.appendLiteral(" ORDER BY ")
            for (index, column) in table.key.enumerated() {
                if index > 0 { query.appendLiteral(", ") }
                query.appendInterpolation(try SQLName(column))
            }
        }
        if let limit { query.appendLiteral(" LIMIT \(limit)") }
        return query
    }

    /// A row's key, each value with its type.
    package func typedKey(of row: any SQLRow) throws -> [KeyValue] {
        try table.key.map { column in
            // try?: probing the key's type: a key not a number is read as text, and neither refuses
            if let number = try? row.decode(column: column, as: Int64.self) { return .number(number) }
            if let text = try? row.decode(column: column, as: String.self) { return .text(text) }
            throw GallraError.invalidInput(
                "The key column \"\(column)\" of table \"\(table.table)\" is neither text nor a whole number.")
        }
    }

    /// The table's event columns, each with the kind of time it holds.
    package var eventColumns: [(event: EventName, column: String, kind: TableSchema.ColumnKind)] {
        table.events.compactMap { event, column in
            schema.kind(of: column, dialect: connection.dialect).map { (event, column, $0) }
        }
    }

    /// The row's events as Gallra reads them.
    package func events(of row: any SQLRow, calendar: ZonedCalendar) throws -> [EventName: Date] {
        try events(of: row, columns: eventColumns, calendar: calendar)
    }

    /// The row's events, from the event columns found once for many rows.
    package func events(
        of row: any SQLRow, columns: [(event: EventName, column: String, kind: TableSchema.ColumnKind)],
        calendar: ZonedCalendar
    ) throws -> [EventName: Date] {
        var events: [EventName: Date] = [:]
        for (event, column, kind) in columns {
            events[event] = try kind.instant(of: row, column: column, calendar: calendar)
        }
        return events
    }

    /// `SELECT count(*) AS n` of the rows found.
    package func count(where condition: RowCondition) throws -> SQLQueryString {
        try onTable("SELECT count(*) AS n FROM ", where: condition)
    }

    /// The rows found, counted by the first of `conditions` each meets (columns `first` and `n`;
    /// conditions that hold from some instant on, in order, so each row is counted once). The
    /// first is found by halving, in nested `CASE`s: a row is tested against about log₂ of the
    /// conditions, not one after another against most of them. Rows that meet none of them are
    /// counted as meeting the last; `condition` (which implies the last) leaves them out.
    package func countsByFirst(_ conditions: [RowCondition], where condition: RowCondition) throws -> SQLQueryString {
        guard !conditions.isEmpty else {
            return try onTable("SELECT 0 AS first, count(*) AS n FROM ", where: condition)
        }
        var query = SQLQueryString("SELECT first, count(*) AS n FROM (SELECT ")
        try appendFirst(of: conditions, from: 0, to: conditions.count - 1, into: &query)
        query.appendLiteral(" AS first FROM ")
        return query + (try onTable("", where: condition)) + ") firsts GROUP BY first"
    }

    /// The index of the first condition met among `lower...upper`, the last taken as met.
    private func appendFirst(
        of conditions: [RowCondition], from lower: Int, to upper: Int, into query: inout SQLQueryString
    ) throws {
        guard lower < upper else {
            query.appendLiteral("\(lower)")
            return
        }
        let middle = (lower + upper) / 2
        query.appendLiteral("CASE WHEN ")
        query.appendInterpolation(try sql(conditions[middle]))
        query.appendLiteral(" THEN ")
        try appendFirst(of: conditions, from: lower, to: middle, into: &query)
        query.appendLiteral(" ELSE ")
        try appendFirst(of: conditions, from: middle + 1, to: upper, into: &query)
        query.appendLiteral(" END")
    }

    package func delete(where condition: RowCondition) throws -> SQLQueryString {
        try onTable("DELETE FROM ", where: condition)
    }

    /// `verb` followed by the table's name and `WHERE condition`.
    private func onTable(_ verb: String, where condition: RowCondition) throws -> SQLQueryString {
        var query = SQLQueryString(verb)
        query.appendInterpolation(try name)
        query.appendLiteral(" WHERE ")
        query.appendInterpolation(try sql(condition))
        return query
    }

    /// Sets one column of the rows found, the value bound: a rectification (Art. 16), or the
    /// table's `restrict` mark.
    package func set(_ column: String, to value: some Encodable & Sendable, where condition: RowCondition) throws
        -> SQLQueryString
    {
        var query = SQLQueryString("UPDATE ")
        query.appendInterpolation(try name)
        query.appendLiteral(" SET ")
        query.appendInterpolation(try SQLName(column))
        query.appendLiteral(" = ")
        query.appendInterpolation(bind: value)
        query.appendLiteral(" WHERE ")
        query.appendInterpolation(try sql(condition))
        return query
    }

    /// Sets the table's `restrict` column (Art. 18): true while a restriction is in force.
    package func markRestricted(_ restricted: Bool, where condition: RowCondition) throws -> SQLQueryString {
        guard let column = table.restrict else {
            throw GallraError.invalidInput("\(table.table) has no restrict column")
        }
        return try set(column, to: restricted, where: condition)
    }

    package func anonymise(where condition: RowCondition) throws -> SQLQueryString {
        var query = SQLQueryString("UPDATE ")
        query.appendInterpolation(try name)
        query.appendLiteral(" SET ")
        for (index, (column, value)) in table.anonymise.sorted(by: { $0.key < $1.key }).enumerated() {
            if index > 0 { query.appendLiteral(", ") }
            query.appendInterpolation(try SQLName(column))
            query.appendLiteral(" = ")
            if let value { query.appendInterpolation(bind: value) } else { query.appendLiteral("NULL") }
        }
        query.appendLiteral(" WHERE ")
        query.appendInterpolation(try sql(condition))
        return query
    }
}

extension SQLQueryString {
    /// ` IN (?, ?, …)`, each value bound.
    package mutating func appendList(_ values: [KeyValue]) {
        appendLiteral(" IN (")
        for (index, value) in values.enumerated() {
            if index > 0 { appendLiteral(", ") }
            appendInterpolation(bind: value)
        }
        appendLiteral(")")
    }
}

extension ConnectedTable {
    /// A row of the table named `TABLE:KEY`, as exports, reports and the evidence name it.
    package func reference(_ key: [KeyValue]) -> String {
        "\(table):" + key.map(\.description).joined(separator: ",")
    }

    /// A column of the row, or `TABLE.COLUMN` of the row it belongs to, read by the key.
    package func columnExpression(_ column: String) throws -> SQLQueryString {
        var query = SQLQueryString("")
        guard let dot = column.firstIndex(of: "."), let parent = belongsTo, let parentKey else {
            query.appendInterpolation(try SQLName(column))
            return query
        }
        let parentTable = try SQLName(parent.table)
        query.appendLiteral("(SELECT ")
        query.appendInterpolation(parentTable)
        query.appendLiteral(".")
        query.appendInterpolation(try SQLName(String(column[column.index(after: dot)...])))
        query.appendLiteral(" FROM ")
        query.appendInterpolation(parentTable)
        query.appendLiteral(" WHERE ")
        query.appendInterpolation(parentTable)
        query.appendLiteral(".")
        query.appendInterpolation(try SQLName(parentKey))
        query.appendLiteral(" = ")
        query.appendInterpolation(try SQLName(table))
        query.appendLiteral(".")
        query.appendInterpolation(try SQLName(parent.column))
        query.appendLiteral(")")
        return query
    }

    /// `SELECT *` and the events read from the row it belongs to, each named `TABLE.COLUMN`.
    package func selectAllColumns() throws -> SQLQueryString {
        var query = SQLQueryString("SELECT *")
        for column in events.values.sorted() where column.contains(".") {
            query.appendLiteral(", ")
            query.appendInterpolation(try columnExpression(column))
            query.appendLiteral(" AS ")
            query.appendInterpolation(try SQLName(column))
        }
        return query
    }
}
