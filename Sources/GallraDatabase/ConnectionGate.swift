import Logging
import NIOCore
import SQLKit
import Synchronization

/// One connection serves every task of a store (the server's requests and its daily sweep alike),
/// and the store is an actor that other calls may enter while a transaction waits on the database.
/// The gate keeps them apart: a transaction holds the connection from BEGIN to COMMIT, and any
/// other statement waits for it, instead of running inside someone else's transaction (and being
/// committed or rolled back with it).
package final class ConnectionGate: Sendable {
    /// The gate the current task holds, if any (inherited by its child tasks).
    @TaskLocal package static var held: ObjectIdentifier?

    private struct State {
        var busy = false
        var waiting: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())

    package var isHeld: Bool { Self.held == ObjectIdentifier(self) }

    /// Whether a task holds the gate (a transaction is open on the connection) at this moment.
    package var isBusy: Bool { state.withLock { $0.busy } }

    /// Runs `body` holding the gate: alone on the connection. Re-entered freely by its holder.
    package nonisolated(nonsending) func hold<T>(_ body: () async throws -> T) async throws -> T {
        if isHeld { return try await body() }
        await acquire()
        defer { release() }
        return try await Self.$held.withValue(ObjectIdentifier(self)) { try await body() }
    }

    private func acquire() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let free = state.withLock { state in
                if state.busy {
                    state.waiting.append(continuation)
                    return false
                }
                state.busy = true
                return true
            }
            if free { continuation.resume() }
        }
    }

    private func release() {
        let next = state.withLock { state in
            if state.waiting.isEmpty {
                state.busy = false
                return nil as CheckedContinuation<Void, Never>?
            }
            return state.waiting.removeFirst()
        }
        next?.resume()
    }
}

/// An SQL database that passes each statement on to another's connection, deciding only where or
/// when it runs: it reports what the connection it wraps reports.
package protocol RoutingSQLDatabase: SQLDatabase {
    /// The connection whose logger, event loop and dialect it reports.
    var reporting: any SQLDatabase { get }
}

extension RoutingSQLDatabase {
    package var logger: Logger { reporting.logger }
    package var eventLoop: any EventLoop { reporting.eventLoop }
    package var version: (any SQLDatabaseReportedVersion)? { reporting.version }
    package var dialect: any SQLDialect { reporting.dialect }
    package var queryLogLevel: Logger.Level? { reporting.queryLogLevel }

    package func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void)
        -> EventLoopFuture<Void>
    {
        let promise = eventLoop.makePromise(of: Void.self)
        promise.completeWithTask { try await self.execute(sql: query, onRow) }
        return promise.futureResult
    }
}

/// The connection's SQL, each statement passing the gate.
/// A statement that takes the gate afresh (outside a transaction) first has `renew` open again a
/// connection that was lost.
package struct GatedSQLDatabase: RoutingSQLDatabase {
    package let base: any SQLDatabase
    package let gate: ConnectionGate
    package var renew: (@Sendable () async throws -> Void)? = nil

    package var reporting: any SQLDatabase { base }

    package func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        if gate.isHeld { return try await base.execute(sql: query, onRow) }
        try await gate.hold {
            try await renew?()
            try await base.execute(sql: query, onRow)
        }
    }
}
