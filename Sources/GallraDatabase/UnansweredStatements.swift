import NIOCore
import PostgresKit
import Synchronization

/// The statements under way on one PostgreSQL connection, failed as lost when the connection
/// closes without answering them. postgres-nio 1.33 leaves a statement written as its connection
/// closes unanswered (a failover cuts connections at any moment), and the task waiting for it would
/// wait for good, holding the connection's gate and with it every write of the server. Once the
/// connection has closed, a statement still waiting gets `grace` to fail on its own.
package final class UnansweredStatements: Sendable {
    private struct State {
        var next = 0
        var waiting: [Int: CheckedContinuation<Void, any Error>] = [:]
        var closed = false
    }

    private let state = Mutex(State())

    /// Watches `connection`: when it closes, what is still waiting on it after `grace` fails.
    package init(watching connection: PostgresConnection, grace: TimeAmount = .seconds(1)) {
        let eventLoop = connection.eventLoop
        connection.closeFuture.whenComplete { [self] _ in
            eventLoop.scheduleTask(in: grace) { self.failAll() }
        }
    }

    /// Runs `statement`; it fails as lost if the connection closes under it and it is not answered.
    package func run(_ statement: @escaping @Sendable () async throws -> Void) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let id = state.withLock { state -> Int? in
                guard !state.closed else { return nil }
                state.next += 1
                state.waiting[state.next] = continuation
                return state.next
            }
            guard let id else {
                continuation.resume(throwing: PostgresFailure.lost(nil))
                return
            }
            Task {
                let outcome: Result<Void, any Error>
                do {
                    try await statement()
                    outcome = .success(())
                } catch {
                    outcome = .failure(error)
                }
                state.withLock { $0.waiting.removeValue(forKey: id) }?.resume(with: outcome)
            }
        }
    }

    private func failAll() {
        let waiting = state.withLock { state in
            state.closed = true
            defer { state.waiting = [:] }
            return Array(state.waiting.values)
        }
        for continuation in waiting { continuation.resume(throwing: PostgresFailure.lost(nil)) }
    }
}
