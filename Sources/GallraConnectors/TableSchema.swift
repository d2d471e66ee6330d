import GallraCore
import GallraDatabase
import SQLKit

/// What a connected table holds, read from the live database: its columns and their kinds, its
/// primary key, and the columns an index starts with (a person's rows are found through them).
public struct TableSchema: Sendable {
    /// How Gallra reads a column that holds an event.
    public enum ColumnKind: Sendable, Equatable {
        /// A point in time (PostgreSQL timestamptz; timestamp, read as UTC; SQLite text in ISO 8601, UTC;
        /// MariaDB TIMESTAMP, and DATETIME read as UTC).
        case instant
        /// A day, in the controller's time zone (PostgreSQL, SQLite and MariaDB `date`).
        case day
        /// Seconds since 1970 (an SQLite integer).
        case unixSeconds
        /// Anything else: not an event column.
        case other(String)
    }

    public var columns: [String: String]
    public var primaryKey: [String]
    public var indexedLeading: Set<String>
    /// Columns with an index on `lower(column)`: an e-mail address is looked up that way. On
    /// MariaDB and MySQL, columns an index starts with whose collation ignores case: compared
    /// directly, they find an address in any case through that index.
    public var lowerIndexed: Set<String> = []
    /// How many rows the table holds: exact on SQLite, PostgreSQL's and MariaDB's estimate (nil on
    /// PostgreSQL before the table was first analysed). What a look-up without an index reads.
    public var rows: Int64?

    public func kind(of column: String, dialect: StoreConnection.Dialect) -> ColumnKind? {
        guard let type = columns[column]?.lowercased() else { return nil }
        switch dialect {
        case .postgres:
            if type.hasPrefix("timestamp") { return .instant }
            if type == "date" { return .day }
            return .other(type)
        case .mariadb:
            if type == "datetime" || type == "timestamp" { return .instant }
            if type == "date" { return .day }
            return .other(type)
        case .sqlite:
            if type.contains("int") { return .unixSeconds }
            if type.contains("date") && !type.contains("time") { return .day }
            if type.contains("time") || type.contains("date") || type.contains("text") || type.isEmpty {
                return .instant
            }
            return .other(type)
        }
    }

    /// The table's schema; nil when the table does not exist.
    package static func read(_ table: String, on connection: StoreConnection) async throws -> TableSchema? {
        let sql = connection.sql
        switch connection.dialect {
        case .postgres:
            let columns = try await sql.raw(
                """
                SELECT column_name, data_type FROM information_schema.columns
                WHERE table_schema = current_schema() AND table_name = \(bind: table)
                """
            ).all()
            guard !columns.isEmpty else { return nil }
            let keys = try await sql.raw(
                """
                SELECT a.attname AS name FROM pg_index i
                JOIN pg_class c ON c.oid = i.indrelid
                JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = ANY(i.indkey)
                WHERE c.relname = \(bind: table) AND c.relnamespace = current_schema()::regnamespace AND i.indisprimary
                """
            ).all()
            let leading = try await sql.raw(
                """
                SELECT a.attname AS name FROM pg_index i
                JOIN pg_class c ON c.oid = i.indrelid
                JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = i.indkey[0]
                WHERE c.relname = \(bind: table) AND c.relnamespace = current_schema()::regnamespace
                """
            ).all()
            let definitions = try await sql.raw(
                "SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename = \(bind: table)"
            ).all().map { try $0.decode(column: "indexdef", as: String.self) }
            return TableSchema(
                columns: Dictionary(
                    uniqueKeysWithValues: try columns.map {
                        (
                            try $0.decode(column: "column_name", as: String.self),
                            try $0.decode(column: "data_type", as: String.self)
                        )
                    }),
                primaryKey: try keys.map { try $0.decode(column: "name", as: String.self) },
                indexedLeading: Set(try leading.map { try $0.decode(column: "name", as: String.self) }),
                lowerIndexed: Self.lowered(in: definitions),
                rows: try await sql.raw(
                    """
                    SELECT CAST(reltuples AS BIGINT) AS n FROM pg_class
                    WHERE relname = \(bind: table) AND relnamespace = current_schema()::regnamespace
                    """
                ).first()?.decode(column: "n", as: Int64?.self).flatMap { $0 < 0 ? nil : $0 })
        case .mariadb:
            return try await readMariaDB(table, on: sql)
        case .sqlite:
            let name = try SQLName(table)
            let columns = try await sql.raw("PRAGMA table_info(\(name))").all()
            guard !columns.isEmpty else { return nil }
            var schema = TableSchema(columns: [:], primaryKey: [], indexedLeading: [])
            var keyed: [(Int, String)] = []
            for row in columns {
                let column = try row.decode(column: "name", as: String.self)
                schema.columns[column] = try row.decode(column: "type", as: String.self)
                let position = try row.decode(column: "pk", as: Int.self)
                if position > 0 { keyed.append((position, column)) }
            }
            schema.primaryKey = keyed.sorted { $0.0 < $1.0 }.map(\.1)
            for index in try await sql.raw("PRAGMA index_list(\(name))").all() {
                let indexName = try SQLName(try index.decode(column: "name", as: String.self))
                let first = try await sql.raw("PRAGMA index_info(\(indexName))").all()
                    // try?: an index row without a position is not an index's first column
                    .first { (try? $0.decode(column: "seqno", as: Int.self)) == 0 }
                if let column = try first?.decode(column: "name", as: String?.self) {
                    schema.indexedLeading.insert(column)
                }
            }
            let definitions = try await sql.raw(
                "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = \(bind: table) AND sql IS NOT NULL"
            ).all().map { try $0.decode(column: "sql", as: String.self) }
            schema.lowerIndexed = Self.lowered(in: definitions)
            schema.rows = try await sql.raw("SELECT COUNT(*) AS n FROM \(name)").first()?.decode(
                column: "n", as: Int64.self)
            // An INTEGER PRIMARY KEY is the rowid: indexed without an index of its own.
            if schema.primaryKey.count == 1 { schema.indexedLeading.insert(schema.primaryKey[0]) }
            return schema
        }
    }

    /// The schema from MariaDB's (or MySQL's) information_schema, in the connection's database.
    private static func readMariaDB(_ table: String, on sql: any SQLDatabase) async throws -> TableSchema? {
        let columns = try await sql.raw(
            """
            SELECT COLUMN_NAME AS column_name, DATA_TYPE AS data_type, COLLATION_NAME AS collation
            FROM information_schema.COLUMNS
            WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = \(bind: table)
            """
        ).all()
        guard !columns.isEmpty else { return nil }
        var schema = TableSchema(columns: [:], primaryKey: [], indexedLeading: [])
        var ignoringCase: Set<String> = []
        for row in columns {
            let column = try row.decode(column: "column_name", as: String.self)
            schema.columns[column] = try row.decode(column: "data_type", as: String.self).lowercased()
            if let collation = try row.decode(column: "collation", as: String?.self), collation.hasSuffix("_ci") {
                ignoringCase.insert(column)
            }
        }
        let indexed = try await sql.raw(
            """
            SELECT INDEX_NAME AS index_name, SEQ_IN_INDEX AS position, COLUMN_NAME AS name
            FROM information_schema.STATISTICS
            WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = \(bind: table) AND COLUMN_NAME IS NOT NULL
            ORDER BY INDEX_NAME, SEQ_IN_INDEX
            """
        ).all()
        for row in indexed {
            let column = try row.decode(column: "name", as: String.self)
            if try row.decode(column: "index_name", as: String.self) == "PRIMARY" { schema.primaryKey.append(column) }
            if try row.decode(column: "position", as: Int.self) == 1 { schema.indexedLeading.insert(column) }
        }
        schema.lowerIndexed = schema.indexedLeading.intersection(ignoringCase)
        schema.rows = try await sql.raw(
            """
            SELECT TABLE_ROWS AS n FROM information_schema.TABLES
            WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = \(bind: table)
            """
        ).first()?.decode(column: "n", as: Int64?.self)
        return schema
    }

    /// The columns an index definition starts with `lower(column)`.
    package static func lowered(in definitions: [String]) -> Set<String> {
        Set(
            definitions.compactMap { definition in
                definition.firstMatch(of: /\(\s*lower\s*\(\s*"?([^")\s]+)"?\s*\)/)?.1.description
            })
    }

    /// Takes in the columns of the table this one belongs to, named `TABLE.COLUMN`.
    package mutating func adopt(_ parent: TableSchema, as table: String) {
        for (column, type) in parent.columns { columns["\(table).\(column)"] = type }
    }
}
