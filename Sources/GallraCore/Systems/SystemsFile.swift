/// The systems file (`shared/spec/systems.md`): how Gallra reaches the register's systems that are
/// SQL databases, table by table, so that retention and requests are carried out where the rows
/// are. Kept apart from the register: it holds connection details, not law.
public struct SystemsFile: Hashable, Sendable {
    public var systems: [ConnectedSystem]

    public init(systems: [ConnectedSystem]) {
        self.systems = systems
    }
}

/// One system of the register that is an SQL database.
public struct ConnectedSystem: Hashable, Sendable {
    public var id: String
    /// `postgres://…`, `mariadb://…` (or `mysql://…`) or `sqlite:PATH`, with `${NAME}` placeholders expanded only on connecting.
    public var database: String
    public var tables: [ConnectedTable]
    public var line: Int

    public init(id: String, database: String, tables: [ConnectedTable], line: Int) {
        self.id = id
        self.database = database
        self.tables = tables
        self.line = line
    }

    public func table(_ name: String) -> ConnectedTable? { tables.first { $0.table == name } }
}

/// One table of a connected system and what its rows are to the register.
public struct ConnectedTable: Hashable, Sendable {
    public var table: String
    public var key: [String]
    public var activity: String
    /// How a person's rows are found: identifier kind and the column holding it.
    public var person: [(kind: SubjectIdentifier.Kind, column: String)]
    /// The data category of each personal column.
    public var columns: [String: String]
    /// The retention events read from columns.
    public var events: [EventName: String]
    public var onExpiry: ExpiryAction
    /// For `anonymise`: each column's replacement, nil for NULL.
    public var anonymise: [String: String?]
    /// The column Gallra sets to true while a restriction (Art. 18) is in force for the row's
    /// person, and to false when it is lifted; without one, restricting is done by hand.
    public var restrict: String?
    /// The person through a foreign key to another table of the system.
    public var belongsTo: (table: String, column: String)?
    /// The key column of the table it belongs to (an event may be read from there: `TABLE.COLUMN`).
    public var parentKey: String?
    public var line: Int
    /// The line each column is named on, for problems found in the live database.
    public var columnLines: [String: Int]

    public init(
        table: String, key: [String], activity: String, person: [(kind: SubjectIdentifier.Kind, column: String)],
        columns: [String: String], events: [EventName: String], onExpiry: ExpiryAction, anonymise: [String: String?],
        belongsTo: (table: String, column: String)?, restrict: String? = nil, line: Int, columnLines: [String: Int]
    ) {
        self.table = table
        self.key = key
        self.activity = activity
        self.person = person
        self.columns = columns
        self.events = events
        self.onExpiry = onExpiry
        self.anonymise = anonymise
        self.belongsTo = belongsTo
        self.restrict = restrict
        self.line = line
        self.columnLines = columnLines
    }

    /// Every column the file names, with its line.
    public var namedColumns: [(column: String, line: Int)] {
        columnLines.sorted { ($0.value, $0.key) < ($1.value, $1.key) }.map { ($0.key, $0.value) }
    }

    public static func == (lhs: ConnectedTable, rhs: ConnectedTable) -> Bool {
        lhs.table == rhs.table && lhs.key == rhs.key && lhs.activity == rhs.activity
            && lhs.person.map { "\($0.kind.rawValue)=\($0.column)" }
                == rhs.person.map { "\($0.kind.rawValue)=\($0.column)" }
            && lhs.columns == rhs.columns && lhs.events == rhs.events && lhs.onExpiry == rhs.onExpiry
            && lhs.anonymise == rhs.anonymise && lhs.restrict == rhs.restrict
            && lhs.belongsTo?.table == rhs.belongsTo?.table
            && lhs.belongsTo?.column == rhs.belongsTo?.column
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(table)
        hasher.combine(activity)
    }
}
