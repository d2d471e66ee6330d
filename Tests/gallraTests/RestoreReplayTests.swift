import Foundation
import GallraCore
import GallraDatabase
import GallraStore
import GallraTestSupport
import SQLKit
import Testing

/// Issue 35, item 4: a backup of the database (and of the company's own database it connects),
/// then erasures by a request and by the sweep, then the backups restored: `gallra restore` erases
/// again everyone and everything erased since, says whom, and finds nothing to do the second time.
@Suite("A restore from a backup brings no one back", .serialized, .acting())
struct RestoreReplayTests {
    /// Gallra's store (SQLite in the directory, or a PostgreSQL database) and the shop it connects
    /// (an SQLite file in the directory).
    struct Site {
        let directory: URL
        let database: String
        var shop: String { directory.appendingPathComponent("shop.sqlite").path }
        var environment: [String: String] {
            [
                "GALLRA_DATABASE": database, "GALLRA_KEY_FILE": directory.appendingPathComponent("gallra.key").path,
                "GALLRA_ACTOR": "test", "GALLRA_SHOP": "sqlite:" + shop,
            ]
        }
        var location: DatabaseLocation { get throws { try DatabaseLocation(parsing: database) } }
        /// The keyring: beside an SQLite database, in the database itself on PostgreSQL.
        var keyring: DatabaseLocation {
            get throws {
                database.hasPrefix("sqlite:") ? .sqlite(path: String(database.dropFirst(7)) + ".keyring") : try location
            }
        }

        func gallra(_ arguments: [String]) throws -> GallraProcess.Result {
            try GallraProcess.run(arguments, environment: environment, in: directory)
        }
    }

    /// What a user would find: people, records, anonymised copies, the shop's tickets.
    struct State: Equatable {
        var subjects: Set<String>
        var records: Set<String>
        var anonymised: Int
        var tickets: Set<Int>
        /// A table whose key is text (found again by its HMAC in the journal).
        var mailing: Set<String>
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
              - table: mailing
                key: [ref]
                activity: customer-files
                person: { email: email }
                columns: { body: customer_files }
                events: { collected: opened_at, case.closed: closed_at }
        """

    @Test(
        "Erased by a request and by the sweep after the backup, erased again after the restore",
        arguments: TestBackend.available)
    func restore(backend: TestBackend) async throws {
        let site = try await Self.site(backend)
        #expect(try holdsValues(site, "p1@example.se"))
        // A checkpoint of the audit chain before the backup: the restored chain still agrees with it.
        #expect(try site.gallra(["audit", "checkpoint"]).status == 0)
        let before = try await state(site)
        try await backUp(site)

        // After the backup: p1 asks to be erased; then the sweep of 2030 erases what expired,
        // p2 whole (nothing of theirs is kept), and the shop's tickets of 2026.
        let request = try site.gallra([
            "request", "open", "erasure", "--subject", "p1@example.se", "--verified", "BankID",
        ])
        #expect(request.status == 0, "\(request.stderr)")
        let id = request.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        for system in ["cloud", "crm", "economy", "telephony", "website"] {
            #expect(try site.gallra(["request", "task-done", id, system]).status == 0)
        }
        let completed = try site.gallra(["request", "complete", id])
        #expect(completed.status == 0, "\(completed.stderr)")
        let sweep = try site.gallra(["sweep", "--now", "2030-01-01"])
        #expect(sweep.status == 0, "\(sweep.stderr)")
        let erased = try await state(site)
        let gone = before.subjects.subtracting(erased.subjects)
        #expect(gone.count == 2, "p1 by the request, p2 by the sweep")
        #expect(erased.tickets == [2, 22, 32], "p1's tickets and those of 2026 are gone")
        #expect(erased.mailing == ["m0", "m3"])
        let journal = try String(
            contentsOf: site.directory.appendingPathComponent("gallra.key.erasures"), encoding: .utf8)
        #expect(
            !journal.contains("@") && !journal.contains("\"m1\""), "no address in the journal, no text key in clear")
        #expect(try !holdsValues(site, "p1@example.se"))

        try await restoreBackup(site)
        #expect(try await state(site) == before, "the backup brings everyone back")
        #expect(
            try serveWarning(site).contains("erasures in the erasure journal"),
            "the server, started on the older database, says so")

        let replay = try site.gallra(["restore"])
        #expect(replay.status == 0, "\(replay.stderr)")
        #expect(try await state(site) == erased, "no one erased comes back; no one else goes")
        #expect(replay.stdout.contains("Subjects erased again: 2"), "\(replay.stdout)")
        for subject in gone { #expect(replay.stdout.contains(subject), "the report names \(subject)") }
        for ticket in before.tickets.subtracting(erased.tickets) {
            #expect(replay.stdout.contains("ticket:\(ticket)"), "the report names ticket \(ticket)")
        }
        #expect(replay.stdout.contains("support.ticket: 5 rows erased again"), "\(replay.stdout)")
        #expect(replay.stdout.contains("support.mailing: 2 rows erased again"), "\(replay.stdout)")
        #expect(!replay.stdout.contains("@"), "no address in the report")
        // Nothing of theirs in the store found by their address any more (only the shop's rows
        // that stay); the others as before.
        #expect(try !holdsValues(site, "p1@example.se"))
        #expect(try !holdsValues(site, "p2@example.se"))
        let kept = try site.gallra(["subject", "export", "p0@example.se"])
        #expect(kept.status == 0, "\(kept.stderr)")
        #expect(kept.stdout.contains("ärende"))
        // Their data keys are gone, even where the keyring came back with the backup.
        #expect(try await keyHolders(site).isDisjoint(with: gone))
        let verify = try site.gallra(["audit", "verify"])
        #expect(verify.status == 0, "\(verify.stdout) \(verify.stderr)")
        // The one before the backup and the server's, of the restored chain.
        #expect(verify.stdout.contains("2 checkpoints agree"), "\(verify.stdout)")
        #expect(try !serveWarning(site).contains("erasure journal"))

        let again = try site.gallra(["restore"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("Nothing was erased again"), "\(again.stdout)")
        #expect(try await state(site) == erased)
    }

    @Test("A journal altered by hand is refused, and nothing is erased")
    func alteredJournal() async throws {
        let site = try await Self.site(.sqlite)
        try await backUp(site)
        #expect(try site.gallra(["sweep", "--now", "2030-01-01"]).status == 0)
        let journal = site.directory.appendingPathComponent("gallra.key.erasures")
        let text = try String(contentsOf: journal, encoding: .utf8)
        try text.replacingOccurrences(of: "\"sweep\"", with: "\"swept\"").write(
            to: journal, atomically: true, encoding: .utf8)
        try await restoreBackup(site)
        let before = try await state(site)
        let replay = try site.gallra(["restore"])
        #expect(replay.status != 0)
        #expect(replay.stderr.contains("does not hold at line 1"), "\(replay.stderr)")
        #expect(try await state(site) == before)
    }

    /// Four people: p0 and p3 with a support case waiting for their contract to end and three
    /// records that expire by 2030; p1 and p2 with only those three. In the shop, each has a
    /// ticket of 2026 (expired by 2030) and an open one of 2029.
    static func site(_ backend: TestBackend) async throws -> Site {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "gallra-restore-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let location = try await TestStore.freshDatabase(backend, in: directory)
        let database: String
        switch location {
        case .sqlite(let path): database = "sqlite:" + path
        case .postgres(let url), .mariadb(let url): database = url
        }
        let site = Site(directory: directory, database: database)
        let store = try await Store.open(
            database: location, keyFile: directory.appendingPathComponent("gallra.key").path)
        try await store.versions.apply(yaml: try exampleRegister(), file: "register")
        let subjects = try await store.subjects.add(
            (0..<4).map { NewSubject(email: "p\($0)@example.se", name: "P \($0)") })
        let collected = ZonedCalendar.stockholm.parseInstant("2025-01-01")!
        var records: [NewRecord] = []
        for (index, subject) in subjects.enumerated() {
            var kinds = [
                ("product-demo", "contact_details", "demo"), ("website-visits", "ip_address", "10.0.0.1"),
                ("phone-contact", "recordings", "samtal.wav"),
            ]
            if index == 0 || index == 3 { kinds.append(("support", "case_content", "ärende")) }
            records += kinds.map {
                NewRecord(subject: subject, activity: $0.0, category: $0.1, value: $0.2, collected: collected)
            }
        }
        _ = try await store.records.add(records)
        await store.close()

        let shop = try await StoreConnection.open(.sqlite(path: site.shop), foreign: true)
        try await shop.sql.raw(
            "CREATE TABLE ticket (id INTEGER PRIMARY KEY, requester_email text, body TEXT, opened_at TEXT, closed_at TEXT)"
        ).run()
        for person in 0..<4 {
            for (offset, opened) in [(1, "2026-03-01 10:00:00"), (2, "2029-10-01 10:00:00")] {
                try await shop.sql.raw(
                    "INSERT INTO ticket VALUES (\(bind: person * 10 + offset), \(bind: "p\(person)@example.se"), 'Text', \(bind: opened), NULL)"
                ).run()
            }
        }
        try await shop.sql.raw(
            "CREATE TABLE mailing (ref TEXT PRIMARY KEY, email TEXT, body TEXT, opened_at TEXT, closed_at TEXT)"
        ).run()
        for (person, opened) in [(0, "2029-10-01"), (1, "2029-10-01"), (2, "2026-03-01"), (3, "2029-10-01")] {
            try await shop.sql.raw(
                "INSERT INTO mailing VALUES (\(bind: "m\(person)"), \(bind: "p\(person)@example.se"), 'Text', \(bind: opened + " 10:00:00"), NULL)"
            ).run()
        }
        await shop.close()
        let systems = directory.appendingPathComponent("systems.yaml")
        try Self.systems.write(to: systems, atomically: true, encoding: .utf8)
        let applied = try site.gallra(["systems", "apply", systems.path])
        #expect(applied.status == 0, "\(applied.stderr)")
        return site
    }

    /// The backup: the database's files (never the keyring: it is backed up apart, and not
    /// restored here) and the shop's; on PostgreSQL, a copy of the database made from it as a
    /// template.
    func backUp(_ site: Site) async throws {
        let backup = site.directory.appendingPathComponent("backup")
        try FileManager.default.createDirectory(at: backup, withIntermediateDirectories: true)
        for file in try databaseFiles(site) {
            try FileManager.default.copyItem(
                at: site.directory.appendingPathComponent(file), to: backup.appendingPathComponent(file))
        }
        if !site.database.hasPrefix("sqlite:") {
            try await postgres(site, "CREATE DATABASE \(name(site))_backup TEMPLATE \(name(site))")
        }
    }

    func restoreBackup(_ site: Site) async throws {
        let backup = site.directory.appendingPathComponent("backup")
        for file in try databaseFiles(site) {
            try FileManager.default.removeItem(at: site.directory.appendingPathComponent(file))
        }
        for file in try FileManager.default.contentsOfDirectory(atPath: backup.path) {
            try FileManager.default.copyItem(
                at: backup.appendingPathComponent(file), to: site.directory.appendingPathComponent(file))
        }
        if !site.database.hasPrefix("sqlite:") {
            try await postgres(site, "DROP DATABASE \(name(site)) WITH (FORCE)")
            try await postgres(site, "CREATE DATABASE \(name(site)) TEMPLATE \(name(site))_backup")
        }
    }

    /// The store's SQLite files (with their WAL) and the shop's, by name in the directory.
    func databaseFiles(_ site: Site) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: site.directory.path).filter { file in
            (file.hasPrefix("gallra.sqlite") && !file.contains("keyring")) || file.hasPrefix("shop.sqlite")
        }
    }

    func name(_ site: Site) -> String {
        String(site.database.split(separator: "/").last!.split(separator: "?").first!)
    }

    func postgres(_ site: Site, _ statement: String) async throws {
        let admin = try await StoreConnection.open(.postgres(url: TestBackend.postgresURL!))
        try await admin.sql.raw(SQLQueryString(statement)).run()
        await admin.close()
    }

    func state(_ site: Site) async throws -> State {
        let store = try await StoreConnection.open(try site.location)
        func ids(_ query: SQLQueryString) async throws -> Set<String> {
            Set(try await store.sql.raw(query).all().map { try $0.decode(column: "id", as: String.self) })
        }
        let subjects = try await ids("SELECT id FROM subjects")
        let records = try await ids("SELECT id FROM records")
        let anonymised =
            try await store.sql.raw("SELECT count(*) AS n FROM anonymised_records").first()?
            .decode(column: "n", as: Int.self) ?? -1
        await store.close()
        let shop = try await StoreConnection.open(.sqlite(path: site.shop), foreign: true)
        let tickets = Set(
            try await shop.sql.raw("SELECT id FROM ticket").all().map { try $0.decode(column: "id", as: Int.self) })
        let mailing = Set(
            try await shop.sql.raw("SELECT ref FROM mailing").all().map {
                try $0.decode(column: "ref", as: String.self)
            })
        await shop.close()
        return State(
            subjects: subjects, records: records, anonymised: anonymised, tickets: tickets, mailing: mailing)
    }

    /// What `gallra serve` says on standard error as it starts (stopped after a few seconds).
    func serveWarning(_ site: Site) throws -> String {
        let port = try GallraProcess.freeLoopbackPort()
        return try GallraProcess.runTool(
            "/usr/bin/timeout", ["4", GallraProcess.executable.path, "serve", "--port", "\(port)"],
            environment: site.environment, in: site.directory
        ).stderr
    }

    /// Whether the export of the person found by `email` shows the values of their records.
    func holdsValues(_ site: Site, _ email: String) throws -> Bool {
        let export = try site.gallra(["subject", "export", email])
        return export.stdout.contains("samtal.wav") || export.stdout.contains("10.0.0.1")
    }

    func keyHolders(_ site: Site) async throws -> Set<String> {
        let keyring = try await StoreConnection.open(try site.keyring)
        let holders = try await keyring.sql.raw("SELECT subject_id FROM subject_keys").all().map {
            try $0.decode(column: "subject_id", as: String.self)
        }
        await keyring.close()
        return Set(holders)
    }
}
