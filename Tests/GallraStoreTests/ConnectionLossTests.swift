import Foundation
import GallraCore
import GallraDatabase
import GallraStore
import GallraTestSupport
import SQLKit
import Testing

/// PostgreSQL ends Gallra's connection (a failover behind HAProxy, a restart, an operator's
/// pg_terminate_backend): the next unit of work connects again by itself, and a transaction cut
/// short is neither carried on on the new connection nor reported done (issue 35, item 2).
@Suite("A lost PostgreSQL connection is opened again", .serialized, .acting())
struct ConnectionLossTests {
    static var backends: [TestBackend] { TestBackend.postgresURL == nil ? [] : [.postgres] }

    static func backend(of connection: StoreConnection) async throws -> Int {
        try await connection.sql.raw("SELECT pg_backend_pid() AS pid").first()?.decode(column: "pid", as: Int.self)
            ?? -1
    }

    /// Ends the backend `pid` from a connection of its own, as the server would on its way down.
    static func terminate(_ pid: Int, on location: DatabaseLocation) async throws {
        let admin = try await StoreConnection.open(location)
        try await admin.sql.raw("SELECT pg_terminate_backend(CAST(\(bind: pid) AS integer))").run()
        await admin.close()
    }

    /// Runs `body` until it succeeds, up to `attempts` times; every failure before must be an
    /// error to retry (unavailable), never another.
    static func retried<T>(_ attempts: Int = 3, _ body: () async throws -> T) async throws -> (T, failures: Int) {
        var failures = 0
        while true {
            do {
                return (try await body(), failures)
            } catch let error as GallraError {
                guard case .unavailable = error, failures + 1 < attempts else { throw error }
                failures += 1
            }
        }
    }

    @Test("The statement after the server ended the connection runs on a new one", arguments: backends)
    func statementAfterLoss(backend: TestBackend) async throws {
        let test = try await TestStore.make(backend)
        let connection = try await StoreConnection.open(test.location)
        let before = try await Self.backend(of: connection)
        try await Self.terminate(before, on: test.location)
        let (after, failures) = try await Self.retried { try await Self.backend(of: connection) }
        #expect(after != before, "a new backend serves the connection")
        #expect(failures <= 1, "at most the statement that found the connection gone failed")
        await connection.close()
    }

    @Test(
        "A transaction cut short is not carried on on the new connection, and nothing of it is kept",
        arguments: backends)
    func transactionCutShort(backend: TestBackend) async throws {
        let test = try await TestStore.make(backend)
        let connection = try await StoreConnection.open(test.location)
        try await connection.sql.raw("CREATE TABLE loss_test (x INTEGER)").run()
        let location = test.location
        do {
            try await connection.transaction { sql in
                try await sql.raw("INSERT INTO loss_test (x) VALUES (1)").run()
                let pid = try await sql.raw("SELECT pg_backend_pid() AS pid").first()?.decode(
                    column: "pid", as: Int.self)
                try await Self.terminate(pid ?? -1, on: location)
                try await Task.sleep(for: .milliseconds(200))
                try await sql.raw("INSERT INTO loss_test (x) VALUES (2)").run()
            }
            Issue.record("the transaction was reported done")
        } catch GallraError.unavailable {
            // An error to retry, as it should be.
        } catch {
            Issue.record("not an error to retry: \(error)")
        }
        let (rows, _) = try await Self.retried {
            try await connection.sql.raw("SELECT COUNT(*) AS n FROM loss_test").first()?.decode(
                column: "n", as: Int.self)
        }
        #expect(rows == 0, "neither the row before the loss nor the one after was written")
        try await connection.transaction { sql in try await sql.raw("INSERT INTO loss_test (x) VALUES (3)").run() }
        #expect(
            try await connection.sql.raw("SELECT COUNT(*) AS n FROM loss_test").first()?.decode(
                column: "n", as: Int.self) == 1)
        await connection.close()
    }

    @Test(
        "A store whose every connection was ended goes on writing and reading, its audit chain whole",
        arguments: backends)
    func storeAfterLoss(backend: TestBackend) async throws {
        let test = try await TestStore.make(backend)
        let store = try await test.openWithRegister()
        let anna = try await store.subjects.add(email: "anna@example.se", name: "Anna")
        _ = try await store.subjects.export(anna)
        // Every backend of the store's database, the readers' too, as when its server goes away.
        let admin = try await StoreConnection.open(test.location)
        try await admin.sql.raw(
            """
            SELECT pg_terminate_backend(pid) FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid()
            """
        ).run()
        await admin.close()
        try await Task.sleep(for: .milliseconds(200))
        let (bertil, _) = try await Self.retried {
            try await store.subjects.add(email: "bertil@example.se", name: "Bertil")
        }
        let (found, _) = try await Self.retried { try await store.subjects.export(bertil) }
        #expect(found.subject == bertil)
        #expect(try await store.subjects.export(anna).subject == anna)
        guard case .intact = try await store.verifyAudit() else {
            Issue.record("the audit chain is not whole")
            return
        }
        await store.close()
    }
}
