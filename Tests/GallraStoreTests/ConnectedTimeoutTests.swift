import Foundation
import GallraConnectors
import GallraCore
import GallraDatabase
import GallraTestSupport
import SQLKit
import Testing

@testable import GallraStore

/// A company's PostgreSQL that stops answering mid-statement: Gallra gives up in bounded time
/// instead of holding the request (and the server's shutdown) forever.
@Suite("A connected database that stops answering", .acting(as: .user("dpo")))
struct ConnectedTimeoutTests {
    @Test("A statement to a stopped server fails within its limit, naming the wait; a slow one is ended by the server")
    func stoppedServer() async throws {
        guard let url = TestBackend.postgresURL else { return }
        let connection = try await StoreConnection.open(
            .postgres(url: url), foreign: true, statementLimit: .seconds(3))
        // The server's own limit ends a statement that is merely slow.
        let slow = ContinuousClock.now
        await #expect(throws: (any Error).self) { try await connection.sql.raw("SELECT pg_sleep(600)").run() }
        // Generous for a loaded machine: the point is that it ends, long before the ten minutes.
        #expect(ContinuousClock.now - slow < .seconds(120))

        let second = try await StoreConnection.open(
            .postgres(url: url), foreign: true, statementLimit: .seconds(3))
        let pid = try #require(
            try await second.sql.raw("SELECT pg_backend_pid() AS pid").first()?.decode(column: "pid", as: Int32.self))
        // The backend serving this connection is stopped: it holds the socket open and never answers.
        #expect(kill(pid, SIGSTOP) == 0, "the test needs to signal the PostgreSQL backend (run as root)")
        defer { kill(pid, SIGCONT) }
        let start = ContinuousClock.now
        do {
            try await second.sql.raw("SELECT 1").run()
            Issue.record("a stopped server answered")
        } catch let error as GallraError {
            #expect(error.description.contains("no answer within"))
        }
        #expect(ContinuousClock.now - start < .seconds(120), "bounded by the statement limit, not forever")
        kill(pid, SIGCONT)
        await connection.close()
        await second.close()
    }
}
