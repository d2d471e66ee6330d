import GallraCore
import Logging
import PostgresKit
import SQLKit
import SQLiteKit
import Synchronization

/// One open connection to SQLite or PostgreSQL (or, for a company's system, MariaDB), with the few
/// things that differ between them.
public final class StoreConnection: Sendable {
    public enum Dialect: Sendable {
        case sqlite, postgres, mariadb
    }

    public let sql: any SQLDatabase
    public let dialect: Dialect
    /// The PostgreSQL connection under `sql`, for the sweep's few statements that need more than
    /// SQLKit offers (typed row decoding, COPY): the one of the moment, for use holding the gate.
    package var postgres: PostgresConnection? { link?.connection }
    /// PostgreSQL's connection, opened again when it was lost (a failover).
    private let link: PostgresLink?
    package let logger: Logger
    /// Where it is connected, for another connection to the same database.
    package let location: DatabaseLocation
    private let closer: @Sendable () async throws -> Void
    /// Closes without waiting, for a connection dropped without `close()` (an error path).
    private let abandon: @Sendable () -> Void
    private let closed = Mutex(false)
    /// Keeps a transaction alone on the connection (see `ConnectionGate`).
    package let gate = ConnectionGate()
    /// Connections for reads outside a transaction, so that they do not wait for one.
    private let readers: ReaderPool?

    private init(
        sql: any SQLDatabase, dialect: Dialect, link: PostgresLink? = nil, logger: Logger,
        location: DatabaseLocation, readers: Int, closer: @escaping @Sendable () async throws -> Void,
        abandon: @escaping @Sendable () -> Void
    ) {
        self.location = location
        self.readers =
            readers > 0
            ? ReaderPool(limit: readers) { try await StoreConnection.open(location, logger: logger, reading: true) }
            : nil
        var renew: (@Sendable () async throws -> Void)? = nil
        if let link { renew = { try await link.renew() } }
        self.sql = GatedSQLDatabase(base: sql, gate: gate, renew: renew)
        self.dialect = dialect
        self.link = link
        self.logger = logger
        self.closer = closer
        self.abandon = abandon
    }

    deinit {
        if !closed.withLock({ $0 }) { abandon() }
    }

    /// For statements that only read: the caller's transaction when it holds one, otherwise a
    /// connection of the reader pool (or this one, when it has no pool).
    public var read: any SQLDatabase {
        readers.map { ReadingSQLDatabase(writer: self, readers: $0) } ?? sql
    }

    /// Opens a connection; with `readers`, reads outside a transaction get up to that many
    /// connections of their own, opened when first needed. A `reading` connection refuses writes.
    /// `writerCacheMiB` is the SQLite writer's page cache: large for the sweep and imports,
    /// smaller in a long-running server that must stay within its memory budget.
    public static func open(
        _ location: DatabaseLocation, logger: Logger = Logger(label: "gallra.store"), readers: Int = 0,
        reading: Bool = false, writerCacheMiB: Int = 64, foreign: Bool = false, statementLimit: Duration? = nil
    ) async throws -> StoreConnection {
        switch location {
        case .sqlite(let path):
            // The store's own files are created readable by their owner only.
            if !foreign && !reading { try SQLiteFile.createPrivately(path) }
            let connection: SQLiteConnection
            do {
                connection = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
            } catch {
                throw GallraError.unavailable("Cannot open the SQLite database \"\(path)\".")
            }
            let sql = connection.sql(queryLogLevel: nil)
            // WAL lets readers go on while the sweep writes; a busy timeout waits for a lock instead of failing.
            // The writer's page cache (64 MiB by default) serves the sweep and imports; a reader's
            // (4 MiB) serves look-ups of one person.
            // A company's own database (`foreign`) keeps its journal mode and settings: only a busy
            // timeout, for this connection.
            let pragmas =
                foreign
                ? ["PRAGMA busy_timeout = 10000", "PRAGMA foreign_keys = ON"]
                : [
                    "PRAGMA journal_mode = WAL", "PRAGMA busy_timeout = 10000", "PRAGMA foreign_keys = ON",
                    "PRAGMA cache_size = -\(writerCacheMiB * 1024)",
                ] + (reading ? ["PRAGMA query_only = ON", "PRAGMA cache_size = -4096"] : [])
            do {
                for pragma in pragmas {
                    try await sql.raw(SQLQueryString(pragma)).run()
                }
            } catch {
                // Closed before it goes: SQLite's connection must not be dropped open (a cancelled
                // task, say, while a reader was being opened).
                // try?: closing a connection being given up; nothing is written through it
                try? await connection.close().get()
                throw error
            }
            return StoreConnection(
                sql: sql, dialect: .sqlite, logger: logger, location: location, readers: readers,
                closer: { try await connection.close().get() },
                abandon: { _ = connection.close() })
        case .postgres(let url):
            var configuration: SQLPostgresConfiguration
            do {
                configuration = try SQLPostgresConfiguration(url: url)
            } catch {
                throw GallraError.invalidInput("The PostgreSQL URL \(location) is not valid.")
            }
            if let statementLimit {
                // The server ends a slow statement itself, a little before the client gives up.
                let milliseconds = max(1, statementLimit.components.seconds * 1_000 * 9 / 10)
                configuration.coreConfiguration.options.additionalStartupParameters += [
                    ("statement_timeout", "\(milliseconds)"), ("lock_timeout", "\(milliseconds)"),
                ]
            }
            let connection: PostgresConnection
            do {
                connection = try await PostgresConnection.connect(
                    configuration: configuration.coreConfiguration, id: 1, logger: logger)
            } catch {
                throw GallraError.unavailable(
                    "Cannot connect to PostgreSQL at \(location): \(PostgresFailure.reason(error)).")
            }
            let link = PostgresLink(connection, configuration: configuration.coreConfiguration, logger: logger)
            let sql = LinkedPostgresSQL(link: link)
            return StoreConnection(
                sql: statementLimit.map { limit in
                    TimedSQLDatabase(base: sql, limit: limit, expire: { link.abandon() })
                } ?? sql, dialect: .postgres, link: link, logger: logger,
                location: location, readers: readers,
                closer: { try await link.connection.close() },
                abandon: { link.abandon() })
        case .mariadb(let url):
            // The statement limit is kept by the server (max_statement_time) and by the client's
            // read limit: a connection is never closed under a statement running on the pool.
            let connection = try await MariaDBConnection.connect(
                try MariaDBAddress(url: url), logger: logger, statementLimit: statementLimit)
            return StoreConnection(
                sql: connection, dialect: .mariadb, logger: logger, location: location, readers: readers,
                closer: { connection.close() }, abandon: { connection.close() })
        }
    }

    public func close() async {
        let wasClosed = closed.withLock { closed in
            defer { closed = true }
            return closed
        }
        if !wasClosed {
            await readers?.close()
            // try?: closing on the way out; nothing is written through it
            try? await closer()
        }
    }

    /// Runs `body` in one transaction: all of it is written, or none of it. It runs on the
    /// caller's actor, so the body may use the caller's state; no other task's statement runs on
    /// the connection meanwhile. A transaction inside a transaction is part of the outer one.
    nonisolated(nonsending) public func transaction<T>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        if gate.isHeld { return try await body(sql) }
        return try await gate.hold {
            // A connection lost since the last unit of work is opened again before BEGIN, never
            // after it (see `PostgresLink`).
            try await link?.renew()
            try await sql.raw(dialect == .sqlite ? "BEGIN IMMEDIATE" : "BEGIN").run()
            do {
                let result = try await body(sql)
                FaultPoint.pass("transaction.body")
                do {
                    try await sql.raw("COMMIT").run()
                } catch let error where Self.lostWhileCommitting(error) {
                    // The connection went while the server committed: it may have, or not.
                    throw GallraError.unavailable(.commitInDoubt)
                }
                FaultPoint.pass("transaction.commit")
                return result
            } catch {
                // Rolled back even when the task was cancelled: a new task does not inherit that
                // (it does inherit holding the gate).
                let sql = self.sql
                // try?: a rollback that fails leaves the transaction to the server, which rolls it back when the connection goes
                await Task { try? await sql.raw("ROLLBACK").run() }.value
                throw Self.lostServerAsUnavailable(error, link: link)
            }
        }
    }

    /// Lets SQLite's page cache go of the pages no statement holds (`PRAGMA shrink_memory`): after
    /// writing much that is not read again. PostgreSQL keeps its cache in its own processes.
    package func releaseCachedPages() async throws {
        guard dialect == .sqlite else { return }
        try await sql.raw("PRAGMA shrink_memory").run()
    }

    /// Runs `body` alone on the connection, for statements sent past SQLKit (PostgreSQL's COPY and
    /// typed reads).
    package nonisolated(nonsending) func alone<T>(_ body: () async throws -> T) async throws -> T {
        if gate.isHeld {
            // Inside a transaction: never a statement on a connection closed (see `PostgresLink.open`).
            _ = try link?.open()
            return try await body()
        }
        return try await gate.hold {
            try await link?.renew()
            do {
                return try await body()
            } catch {
                throw Self.lostServerAsUnavailable(error, link: link)
            }
        }
    }

    /// A driver's error that says the server went away, as the error to retry that it is (HTTP
    /// 503); the connection is given up so that the next unit of work connects again.
    /// Whether a COMMIT failed by losing its server (PostgreSQL's loss is already `unavailable`
    /// here; MariaDB's client says CR_SERVER_GONE_ERROR or CR_SERVER_LOST), not by a refusal.
    private static func lostWhileCommitting(_ error: any Error) -> Bool {
        if case .unavailable? = error as? GallraError { return true }
        if let failure = error as? MariaDBFailure { return failure.number == 2006 || failure.number == 2013 }
        return false
    }

    private static func lostServerAsUnavailable(_ error: any Error, link: PostgresLink?) -> any Error {
        guard let link, PostgresFailure.isLostServer(error) else { return error }
        link.abandon()
        return PostgresFailure.lost(error)
    }

    /// The column type for binary data.
    package var blob: String {
        switch dialect {
        case .sqlite, .mariadb: "BLOB"
        case .postgres: "BYTEA"
        }
    }
    /// The collation that compares text byte by byte: identifiers and digests, never by language.
    package var byteOrder: String {
        switch dialect {
        case .sqlite: "BINARY"
        case .postgres: "\"C\""
        case .mariadb: "utf8mb4_bin"
        }
    }
}
