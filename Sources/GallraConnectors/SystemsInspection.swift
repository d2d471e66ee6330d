import GallraCore
import GallraDatabase
import SQLKit

/// A systems file checked against the live databases: every system reachable, every table,
/// column and key there, event columns that hold time, identity columns with an index. Problems
/// carry the file's line.
public struct SystemsInspection: Sendable {
    package let connections: ConnectedSystems

    public init(connections: ConnectedSystems) {
        self.connections = connections
    }

    /// The tables' schemas, by system and table, for what was reachable; and the problems.
    public func inspect(_ file: SystemsFile) async -> (
        schemas: [String: [String: TableSchema]], problems: [RegisterProblem]
    ) {
        var problems: [RegisterProblem] = []
        var schemas: [String: [String: TableSchema]] = [:]
        for system in file.systems {
            let connection: StoreConnection
            do {
                connection = try await connections.connection(for: system)
            } catch {
                problems.append(RegisterProblem(line: system.line, message: "\(error)"))
                continue
            }
            var read: [String: TableSchema] = [:]
            for table in system.tables {
                do {
                    guard let schema = try await TableSchema.read(table.table, on: connection) else {
                        problems.append(
                            RegisterProblem(
                                line: table.line, message: "system \"\(system.id)\" has no table \"\(table.table)\""))
                        continue
                    }
                    read[table.table] = schema
                } catch {
                    problems.append(
                        RegisterProblem(
                            line: table.line,
                            message: "system \"\(system.id)\": table \"\(table.table)\" cannot be read: \(error)"))
                }
            }
            for table in system.tables {
                guard var schema = read[table.table] else { continue }
                // An event may be read from the row this one belongs to: `TABLE.COLUMN`.
                if let parent = table.belongsTo, let parentSchema = read[parent.table] {
                    schema.adopt(parentSchema, as: parent.table)
                }
                schemas[system.id, default: [:]][table.table] = schema
                problems += Self.problems(of: table, in: system, schema: schema, dialect: connection.dialect)
            }
        }
        for system in file.systems {
            for table in system.tables {
                guard let parent = table.belongsTo, let schema = schemas[system.id]?[parent.table] else { continue }
                if schema.primaryKey.count != 1 {
                    problems.append(
                        RegisterProblem(
                            line: table.line,
                            message:
                                "table \"\(table.table)\" belongs to \"\(parent.table)\", whose key is not one column"))
                }
            }
        }
        return (schemas, problems.sorted { $0.line < $1.line })
    }

    package static func problems(
        of table: ConnectedTable, in system: ConnectedSystem, schema: TableSchema, dialect: StoreConnection.Dialect
    )
        -> [RegisterProblem]
    {
        var problems: [RegisterProblem] = []
        let what = "table \"\(table.table)\" of system \"\(system.id)\""
        for (column, line) in table.namedColumns where schema.columns[column] == nil {
            problems.append(
                RegisterProblem(
                    line: line,
                    message:
                        "\(what) has no column \"\(column)\"\(Suggestion.didYouMean(column, among: Array(schema.columns.keys)))"
                ))
        }
        if schema.primaryKey.isEmpty {
            problems.append(
                RegisterProblem(
                    line: table.line,
                    message:
                        "\(what) has no primary key: Gallra touches a row only by a key that names exactly one; add one"
                ))
        } else if Set(schema.primaryKey) != Set(table.key) {
            problems.append(
                RegisterProblem(
                    line: table.columnLines[table.key.first ?? ""] ?? table.line, severity: .warning,
                    message:
                        "the key of \(what) is (\(table.key.joined(separator: ", "))), its primary key (\(schema.primaryKey.joined(separator: ", ")))"
                ))
        }
        for (event, column) in table.events.sorted(by: { $0.key < $1.key }) where schema.columns[column] != nil {
            if case .other(let type) = schema.kind(of: column, dialect: dialect) {
                problems.append(
                    RegisterProblem(
                        line: table.columnLines[column] ?? table.line,
                        message: "column \"\(column)\" of \(what) gives \(event) but holds \(type), not a time"))
            }
        }
        // A missing index makes a request slow, never wrong: a warning, with what each request
        // will read and how to avoid it; a DBA who may not change the schema can leave it.
        let scan =
            "each request reads the whole table (\(schema.rows.map { "\(Self.grouped($0)) rows" } ?? "every row"))"
        func unindexed(_ column: String, _ what: String, index: String) {
            problems.append(
                RegisterProblem(
                    line: table.columnLines[column] ?? table.line, severity: .warning,
                    message: "\(what); \(scan); to look it up instead: \(createIndex(index))"))
        }
        // MariaDB and MySQL name each index and take a column (MariaDB has no index on lower()).
        // PostgreSQL has no statistics on lower(…) until the table is analysed, and until then
        // looks many people up at once (a sweep, a forecast) by reading the whole table.
        func createIndex(_ index: String) -> String {
            switch dialect {
            case .mariadb: "CREATE INDEX \(table.table)_\(index) ON \(table.table) (\(index))"
            case .postgres: "CREATE INDEX ON \(table.table) (\(index)); ANALYZE \(table.table)"
            case .sqlite: "CREATE INDEX ON \(table.table) (\(index))"
            }
        }
        for (kind, column) in table.person where kind == .email && schema.columns[column] != nil {
            // Addresses are compared as the store normalises them, in lower case.
            guard !schema.lowerIndexed.contains(column) else { continue }
            if dialect == .mariadb {
                // A collation that ignores case (MariaDB's default) finds an address in any case
                // through an index on the column itself.
                unindexed(
                    column,
                    "column \"\(column)\" of \(what) holds e-mail addresses, found in any case, but has no index under a collation that ignores case",
                    index: column)
                continue
            }
            unindexed(
                column,
                "column \"\(column)\" of \(what) holds e-mail addresses, found in lower case, but has no index on lower(\(column))",
                index: "lower(\(column))")
        }
        for (kind, column) in table.person
        where kind != .email && schema.columns[column] != nil && !schema.indexedLeading.contains(column) {
            unindexed(column, "column \"\(column)\" of \(what) finds a person's rows but has no index", index: column)
        }
        if let parent = table.belongsTo, schema.columns[parent.column] != nil,
            !schema.indexedLeading.contains(parent.column)
        {
            unindexed(
                parent.column, "column \"\(parent.column)\" of \(what) leads to the person but has no index",
                index: parent.column)
        }
        return problems
    }

    /// 1000000 → "1,000,000".
    static func grouped(_ count: Int64) -> String {
        let digits = Array(String(count))
        return String(
            digits.enumerated().flatMap { index, digit in
                index > 0 && (digits.count - index) % 3 == 0 ? [",", digit] : [digit]
            })
    }
}
