import Foundation
import GallraConnectors
import GallraCore
import GallraDatabase
import GallraTestSupport
import SQLKit
import Testing

/// MariaDB reached through its C client: a password of any characters, instants in UTC whatever
/// the server's own zone, and errors that never repeat a value.
@Suite("MariaDB's client", .enabled(if: TestBackend.mariadbURL != nil))
struct MariaDBClientTests {
    static func database() async throws -> StoreConnection {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gallra-maria-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return try await StoreConnection.open(try await TestStore.freshDatabase(.mariadb, in: directory), foreign: true)
    }

    @Test("A password with URL characters in it, given as ${NAME}, connects; a wrong one is refused without it")
    func password() async throws {
        let admin = try await Self.database()
        let user = "p" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(12).lowercased()
        let password = "p@ss:w/rd%?#&ä"
        // CREATE USER takes no bound value: the test's own fixed password, written as a literal.
        try await admin.sql.raw("CREATE USER \(ident: user)@'127.0.0.1' IDENTIFIED BY '\(unsafeRaw: password)'").run()
        try await admin.sql.raw("GRANT SELECT ON *.* TO \(ident: user)@'127.0.0.1'").run()
        let base = try #require(TestBackend.mariadbURL)
        let hostAndDatabase = String(base[base.range(of: "@")!.upperBound...])
        let variable = "GALLRA_MARIA_PASSWORD_" + user
        // Written mysql:// as well as mariadb://.
        for (scheme, given, works) in [("mysql", password, true), ("mariadb", "not it", false)] {
            let systems = ConnectedSystems(environment: [variable: given])
            let system = ConnectedSystem(
                id: "crm", database: "\(scheme)://\(user):${\(variable)}@\(hostAndDatabase)", tables: [], line: 1)
            do {
                let connection = try await systems.connection(for: system)
                let one = try await connection.sql.raw("SELECT 1 AS n").first()?.decode(column: "n", as: Int.self)
                #expect(works && one == 1)
            } catch {
                #expect(!works, "\(error)")
                #expect(!"\(error)".contains(given), "the password is never in a message")
            }
            await systems.close()
        }
        await admin.close()
    }

    @Test("Instants are read and compared in UTC, whatever zone another session writes in")
    func utc() async throws {
        let connection = try await Self.database()
        try await connection.sql.raw(
            "CREATE TABLE t (id integer PRIMARY KEY, ts TIMESTAMP(6) NULL, dt DATETIME(6) NULL, d DATE NULL)"
        ).run()
        let instant = Date(timeIntervalSince1970: 1_774_745_400.25)  // 2026-03-29 00:50:00.25 UTC
        try await connection.sql.raw("INSERT INTO t VALUES (1, \(bind: instant), \(bind: instant), '2026-03-29')")
            .run()
        // A session of someone else's, in another zone, writes the same instant as its local time.
        try await connection.transaction { sql in
            try await sql.raw("SET time_zone = '+05:00'").run()
            try await sql.raw("INSERT INTO t VALUES (2, '2026-03-29 05:50:00.25', NULL, NULL)").run()
            try await sql.raw("SET time_zone = '+00:00'").run()
        }
        let rows = try await connection.sql.raw("SELECT id, ts, dt, d FROM t ORDER BY id").all()
        #expect(try rows.map { try $0.decode(column: "ts", as: Date.self) } == [instant, instant])
        #expect(try rows[0].decode(column: "dt", as: Date.self) == instant)
        #expect(try rows[0].decode(column: "d", as: Date.self) == Date(timeIntervalSince1970: 1_774_742_400))
        #expect(try rows[1].decode(column: "dt", as: Date?.self) == nil)
        await connection.close()
    }

    @Test("An error over a value leaves the value out; a name stays in")
    func errorsWithoutValues() async throws {
        let connection = try await Self.database()
        try await connection.sql.raw("CREATE TABLE person (email VARCHAR(100) PRIMARY KEY)").run()
        try await connection.sql.raw("INSERT INTO person VALUES (\(bind: "karin@example.se"))").run()
        await #expect {
            try await connection.sql.raw("INSERT INTO person VALUES (\(bind: "karin@example.se"))").run()
        } throws: { error in
            !"\(error)".contains("karin") && "\(error)".contains("Duplicate entry")
        }
        await #expect {
            try await connection.sql.raw("SELECT nope FROM person").run()
        } throws: { error in
            "\(error)".contains("Unknown column 'nope'")
        }
        await connection.close()
    }

    @Test("A statement run again is answered from its new values, after a failure and after the table changed")
    func statementsRunAgain() async throws {
        let connection = try await Self.database()
        try await connection.sql.raw("CREATE TABLE t (id integer PRIMARY KEY, name text)").run()
        for id in 1...40 {
            try await connection.sql.raw("INSERT INTO t (id, name) VALUES (\(bind: id), \(bind: "n\(id)"))").run()
        }
        for id in [7, 31, 7, 12] {
            let rows = try await connection.sql.raw("SELECT * FROM t WHERE id = \(bind: id)").all()
            #expect(try rows.map { try $0.decode(column: "name", as: String.self) } == ["n\(id)"])
        }
        // A failed run (a duplicate key) leaves the next one of the same text to work.
        await #expect(throws: (any Error).self) {
            try await connection.sql.raw("INSERT INTO t (id, name) VALUES (\(bind: 7), \(bind: "again"))").run()
        }
        try await connection.sql.raw("INSERT INTO t (id, name) VALUES (\(bind: 41), \(bind: "n41"))").run()
        // The table gains a column: the same SELECT * gives it.
        try await connection.sql.raw("ALTER TABLE t ADD COLUMN note text").run()
        try await connection.sql.raw("UPDATE t SET note = \(bind: "added") WHERE id = \(bind: 41)").run()
        let row = try #require(try await connection.sql.raw("SELECT * FROM t WHERE id = \(bind: 41)").first())
        #expect(try row.decode(column: "note", as: String.self) == "added")
        // More texts than are kept: each still answers rightly.
        for width in 1...40 {
            let ids = Array(1...width)
            var query = SQLQueryString("SELECT count(*) AS n FROM t WHERE id IN (")
            for (index, id) in ids.enumerated() {
                if index > 0 { query.appendLiteral(", ") }
                query.appendInterpolation(bind: id)
            }
            query.appendLiteral(")")
            #expect(try await connection.sql.raw(query).first()?.decode(column: "n", as: Int.self) == width)
        }
        await connection.close()
    }
}
