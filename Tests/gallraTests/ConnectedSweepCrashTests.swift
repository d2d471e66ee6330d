import Foundation
import GallraCore
import GallraDatabase
import GallraStore
import GallraTestSupport
import SQLKit
import Testing

/// kill -9 a real `gallra sweep` while it erases rows of a company's own database, run it again,
/// and compare with an uninterrupted sweep of an identical copy.
@Suite("The connected sweep survives kill -9", .serialized)
struct ConnectedSweepCrashTests {
    /// Gallra's store and the shop it connects, in a directory of their own.
    struct Copy {
        let directory: URL
        /// The shop: an SQLite file in the directory, or a database of the test MariaDB server.
        let shop: DatabaseLocation
        var environment: [String: String] {
            let url: String
            switch shop {
            case .sqlite(let path): url = "sqlite:" + path
            case .postgres(let text), .mariadb(let text): url = text
            }
            return [
                "GALLRA_DATABASE": "sqlite:" + directory.appendingPathComponent("gallra.sqlite").path,
                "GALLRA_KEY_FILE": directory.appendingPathComponent("gallra.key").path, "GALLRA_ACTOR": "test",
                "GALLRA_SHOP": url,
            ]
        }

        func tickets() async throws -> [Int] {
            let connection = try await StoreConnection.open(shop, foreign: true)
            let ids = try await connection.sql.raw("SELECT id FROM ticket ORDER BY id").all().map {
                try $0.decode(column: "id", as: Int.self)
            }
            await connection.close()
            return ids
        }
    }

    static let systems = """
        version: 1
        systems:
          support:
            database: "${GALLRA_SHOP}"
            tables:
              - table: ticket
                key: [id]
                activity: customer-files
                person: { email: requester_email }
                columns: { body: customer_files }
                events: { collected: opened_at, case.closed: closed_at }
        """

    /// 8,000 tickets: three in four opened in 2026 (gone by 2030 under the 12-month cap), the rest
    /// in the autumn of 2029 and still open.
    static func copy(_ backend: TestBackend) async throws -> Copy {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "gallra-ccrash-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let copy = Copy(
            directory: directory,
            shop: backend == .mariadb
                ? try await TestStore.freshDatabase(.mariadb, in: directory)
                : .sqlite(path: directory.appendingPathComponent("shop.sqlite").path))
        let shop = try await StoreConnection.open(copy.shop, foreign: backend == .mariadb)
        try await shop.sql.raw(
            SQLQueryString(
                "CREATE TABLE ticket (id INTEGER PRIMARY KEY, requester_email \(backend.indexedText), body TEXT, opened_at \(backend.timeType), closed_at \(backend.timeType))"
            )
        ).run()
        try await shop.sql.raw(
            SQLQueryString(backend.caseFreeIndex("ticket_email", on: "ticket", "requester_email"))
        ).run()
        try await shop.transaction { sql in
            for id in 1...8_000 {
                let opened = id % 4 == 0 ? "2029-10-01 10:00:00" : "2026-03-01 10:00:00"
                try await sql.raw(
                    "INSERT INTO ticket VALUES (\(bind: id), \(bind: "p\(id % 50)@example.se"), 'Text', \(bind: opened), NULL)"
                ).run()
            }
        }
        await shop.close()
        let register = packageRoot.appendingPathComponent("examples/exempel-programvara.yaml").path
        let systems = directory.appendingPathComponent("systems.yaml")
        try Self.systems.write(to: systems, atomically: true, encoding: .utf8)
        for arguments in [["register", "apply", register], ["systems", "apply", systems.path]] {
            let result = try GallraProcess.run(arguments, environment: copy.environment, in: directory)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
        }
        return copy
    }

    /// SQLite, and MariaDB when the test command has started one.
    static let backends: [TestBackend] = TestBackend.mariadbURL == nil ? [.sqlite] : [.sqlite, .mariadb]

    @Test(
        "Killed while it erases a connected table and run again: the same rows as an uninterrupted sweep",
        arguments: backends)
    func killNine(backend: TestBackend) async throws {
        let interrupted = try await Self.copy(backend)
        let twin = try await Self.copy(backend)
        // Batches of 10 rows: 600 transactions, a window wide enough to land in on a loaded machine
        // (batches of 100 finished within the first kill's wait under the full test load).
        let sweep = ["sweep", "--now", "2030-01-01", "--batch-size", "10"]
        // A dry run's JSON lists each row: `TABLE:KEY` with its system and table (systems.md).
        let dry = try GallraProcess.run(
            sweep + ["--dry-run", "--json"], environment: twin.environment, in: twin.directory)
        #expect(dry.status == 0, "\(dry.stderr)")
        let report = try JSONSerialization.jsonObject(with: Data(dry.stdout.utf8)) as? [String: Any]
        let rows = (report?["items"] as? [[String: Any]] ?? []).filter { $0["system"] as? String == "support" }
        #expect(rows.count == 6_000)
        #expect(
            rows.allSatisfy {
                $0["table"] as? String == "ticket" && ($0["record"] as? String)?.hasPrefix("ticket:") == true
                    && $0["activity"] as? String == "customer-files" && $0["action"] as? String == "erase"
            })
        let partial = try await GallraProcess.killMidRun(
            sweep, environment: interrupted.environment, in: interrupted.directory, attempts: 12,
            waitMilliseconds: 250, longerBy: 150
        ) {
            let left = try await interrupted.tickets().count
            return left > 2_000 && left < 8_000
        }
        #expect(partial, "the sweep was never caught mid-run")

        let again = try GallraProcess.run(sweep, environment: interrupted.environment, in: interrupted.directory)
        #expect(again.status == 0, "\(again.stderr)")
        let whole = try GallraProcess.run(sweep, environment: twin.environment, in: twin.directory)
        #expect(whole.status == 0, "\(whole.stderr)")
        let left = try await interrupted.tickets()
        #expect(left == (try await twin.tickets()))
        #expect(left == Array(stride(from: 4, through: 8_000, by: 4)), "exactly the open tickets of 2029 are left")
        // Every erased row has its evidence in the audit chain, and the chain is whole.
        let verify = try GallraProcess.run(
            ["audit", "verify"], environment: interrupted.environment, in: interrupted.directory)
        #expect(verify.status == 0, "\(verify.stderr)")
        let store = try await StoreConnection.open(
            .sqlite(path: interrupted.directory.appendingPathComponent("gallra.sqlite").path))
        let evidence = try await store.sql.raw("SELECT detail FROM audit_log WHERE action = 'connected.erase'").all()
            .map { try $0.decode(column: "detail", as: String.self) }.joined(separator: " ")
        await store.close()
        let named = Set(evidence.matches(of: /ticket:(\d+) \(/).compactMap { Int($0.1) })
        #expect(named.isSuperset(of: Set(1...8_000).subtracting(left)))
    }
}
