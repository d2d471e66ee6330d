import SQLKit
import Synchronization

/// Connections that only read, opened as they are needed, up to a limit: reads of personal data
/// (a subject's export, a look-up) go on while a transaction (a sweep batch) holds the writing
/// connection. On SQLite, WAL gives each reader the last committed state while one writer writes;
/// on PostgreSQL each is a connection of its own.
package final class ReaderPool: Sendable {
    private struct State {
        var idle: [StoreConnection] = []
        var open = 0
        var waiting: [CheckedContinuation<StoreConnection, any Error>] = []
        var closed = false
    }

    package let limit: Int
    private let opener: @Sendable () async throws -> StoreConnection
    private let state = Mutex(State())

    package init(limit: Int, opener: @escaping @Sendable () async throws -> StoreConnection) {
        self.limit = limit
        self.opener = opener
    }

    /// Runs `body` on a reader of its own; waits for one when all `limit` are busy.
    package func withReader<T>(_ body: (StoreConnection) async throws -> T) async throws -> T {
        let reader = try await acquire()
        defer { release(reader) }
        return try await body(reader)
    }

    private enum Lease {
        case ready(StoreConnection), openNew, wait
    }

    private func acquire() async throws -> StoreConnection {
        let lease = state.withLock { state -> Lease in
            if let reader = state.idle.popLast() { return .ready(reader) }
            if state.open < limit {
                state.open += 1
                return .openNew
            }
            return .wait
        }
        switch lease {
        case .ready(let reader):
            return reader
        case .openNew:
            do {
                return try await opener()
            } catch {
                state.withLock { $0.open -= 1 }
                throw error
            }
        case .wait:
            return try await withCheckedThrowingContinuation { continuation in
                let ready = state.withLock { state -> StoreConnection? in
                    if let reader = state.idle.popLast() { return reader }
                    state.waiting.append(continuation)
                    return nil
                }
                if let ready { continuation.resume(returning: ready) }
            }
        }
    }

    private func release(_ reader: StoreConnection) {
        enum Next { case waiter(CheckedContinuation<StoreConnection, any Error>), idle, close }
        let next = state.withLock { state -> Next in
            if state.closed { return .close }
            if !state.waiting.isEmpty { return .waiter(state.waiting.removeFirst()) }
            state.idle.append(reader)
            return .idle
        }
        switch next {
        case .waiter(let waiter): waiter.resume(returning: reader)
        case .idle: break
        // A reader still in use when the pool closed is closed as it comes back.
        case .close: Task { await reader.close() }
        }
    }

    package func close() async {
        let idle = state.withLock { state in
            state.closed = true
            defer { state.idle = [] }
            return state.idle
        }
        for reader in idle { await reader.close() }
    }
}

/// Statements that only read: on the caller's own transaction when it holds one (so that it reads
/// its own writes), otherwise on a reader of the pool.
package struct ReadingSQLDatabase: RoutingSQLDatabase {
    package let writer: StoreConnection
    package let readers: ReaderPool

    package var reporting: any SQLDatabase { writer.sql }

    package func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        if writer.gate.isHeld { return try await writer.sql.execute(sql: query, onRow) }
        try await readers.withReader { reader in try await reader.sql.execute(sql: query, onRow) }
    }
}
