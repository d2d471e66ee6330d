import Foundation
import GallraCore
import GallraDatabase
import Logging
import Synchronization

/// The connections to the company's own databases, opened on first use (so a system that is
/// never needed is never reached), each with a time limit, and closed with the store. A PostgreSQL
/// system has a pool of up to `poolSize` connections, a new one opened only when every open one is
/// busy; an SQLite file has one. A system that cannot be reached is an error naming it, never a crash.
public final class ConnectedSystems: Sendable {
    /// One connection of a system's pool: opening, or open.
    private struct Slot: Sendable {
        let id = UUID()
        let task: Task<StoreConnection, any Error>
        var connection: StoreConnection?
    }

    private struct Pool: Sendable {
        var slots: [Slot] = []
        /// The slot handed out next when every connection is busy and the pool is full.
        var next = 0
    }

    private let opened = Mutex<[String: Pool]>([:])
    /// Database settings as parsed: the variables each names, and each expanded URL's location.
    private let parsed = Mutex<(variables: [String: [String]], locations: [String: DatabaseLocation])>(([:], [:]))
    /// Tables' schemas as read, by system and table, until a systems file is read anew.
    private let schemas = Mutex<[String: TableSchema]>([:])
    /// Variables to expand; nil: the process's environment at the time of connecting.
    private let environment: [String: String]?
    package let logger: Logger
    /// How long connecting may take.
    package static let connectTimeout: Duration = .seconds(10)
    /// How long one statement may take before the system counts as gone (`TimedSQLDatabase`).
    package static let statementLimit: Duration = .seconds(120)
    /// Connections to one PostgreSQL system at most.
    public static let poolSize = 4

    public init(
        environment: [String: String]? = nil,
        logger: Logger = Logger(label: "gallra.connectors")
    ) {
        self.environment = environment
        self.logger = logger
    }

    /// A connection to the system: an open one that no one is using, else a new one while the pool
    /// has room, else the pool's connections in turn (each statement waits for its connection).
    public func connection(for system: ConnectedSystem) async throws -> StoreConnection {
        let location = try location(of: system)
        // A system whose database changed (a new systems file, a new environment) is opened anew.
        let name = "\(system.id) \(location)"
        let limit: Int
        if case .sqlite = location { limit = 1 } else { limit = Self.poolSize }
        let logger = self.logger
        let slot = opened.withLock { opened -> Slot in
            var pool = opened[name] ?? Pool()
            defer { opened[name] = pool }
            if let idle = pool.slots.first(where: { $0.connection.map { !$0.gate.isBusy } ?? false }) {
                return idle
            }
            if pool.slots.count < limit {
                let slot = Slot(
                    task: Task { try await Self.connect(location, system: system.id, logger: logger) },
                    connection: nil)
                pool.slots.append(slot)
                return slot
            }
            pool.next = (pool.next + 1) % pool.slots.count
            return pool.slots[pool.next]
        }
        if let connection = slot.connection { return connection }
        do {
            let connection = try await slot.task.value
            opened.withLock { opened in
                guard let index = opened[name]?.slots.firstIndex(where: { $0.id == slot.id }) else { return }
                opened[name]?.slots[index].connection = connection
            }
            return connection
        } catch {
            // Tried again next time (the database may come back).
            opened.withLock { $0[name]?.slots.removeAll { $0.id == slot.id } }
            throw error
        }
    }

    /// A connection to the system of the caller's own, outside the pool, to be closed by it: for a
    /// long pass over a table that waits for other work on the system while it reads, which must
    /// never wait for it in turn. An SQLite file, which has one connection, gives that one (and the
    /// caller then does not wait while it reads).
    package func ownConnection(for system: ConnectedSystem) async throws -> (connection: StoreConnection, own: Bool) {
        let location = try location(of: system)
        if case .sqlite = location { return (try await connection(for: system), false) }
        return (try await Self.connect(location, system: system.id, logger: logger), true)
    }

    /// The database URL with `${NAME}` expanded from the environment.
    package func location(of system: ConnectedSystem) throws -> DatabaseLocation {
        var url = system.database
        for name in variables(in: system.database) {
            let token = "${\(name)}"
            guard let value = environment.map({ $0[name] }) ?? getenv(name).map({ String(cString: $0) }) else {
                throw GallraError.unavailable(
                    "System \"\(system.id)\": the environment variable \(name) its database names is not set.")
            }
            // A part of a PostgreSQL or MariaDB URL (a password) is percent-encoded, so that its characters
            // cannot change the URL; a whole URL or an SQLite path is taken as it is.
            let partOfURL =
                token != system.database
                && ["postgres", "mariadb://", "mysql://"].contains { system.database.hasPrefix($0) }
            let encoded =
                partOfURL ? value.addingPercentEncoding(withAllowedCharacters: .urlPasswordAllowed) ?? value : value
            url = url.replacingOccurrences(of: token, with: encoded)
        }
        if let known = parsed.withLock({ $0.locations[url] }) { return known }
        let location = try DatabaseLocation(parsing: url, allowingMariaDB: true)
        parsed.withLock { $0.locations[url] = location }
        return location
    }

    /// The names of the `${NAME}`s a database setting holds, found once (every request asks).
    private func variables(in database: String) -> [String] {
        if let known = parsed.withLock({ $0.variables[database] }) { return known }
        let names = database.matches(of: /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/).map { String($0.1) }
        parsed.withLock { $0.variables[database] = names }
        return names
    }

    private static func connect(_ location: DatabaseLocation, system: String, logger: Logger) async throws
        -> StoreConnection
    {
        if case .sqlite(let path) = location, !FileManager.default.fileExists(atPath: path) {
            throw GallraError.unavailable("System \"\(system)\": its SQLite database \(path) does not exist.")
        }
        return try await withThrowingTaskGroup(of: StoreConnection?.self) { group in
            group.addTask {
                try await StoreConnection.open(location, logger: logger, foreign: true, statementLimit: statementLimit)
            }
            group.addTask {
                try await Task.sleep(for: connectTimeout)
                return nil
            }
            defer { group.cancelAll() }
            do {
                guard let first = try await group.next(), let connection = first else {
                    throw GallraError.unavailable(
                        "System \"\(system)\": no answer from \(location) within \(connectTimeout).")
                }
                return connection
            } catch let error as GallraError {
                throw GallraError.unavailable("System \"\(system)\": \(error.description)")
            }
        }
    }

    /// A table's schema, read once (the systems check reads it fresh).
    package func schema(of table: String, system: String, on connection: StoreConnection) async throws -> TableSchema? {
        let name = "\(system)/\(table)"
        if let known = schemas.withLock({ $0[name] }) { return known }
        let schema = try await TableSchema.read(table, on: connection)
        if let schema { schemas.withLock { $0[name] = schema } }
        return schema
    }

    /// A connected table's schema, with the columns of the table it belongs to as `TABLE.COLUMN`.
    package func schema(of table: ConnectedTable, in system: ConnectedSystem, on connection: StoreConnection)
        async throws
        -> TableSchema?
    {
        guard var schema = try await schema(of: table.table, system: system.id, on: connection) else { return nil }
        if let parent = table.belongsTo,
            let parentSchema = try await self.schema(of: parent.table, system: system.id, on: connection)
        {
            schema.adopt(parentSchema, as: parent.table)
        }
        return schema
    }

    package func forgetSchemas() {
        schemas.withLock { $0 = [:] }
    }

    public func close() async {
        let tasks = opened.withLock { opened in
            defer { opened = [:] }
            return opened.values.flatMap { $0.slots.map(\.task) }
        }
        // try?: closing pools of a connection that failed to open: nothing to close
        for task in tasks { await (try? task.value)?.close() }
    }
}
