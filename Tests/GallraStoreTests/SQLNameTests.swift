import GallraConnectors
import GallraCore
import GallraDatabase
import GallraTestSupport
import SQLKit
import Testing

@testable import GallraStore

@Suite("Names reach SQL quoted", .acting())
struct SQLNameTests {
    @Test("A name is written quoted, an embedded quote doubled; a bad name is refused")
    func quoting() throws {
        #expect(try SQLName("orders").quoted == "\"orders\"")
        #expect(try SQLName("Kund\"; DROP TABLE x; --").quoted == "\"Kund\"\"; DROP TABLE x; --\"")
        #expect(throws: GallraError.self) { try SQLName("") }
        #expect(throws: GallraError.self) { try SQLName(String(repeating: "x", count: 64)) }
        #expect(throws: GallraError.self) { try SQLName("a\u{0}b") }
    }

    @Test("A hostile table name is one table, on both databases", arguments: TestBackend.available)
    func hostileName(backend: TestBackend) async throws {
        let test = try await TestStore.make(backend)
        let store = try await test.openWithRegister()  // the log holds the register's entry
        let connection = try await StoreConnection.open(test.location)
        let table = try SQLName("Kunder\"; DROP TABLE audit_log; --")
        try await connection.sql.raw("CREATE TABLE \(name: table) (\(name: try SQLName("e-post")) TEXT)").run()
        try await connection.sql.raw(
            "INSERT INTO \(name: table) (\(name: try SQLName("e-post"))) VALUES (\(bind: "a@example.se"))"
        ).run()
        let rows = try await connection.sql.raw("SELECT * FROM \(name: table)").all()
        #expect(rows.count == 1)
        await connection.close()
        // Had the name ended the statement, the log would be gone (or, recreated, empty).
        #expect(try await test.rows("SELECT seq FROM audit_log").count == 1)
        try await expectIntactAudit(store)
        await store.close()
    }
}
