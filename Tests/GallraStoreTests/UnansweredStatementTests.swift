import Foundation
import GallraCore
import GallraDatabase
import GallraTestSupport
import Logging
import PostgresKit
import Testing

/// A statement whose connection closes under it without an answer (postgres-nio 1.33 leaves one
/// written as the connection closes unanswered) fails as lost, an error to retry, instead of
/// holding the connection's gate, and every write of the server, for good. Seen once in the
/// failover test: after the primary's death every write of the server waited until its end.
@Suite("A statement never answered by a closed connection fails")
struct UnansweredStatementTests {
    static var backends: [TestBackend] { TestBackend.postgresURL == nil ? [] : [.postgres] }

    @Test(
        "The connection closes under a statement never answered: it fails as lost within seconds", arguments: backends)
    func closedUnder(backend: TestBackend) async throws {
        let url = try #require(TestBackend.postgresURL)
        let configuration = try SQLPostgresConfiguration(url: url)
        let connection = try await PostgresConnection.connect(
            configuration: configuration.coreConfiguration, id: 1, logger: Logger(label: "test"))
        let statements = UnansweredStatements(watching: connection)
        // Answered statements pass through as before.
        try await statements.run { _ = try await connection.query("SELECT 1", logger: Logger(label: "test")).get() }

        let started = ContinuousClock.now
        // A statement whose answer never comes, as the driver leaves one.
        let waiting = Task { try await statements.run { try await Task.sleep(for: .seconds(120)) } }
        try await Task.sleep(for: .milliseconds(200))
        try await connection.close()
        let outcome = await waiting.result
        #expect(throws: GallraError.self) { try outcome.get() }
        if case .failure(let error) = outcome, case .unavailable? = error as? GallraError {
        } else {
            Issue.record("not an error to retry: \(outcome)")
        }
        #expect(ContinuousClock.now - started < .seconds(10), "failed soon after the close, not after the statement")

        // One after the close is refused at once.
        await #expect(throws: GallraError.self) {
            try await statements.run { try await Task.sleep(for: .seconds(120)) }
        }
    }
}
