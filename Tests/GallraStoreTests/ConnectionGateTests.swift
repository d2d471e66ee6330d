import Foundation
import GallraConnectors
import GallraDatabase
import GallraTestSupport
import SQLKit
import Testing

@testable import GallraStore

@Suite("One connection, many tasks", .acting())
struct ConnectionGateTests {
    struct Refused: Error {}

    /// A connection to a fresh store, with an empty table to write in.
    static func connection(_ backend: TestBackend) async throws -> (TestStore, StoreConnection) {
        let test = try await TestStore.make(backend)
        let connection = try await StoreConnection.open(test.location)
        try await connection.sql.raw("CREATE TABLE gate_test (x INTEGER)").run()
        return (test, connection)
    }

    static func count(_ connection: StoreConnection) async throws -> Int {
        try await connection.sql.raw("SELECT COUNT(*) AS n FROM gate_test").first()?.decode(column: "n", as: Int.self)
            ?? -1
    }

    @Test(
        "A statement from another task waits for an open transaction instead of joining it",
        arguments: TestBackend.available)
    func statementsWait(backend: TestBackend) async throws {
        let (_, connection) = try await Self.connection(backend)
        let writer = Task {
            try await connection.transaction { sql in
                try await sql.raw("INSERT INTO gate_test (x) VALUES (1)").run()
                try await Task.sleep(nanoseconds: 300_000_000)
                throw Refused()
            }
        }
        try await Task.sleep(nanoseconds: 100_000_000)
        // Run while the transaction is open: it sees the table as it is after the rollback, never
        // the row inserted inside the transaction (which a statement joining it would see).
        #expect(try await Self.count(connection) == 0)
        #expect(await writer.result.isFailure)
        await connection.close()
    }

    @Test(
        "A transaction whose task is cancelled is rolled back, and the connection goes on working",
        arguments: TestBackend.available)
    func cancelledTransaction(backend: TestBackend) async throws {
        let (test, connection) = try await Self.connection(backend)
        // Cancelled once the row is written inside the transaction, however long that takes on a
        // busy machine; the transaction then waits for the cancellation alone (a fixed 5 s let a
        // starved test task cancel it only after it had committed, under the full test load).
        let (inserted, signal) = AsyncStream.makeStream(of: Void.self)
        let writer = Task {
            try await connection.transaction { sql in
                try await sql.raw("INSERT INTO gate_test (x) VALUES (1)").run()
                signal.yield()
                try await Task.sleep(for: .seconds(600))
            }
        }
        for await _ in inserted { break }
        writer.cancel()
        #expect(await writer.result.isFailure)
        #expect(try await Self.count(connection) == 0)
        try await connection.transaction { sql in try await sql.raw("INSERT INTO gate_test (x) VALUES (2)").run() }
        // A second connection sees it committed: no transaction was left open.
        let other = try await StoreConnection.open(test.location)
        #expect(try await Self.count(other) == 1)
        await other.close()
        await connection.close()
    }
}

extension Result {
    var isFailure: Bool {
        if case .failure = self { return true }
        return false
    }
}
