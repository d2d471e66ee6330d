import GallraCore
import Logging
import PostgresKit
import SQLKit
import Synchronization

/// The PostgreSQL connection under a `StoreConnection`, opened anew when the one it had is lost
/// (issue 35: a failover). The server that held it may have died and another taken its place behind
/// the same address (HAProxy in front of Patroni), so a lost connection is never a reason to stop:
/// the next unit of work connects again. It reconnects only between units of work — before a
/// statement outside a transaction, or before BEGIN — never inside a transaction, whose statements
/// after the loss would otherwise run, and commit, on their own.
package final class PostgresLink: Sendable {
    /// The connection, and whether it was given up (its closing may not have completed yet).
    private let current: Mutex<(connection: PostgresConnection, givenUp: Bool, statements: UnansweredStatements)>
    private let configuration: PostgresConnection.Configuration
    private let logger: Logger

    init(_ connection: PostgresConnection, configuration: PostgresConnection.Configuration, logger: Logger) {
        self.current = Mutex((connection, false, UnansweredStatements(watching: connection)))
        self.configuration = configuration
        self.logger = logger
    }

    /// The connection of the moment.
    package var connection: PostgresConnection { current.withLock { $0.connection } }

    private var isLost: Bool {
        let (connection, givenUp) = current.withLock { ($0.connection, $0.givenUp) }
        return givenUp || connection.isClosed
    }

    /// Connects again when the connection was lost. Called holding the connection's gate, so
    /// that no statement is running on it meanwhile.
    func renew() async throws {
        guard isLost else { return }
        let fresh = try await Self.connect(configuration, logger: logger)
        let lost = current.withLock { current in
            defer { current = (fresh, false, UnansweredStatements(watching: fresh)) }
            return current.connection
        }
        // Closed to free what the driver holds of it (it is closed already).
        (lost.close() as EventLoopFuture<Void>).whenComplete { _ in withExtendedLifetime(lost) {} }
        logger.notice("the connection to PostgreSQL was lost and is open again")
    }

    /// The connection of the moment, when it is open. A statement must never be written to a
    /// closed one: postgres-nio 1.33 writes it without a promise, so it is never answered, and
    /// the task waiting for it would hold the connection's gate (every write) for good. The
    /// statement after one cut off (a ROLLBACK, the rest of a transaction) fails here instead.
    func open() throws -> PostgresConnection {
        try openWithStatements().connection
    }

    /// The connection of the moment when it is open, and the statements under way on it.
    func openWithStatements() throws -> (connection: PostgresConnection, statements: UnansweredStatements) {
        let (connection, givenUp, statements) = current.withLock { ($0.connection, $0.givenUp, $0.statements) }
        guard !givenUp, !connection.isClosed else { throw PostgresFailure.lost(nil) }
        return (connection, statements)
    }

    /// Closes the connection of the moment without waiting: the next unit of work connects again.
    func abandon() {
        let connection = current.withLock { current in
            current.givenUp = true
            return current.connection
        }
        // Kept until it is closed (the driver holds that a connection goes only once closed),
        // also when the link itself goes now.
        (connection.close() as EventLoopFuture<Void>).whenComplete { _ in withExtendedLifetime(connection) {} }
    }

    static func connect(_ configuration: PostgresConnection.Configuration, logger: Logger) async throws
        -> PostgresConnection
    {
        do {
            return try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
        } catch {
            throw GallraError.unavailable(
                ErrorReason(
                    sv: "Databasen går inte att nå just nu. Försök igen om en stund.",
                    en: "Cannot connect to PostgreSQL: \(PostgresFailure.reason(error)). Try again in a moment."))
        }
    }
}

/// The SQL of a `PostgresLink`'s connection of the moment. A statement that fails because the
/// connection or the server went away is reported as unavailable (an error to retry, HTTP 503), not
/// as the driver's error.
package struct LinkedPostgresSQL: RoutingSQLDatabase {
    let link: PostgresLink

    package var reporting: any SQLDatabase { link.connection.sql(queryLogLevel: nil) }

    package func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        let (connection, statements) = try link.openWithStatements()
        do {
            try await statements.run { try await connection.sql(queryLogLevel: nil).execute(sql: query, onRow) }
        } catch let error where PostgresFailure.isLostServer(error) {
            // Given up, so that the next unit of work connects again (a replica that answered
            // 25006 keeps the connection open; the address now leads to the new primary).
            link.abandon()
            throw PostgresFailure.lost(error)
        }
    }
}
