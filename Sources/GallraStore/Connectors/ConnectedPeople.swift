import Foundation
import GallraConnectors
import GallraCore
import GallraDatabase
import SQLKit

/// One row of a connected table that belongs to a person: found by an identity column, or through
/// a chain of `belongs_to` from such a row.
public struct ConnectedRow: Sendable {
    public let system: String
    public let table: ConnectedTable
    let key: [KeyValue]
    /// The personal columns' values (by the file's `columns`).
    public let values: [(column: String, category: String, value: String)]
    public let events: [EventName: Date]
    /// For a row found through `belongs_to`: the row it belongs to, as `TABLE:KEY`.
    public var parent: String?

    /// `TABLE:KEY`, as the record of an export names it.
    public var reference: String { table.reference(key) }
}

/// A person's rows in the company's own databases.
public struct ConnectedPeople: StoreRegister {
    let store: Store
}

extension ConnectedPeople {
    /// Every row of the systems file in force that belongs to a person with these identifiers:
    /// those whose identity column matches one exactly after normalisation (a near-identical
    /// address is not the person), and the rows that belong to those, table by table.
    public func rows(of identifiers: [SubjectIdentifier]) async throws -> [ConnectedRow] {
        guard let systems = try await store.systems.current() else { return [] }
        return try await rows(of: identifiers, in: systems)
    }

    /// The rows of `rows(of:)`, in the systems file the caller has read.
    public func rows(
        of identifiers: [SubjectIdentifier], in systems: SystemsVersion, calendar: ZonedCalendar? = nil
    ) async throws -> [ConnectedRow] {
        try await rows(ofEach: ["": identifiers], in: systems, calendar: calendar)[""] ?? []
    }

    /// The rows of many people at once, by person (any name of the caller's for each): one query
    /// per identity column and up to 1,000 of the people's values, and per link of `belongs_to`,
    /// whether one person is looked up or thousands.
    /// `calendar` is the controller's, when the caller has read it already.
    func rows(
        ofEach people: [String: [SubjectIdentifier]], in systems: SystemsVersion, calendar: ZonedCalendar? = nil
    ) async throws -> [String: [ConnectedRow]] {
        let calendar = if let calendar { calendar } else { try await self.calendar() }
        let today = calendar.localDate(of: Date())
        // Who has each identifier, by kind and value as the store normalises it.
        var owners: [SubjectIdentifier.Kind: [String: [String]]] = [:]
        for (person, identifiers) in people.sorted(by: { $0.key < $1.key }) {
            for identifier in identifiers where owners[identifier.kind]?[identifier.value]?.contains(person) != true {
                owners[identifier.kind, default: [:]][identifier.value, default: []].append(person)
            }
        }
        var found: [String: [ConnectedRow]] = [:]
        for system in systems.file.systems {
            let connection = try await store.connectors.connection(for: system)
            var schemas: [String: TableSchema] = [:]
            for table in system.tables {
                schemas[table.table] = try await store.connectors.schema(of: table, in: system, on: connection)
            }
            var lookups: [(rows: ConnectedRows, column: String, kind: SubjectIdentifier.Kind, values: [String])] = []
            for table in system.tables where !table.person.isEmpty {
                guard let schema = schemas[table.table] else { continue }
                let rows = ConnectedRows(table: table, schema: schema, connection: connection)
                for (kind, column) in table.person {
                    for values in (owners[kind]?.keys.sorted() ?? []).chunked(into: 1_000) {
                        lookups.append((rows, column, kind, Array(values)))
                    }
                }
            }
            // The lookups by identity column do not depend on each other: side by side, on the
            // system's pool of connections; their rows are then taken in the file's order.
            let matched = try await withThrowingTaskGroup(of: (Int, [any SQLRow]).self) { group in
                for (index, lookup) in lookups.enumerated() {
                    group.addTask {
                        let connection = try await store.connectors.connection(for: system)
                        let query = try lookup.rows.selectAll(
                            whereIdentity: lookup.column, kind: lookup.kind, in: lookup.values)
                        return (index, try await connection.sql.raw(query).all())
                    }
                }
                var matched = [[any SQLRow]](repeating: [], count: lookups.count)
                for try await (index, rows) in group { matched[index] = rows }
                return matched
            }
            // Each person's rows by table and key, so that a row found twice is taken once; and
            // the people each found row belongs to, for the rows that belong to it in turn.
            var seen: [String: Set<String>] = [:]
            var frontier: [String: [String: (key: KeyValue, people: [String])]] = [:]
            func take(_ row: ConnectedRow, for people: [String]) {
                var taken: [String] = []
                for person in people where seen[person, default: []].insert(row.reference).inserted {
                    found[person, default: []].append(row)
                    taken.append(person)
                }
                guard !taken.isEmpty, let first = row.key.first else { return }
                frontier[row.table.table, default: [:]][first.description, default: (first, [])].people += taken
            }
            for (lookup, matches) in zip(lookups, matched) {
                for row in matches {
                    // Only an exact match after the store's own normalisation counts.
                    let value = try row.decode(column: lookup.column, as: String?.self) ?? ""
                    // try?: a value that is not an identifier of this kind is not this person's
                    guard let normal = (try? SubjectIdentifier(lookup.kind, value, today: today))?.value,
                        let people = owners[lookup.kind]?[normal]
                    else { continue }
                    take(try lookup.rows.connectedRow(row, system: system.id, calendar: calendar), for: people)
                }
            }
            // The rows that belong to those, down every chain of belongs_to.
            while !frontier.isEmpty {
                let parents = frontier
                frontier = [:]
                for table in system.tables {
                    guard let parent = table.belongsTo, let keys = parents[parent.table], !keys.isEmpty,
                        let schema = schemas[table.table]
                    else { continue }
                    let rows = ConnectedRows(table: table, schema: schema, connection: connection)
                    for chunk in keys.keys.sorted().chunked(into: 1_000) {
                        let children = try await connection.sql.raw(
                            try rows.selectAll(whereColumn: parent.column, in: chunk.compactMap { keys[$0]?.key })
                        ).all()
                        for row in children {
                            guard let reference = ConnectedRows.text(row, parent.column),
                                let people = keys[reference]?.people
                            else { continue }
                            var child = try rows.connectedRow(row, system: system.id, calendar: calendar)
                            child.parent = "\(parent.table):\(reference)"
                            take(child, for: people)
                        }
                    }
                }
            }
        }
        return found
    }
}

extension ConnectedRows {
    func selectAll(whereIdentity column: String, kind: SubjectIdentifier.Kind, in values: [String]) throws
        -> SQLQueryString
    {
        var query = try table.selectAllColumns()
        query.appendLiteral(" FROM ")
        query.appendInterpolation(try name)
        query.appendLiteral(" WHERE ")
        if kind == .email && connection.dialect == .mariadb && schema.lowerIndexed.contains(column) {
            // A collation that ignores case finds the address in any case, through the column's
            // own index; the exact comparison follows in Swift.
            query.appendInterpolation(try SQLName(column))
        } else if kind == .email {
            // Addresses differ in case; the exact comparison follows in Swift.
            query.appendLiteral("lower(")
            query.appendInterpolation(try SQLName(column))
            query.appendLiteral(")")
        } else {
            query.appendInterpolation(try SQLName(column))
        }
        if values.count == 1 {
            query.appendLiteral(" = ")
            query.appendInterpolation(bind: values[0])
        } else {
            query.appendList(values.map(KeyValue.text))
        }
        return query
    }

    func selectAll(whereColumn column: String, in values: [KeyValue]) throws -> SQLQueryString {
        var query = try table.selectAllColumns()
        query.appendLiteral(" FROM ")
        query.appendInterpolation(try name)
        query.appendLiteral(" WHERE ")
        query.appendInterpolation(try SQLName(column))
        query.appendList(values)
        return query
    }

    func connectedRow(_ row: any SQLRow, system: String, calendar: ZonedCalendar) throws -> ConnectedRow {
        var values: [(column: String, category: String, value: String)] = []
        for (column, category) in table.columns.sorted(by: { $0.key < $1.key }) {
            guard let value = Self.text(row, column) else { continue }
            values.append((column, category, value))
        }
        return ConnectedRow(
            system: system, table: table, key: try typedKey(of: row), values: values,
            events: try events(of: row, calendar: calendar), parent: nil)
    }

    /// A column's value as text, whatever its type.
    static func text(_ row: any SQLRow, _ column: String) -> String? {
        // try?: probing the column's type: each type not held is tried as the next, the last refuses
        if let number = try? row.decode(column: column, as: Int64?.self) { return String(number) }
        if let text = try? row.decode(column: column, as: String?.self) { return text }
        if let number = try? row.decode(column: column, as: Double?.self) { return String(number) }
        if let decimal = try? row.decode(column: column, as: Decimal?.self) { return "\(decimal)" }
        if let date = try? row.decode(column: column, as: Date?.self) {
            return ISO8601DateFormatter().string(from: date)
        }
        return nil
    }
}
