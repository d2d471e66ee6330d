import Foundation
import GallraConnectors
import GallraCore
import GallraDatabase
import GallraServices
import GallraTestSupport
import SQLKit
import Synchronization
import Testing

@testable import GallraStore

/// The company's own database, reached through a systems file: checked against the register and
/// the live schema, and swept by the register's rules — on SQLite, PostgreSQL and MariaDB.
@Suite("Connected databases", .acting())
struct ConnectorTests {
    /// A shop database of the company's: customers, their orders, support tickets.
    struct Shop {
        let test: TestStore
        let store: Store
        let company: StoreConnection
        let location: DatabaseLocation
        let variable: String
        let backend: TestBackend

        /// The systems file, the database's location given through an environment variable.
        var systemsYAML: String {
            """
            version: 1
            systems:
              crm:
                database: "${\(variable)}"
                tables:
                  - table: customer
                    key: [id]
                    activity: customer-purchases
                    person: { email: email }
                    columns: { name: name, email: email, address: address }
                    events: { collected: created_at, contract.end: contract_ended_at }
                    on_expiry: erase
                    anonymise: { name: null, email: "erased@invalid", address: null }
                  - table: orders
                    key: [id]
                    activity: customer-invoicing
                    belongs_to: { table: customer, column: customer_id }
                    columns: { total: billing }
                    events: { fiscal-year.end: created_at }
                  - table: ticket
                    key: [id]
                    activity: customer-files
                    person: { email: requester_email }
                    columns: { body: customer_files }
                    events: { collected: opened_at, case.closed: closed_at }
            """
        }

        func rows(_ query: String) async throws -> [any SQLRow] {
            try await company.sql.raw(SQLQueryString(query)).all()
        }

        func ids(_ table: String) async throws -> [Int] {
            try await rows("SELECT id FROM \(table) ORDER BY id").map { try $0.decode(column: "id", as: Int.self) }
        }

        func close() async {
            await company.close()
            await store.close()
        }
    }

    /// Whole seconds: what SQLite keeps of a time, so the rows hold exactly the instants the test reasons with.
    static let now = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
    static func ago(days: Double) -> Date { now.addingTimeInterval(-days * 86_400) }

    static func shop(_ backend: TestBackend) async throws -> Shop {
        let test = try await TestStore.make(backend)
        let store = try await test.openWithRegister()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "gallra-shop-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let location = try await TestStore.freshDatabase(backend, in: directory)
        let company = try await StoreConnection.open(location, foreign: true)
        let time = backend.timeType
        let text = backend.indexedText
        for statement in [
            "CREATE TABLE customer (id integer PRIMARY KEY, email \(text) NOT NULL, name text, address text, created_at \(time), contract_ended_at \(time))",
            backend.caseFreeIndex("customer_email", on: "customer", "email"),
            "CREATE TABLE orders (id integer PRIMARY KEY, customer_id integer NOT NULL REFERENCES customer(id), total numeric, created_at \(time))",
            "CREATE INDEX orders_customer ON orders (customer_id)",
            "CREATE TABLE ticket (id integer PRIMARY KEY, requester_email \(text), body text, opened_at \(time), closed_at \(time))",
            backend.caseFreeIndex("ticket_email", on: "ticket", "requester_email"),
        ] {
            try await company.sql.raw(SQLQueryString(statement)).run()
        }
        let variable = "GALLRA_SHOP_" + UUID().uuidString.replacingOccurrences(of: "-", with: "")
        switch location {
        case .sqlite(let path): ProcessEnvironment.set(variable, "sqlite:" + path)
        case .postgres(let url), .mariadb(let url): ProcessEnvironment.set(variable, url)
        }
        return Shop(
            test: test, store: store, company: company, location: location, variable: variable, backend: backend)
    }

    /// Binds an instant the way the column holds it: timestamptz, DATETIME (UTC), or ISO text in UTC.
    static func time(_ date: Date?, _ backend: TestBackend) -> SQLQueryString {
        guard let date else { return "NULL" }
        if backend != .sqlite { return "\(bind: date)" }
        let format = DateFormatter()
        format.locale = Locale(identifier: "en_US_POSIX")
        format.timeZone = TimeZone(identifier: "UTC")
        format.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return "\(bind: format.string(from: date))"
    }

    static func fill(_ shop: Shop, tickets: [(Int, Date?, Date?)]) async throws {
        let b = shop.backend
        let customers: [(Int, Date?)] = [
            (1, ago(days: 3 * 365)), (2, ago(days: 2 * 365)), (3, ago(days: 180)), (4, nil), (5, ago(days: 2 * 365)),
        ]
        for (id, ended) in customers {
            try await shop.company.sql.raw(
                """
                INSERT INTO customer (id, email, name, address, created_at, contract_ended_at)
                VALUES (\(bind: id), \(bind: "kund\(id)@example.se"), \(bind: "Kund \(id)"), \(bind: "Gatan \(id)"),
                \(time(ago(days: 4_000), b)), \(time(ended, b)))
                """
            ).run()
        }
        // Order 1 of customer 1 is two years old: kept under Bokföringslagen. Order 2 is nine.
        for (id, customer, created) in [(1, 1, ago(days: 2 * 365)), (2, 5, ago(days: 9 * 366)), (3, 3, ago(days: 1))] {
            try await shop.company.sql.raw(
                """
                INSERT INTO orders (id, customer_id, total, created_at)
                VALUES (\(bind: id), \(bind: customer), 100, \(time(created, b)))
                """
            ).run()
        }
        for (id, opened, closed) in tickets {
            try await shop.company.sql.raw(
                """
                INSERT INTO ticket (id, requester_email, body, opened_at, closed_at)
                VALUES (\(bind: id), \(bind: "kund1@example.se"), 'Skärmen är svart', \(time(opened, b)), \(time(closed, b)))
                """
            ).run()
        }
    }

    @Test("The sweep removes exactly what the rules say; a dry run changes nothing", arguments: TestBackend.companies)
    func sweep(backend: TestBackend) async throws {
        let shop = try await Self.shop(backend)
        try await Self.fill(
            shop,
            tickets: [
                (1, Self.ago(days: 20), Self.ago(days: 10)),  // closed 10 days ago: 7 days have passed
                (2, Self.ago(days: 400), nil),  // open 13 months: the 12-month cap
                (3, Self.ago(days: 20), Self.ago(days: 2)),  // closed 2 days ago
                (4, Self.ago(days: 30), nil),  // open a month
            ])
        _ = try await shop.store.systems.apply(yaml: shop.systemsYAML, file: "systems.yaml")

        // The forecast counts the connected rows: those expired now, and ticket 3 in five days.
        let forecast = try await Gallra(store: shop.store).forecast(from: Self.now, days: 10, by: .user("dpo"))
        #expect(forecast.overdue == 6)
        let closed3 = ZonedCalendar.stockholm.localDate(of: Self.ago(days: 2).addingTimeInterval(7 * 86_400))
        #expect(forecast.expiring.contains { $0.activity == "customer-files" && $0.records == 1 && $0.date == closed3 })

        let dry = try await shop.store.sweep.runConnected(now: Self.now, dryRun: true)
        #expect(dry.map { "\($0.table):\($0.rows)" } == ["customer:3", "orders:1", "ticket:2"])
        #expect(try await shop.ids("customer") == [1, 2, 3, 4, 5], "a dry run changes nothing")

        let swept = try await shop.store.sweep.runConnected(now: Self.now, dryRun: false, listing: true)
        #expect(swept.map { "\($0.table):\($0.rows)" } == ["customer:3", "orders:1", "ticket:2"])
        // Listed, each row says what was done to it: customers 1 and 5 anonymised instead.
        #expect(
            swept.flatMap { $0.items.map { "\($0.action.rawValue) \($0.record)" } }.sorted() == [
                "anonymise customer:1", "anonymise customer:5", "erase customer:2", "erase orders:2", "erase ticket:1",
                "erase ticket:2",
            ])
        #expect(dry.allSatisfy { $0.items.isEmpty }, "a sweep not asked to list keeps no rows")
        // In `gallra sweep --json`, each row is an item with its system and table (systems.md).
        var report = SweepReport(now: Self.now, dryRun: false)
        report.connected = swept
        #expect(report.erased == 4 && report.anonymised == 2, "the sweep's counts take in the connected rows")
        let json = report.json(.stockholm).description
        #expect(json.contains(#""record": "ticket:1", "activity": "customer-files", "expired": ""#))
        #expect(json.contains(#""action": "anonymise", "system": "crm", "table": "customer""#))
        // Customer 2 had nothing left; 1 and 5 are still referred to by orders, so anonymised.
        #expect(try await shop.ids("customer") == [1, 3, 4, 5])
        let anonymised = try await shop.rows("SELECT id, email, name FROM customer WHERE id IN (1, 5) ORDER BY id")
        #expect(
            try anonymised.map { try $0.decode(column: "email", as: String.self) } == [
                "erased@invalid", "erased@invalid",
            ])
        #expect(try anonymised.map { try $0.decode(column: "name", as: String?.self) } == [nil, nil])
        #expect(
            try await shop.rows("SELECT name FROM customer WHERE id = 3").first?.decode(column: "name", as: String.self)
                == "Kund 3")
        #expect(try await shop.ids("orders") == [1, 3], "the nine-year-old order went; the invoice of two years stays")
        #expect(try await shop.ids("ticket") == [3, 4])

        // The evidence is in Gallra's audit chain, without personal data.
        let audit = try await shop.test.rows(
            "SELECT action, activity, detail FROM audit_log WHERE action LIKE 'connected.%'")
        let details = try audit.map { try $0.decode(column: "detail", as: String.self) }.joined(separator: "\n")
        #expect(details.contains("system crm, rule contract.end + 1y") && details.contains("customer:2 (expired "))
        #expect(details.contains("ticket:1") && !details.contains("kund"))
        if case .broken(let seq, let reason) = try await shop.store.verifyAudit() {
            Issue.record("audit \(seq): \(reason)")
        }

        // A legal hold on the person keeps their rows past their time.
        let gallra = Gallra(store: shop.store)
        let kund3 = try await gallra.addSubject(NewSubject(email: "kund3@example.se"), by: .user("dpo"))
        _ = try await gallra.placeHold(
            subject: kund3, activity: nil, reason: "Tvist om leverans", until: nil, by: .user("dpo"))
        let later = Self.now.addingTimeInterval(400 * 86_400)
        let heldSweep = try await shop.store.sweep.runConnected(now: later, dryRun: true)
        #expect(heldSweep.first { $0.table == "customer" }?.held == 1, "customer 3 is held")

        // Run again: what was anonymised because an order needed it goes once nothing does.
        _ = try await shop.store.sweep.runConnected(now: Self.now, dryRun: false)
        #expect(try await shop.ids("customer") == [1, 3, 4])
        await shop.close()
    }

    @Test("An event read from the row a row belongs to (TABLE.COLUMN)", arguments: TestBackend.companies)
    func parentEvent(backend: TestBackend) async throws {
        let shop = try await Self.shop(backend)
        try await Self.fill(shop, tickets: [])
        // Each order's year is closed when its customer's contract ends (a reading for the test).
        let yaml = shop.systemsYAML.replacingOccurrences(
            of: "events: { fiscal-year.end: created_at }",
            with: "events: { fiscal-year.end: customer.contract_ended_at }")
        #expect(try await shop.store.systems.check(yaml: yaml).filter { $0.severity == .error } == [])
        _ = try await shop.store.systems.apply(yaml: yaml, file: "systems.yaml")
        let later = Self.now.addingTimeInterval(6 * 365.25 * 86_400)
        let swept = try await shop.store.sweep.runConnected(now: later, dryRun: true)
        let rule = try RetentionRule(parsing: "end-of-year(fiscal-year.end) + 7y")
        let ended: [Int: Date?] = [1: Self.ago(days: 3 * 365), 3: Self.ago(days: 180), 5: Self.ago(days: 2 * 365)]
        let expected = [(1, 1), (2, 5), (3, 3)].filter { _, customer in
            guard let end = ended[customer] ?? nil else { return false }
            return rule.outcome(events: ["fiscal-year.end": end], calendar: .stockholm).expiry.map { $0 <= later }
                ?? false
        }
        #expect(swept.first { $0.table == "orders" }?.rows == expected.count)
        #expect(expected.map(\.0) == [1, 2], "the orders of the customers whose contracts ended years ago")
        // A table it does not belong to cannot be named.
        let wrong = shop.systemsYAML.replacingOccurrences(
            of: "events: { fiscal-year.end: created_at }", with: "events: { fiscal-year.end: ticket.opened_at }")
        let problems = try await shop.store.systems.check(yaml: wrong)
        #expect(
            problems.contains { $0.message.contains("names another table; only the table it belongs_to can be named") })
        await shop.close()
    }

    @Test("A sweep stopped halfway, run again, ends where the whole run would have", arguments: TestBackend.companies)
    func stoppedSweep(backend: TestBackend) async throws {
        let shop = try await Self.shop(backend)
        let tickets = (1...120).map { id in
            (id, Self.ago(days: Double(id) * 5), id % 3 == 0 ? nil : Optional(Self.ago(days: Double(id) * 5 - 3)))
        }
        try await Self.fill(shop, tickets: tickets)
        _ = try await shop.store.systems.apply(yaml: shop.systemsYAML, file: "systems.yaml")
        let rule = try RetentionRule(parsing: "min(case.closed + 7d, collected + 12mo)")
        let expected = tickets.filter { _, opened, closed in
            var events: [EventName: Date] = [.collected: opened]
            events["case.closed"] = closed
            return !(rule.outcome(events: events, calendar: .stockholm).expiry.map { $0 <= Self.now } ?? false)
        }.map(\.0)

        struct Stop: Error {}
        let batches = Mutex(0)
        await #expect(throws: Stop.self) {
            _ = try await shop.store.sweep.runConnected(now: Self.now, dryRun: false, batchSize: 10) { _ in
                try batches.withLock { count in
                    count += 1
                    if count == 3 { throw Stop() }
                }
            }
        }
        let halfway = try await shop.ids("ticket")
        #expect(halfway.count > expected.count && halfway.count < tickets.count, "stopped halfway")
        _ = try await shop.store.sweep.runConnected(now: Self.now, dryRun: false, batchSize: 10)
        let left = try await shop.ids("ticket")
        #expect(left == expected, "\(Set(left).symmetricDifference(expected).sorted())")
        await shop.close()
    }

    @Test(
        "Without an index on lower(email) the file applies with a warning that says what each request reads, and a person's rows are still found, whole table read",
        arguments: TestBackend.companies)
    func missingIndex(backend: TestBackend) async throws {
        let shop = try await Self.shop(backend)
        try await Self.fill(shop, tickets: [(1, Self.ago(days: 20), nil), (2, Self.ago(days: 5), nil)])
        try await shop.company.sql.raw(
            backend == .mariadb ? "DROP INDEX ticket_email ON ticket" : "DROP INDEX ticket_email"
        ).run()
        if backend == .postgres { try await shop.company.sql.raw("ANALYZE ticket").run() }
        if backend == .mariadb { try await shop.company.sql.raw("ANALYZE TABLE ticket").run() }
        let (_, warnings) = try await shop.store.systems.apply(yaml: shop.systemsYAML, file: "systems.yaml")
        let lowerCase =
            "systems.yaml:23: warning: column \"requester_email\" of table \"ticket\" of system \"crm\" holds e-mail addresses, found in lower case, but has no index on lower(requester_email); each request reads the whole table (2 rows); to look it up instead: CREATE INDEX ON ticket (lower(requester_email))"
        let expected =
            switch backend {
            case .mariadb:
                "systems.yaml:23: warning: column \"requester_email\" of table \"ticket\" of system \"crm\" holds e-mail addresses, found in any case, but has no index under a collation that ignores case; each request reads the whole table (2 rows); to look it up instead: CREATE INDEX ticket_requester_email ON ticket (requester_email)"
            case .postgres: lowerCase + "; ANALYZE ticket"
            case .sqlite: lowerCase
            }
        #expect(warnings.map { $0.formatted(file: "systems.yaml") }.filter { $0.contains("index") } == [expected])
        #expect(try await shop.store.systems.current() != nil, "in force despite the warning")
        let rows = try await shop.store.connectedPeople.rows(
            of: [try SubjectIdentifier(.email, "Kund1@example.se", today: CivilDate(iso: "2026-12-07")!)])
        #expect(
            rows.filter { $0.table.table == "ticket" }.map(\.reference).sorted() == ["ticket:1", "ticket:2"],
            "found by reading the table")
        await shop.close()
    }

    @Test("A systems file is checked against the register and the live database, every problem on its line")
    func check() async throws {
        let shop = try await Self.shop(.sqlite)
        try await shop.company.sql.raw("DROP INDEX ticket_email").run()
        let yaml = shop.systemsYAML
            .replacingOccurrences(of: "activity: customer-files", with: "activity: customer-file")
            .replacingOccurrences(of: "columns: { total: billing }", with: "columns: { totl: billing }")
            .replacingOccurrences(
                of: "events: { fiscal-year.end: created_at }", with: "events: { fiscal-year.end: total }")
        let problems = try await shop.store.systems.check(yaml: yaml)
        let text = problems.map { $0.formatted(file: "systems.yaml") }
        #expect(
            text.contains {
                $0.hasPrefix("systems.yaml:22: ") && $0.contains("unknown activity \"customer-file\"")
                    && $0.contains("did you mean \"customer-files\"")
            })
        #expect(text.contains { $0.hasPrefix("systems.yaml:18: ") && $0.contains("no column \"totl\"") })
        #expect(
            text.contains {
                $0.hasPrefix("systems.yaml:19: ") && $0.contains("gives fiscal-year.end but holds numeric, not a time")
            })
        // A missing index is slow, not wrong: a warning that says what each request reads.
        let rows = try await shop.company.sql.raw("SELECT COUNT(*) AS n FROM ticket").first()!.decode(
            column: "n", as: Int.self)
        #expect(
            problems.contains {
                $0.severity == .warning
                    && $0.message
                        == "column \"requester_email\" of table \"ticket\" of system \"crm\" holds e-mail addresses, found in lower case, but has no index on lower(requester_email); each request reads the whole table (\(rows) rows); to look it up instead: CREATE INDEX ON ticket (lower(requester_email))"
            })
        await #expect(throws: RegisterError.self) {
            try await shop.store.systems.apply(yaml: yaml, file: "systems.yaml")
        }
        #expect(try await shop.store.systems.current() == nil, "a refused file changes nothing")

        // A key that is personal data would reach the audit log in clear text.
        let personalKey = try await shop.store.systems.check(
            yaml: shop.systemsYAML.replacingOccurrences(
                of: "- table: ticket\n        key: [id]", with: "- table: ticket\n        key: [requester_email]"))
        #expect(
            personalKey.contains {
                $0.line == 21 && $0.severity == .error
                    && $0.message.contains("the key column \"requester_email\" of table \"ticket\" holds personal data")
            })

        // A password written into the file; a database that is not there.
        let secret = try await shop.store.systems.check(
            yaml: shop.systemsYAML.replacingOccurrences(
                of: "\"${\(shop.variable)}\"", with: "\"postgres://crm:hemligt@127.0.0.1:1/crm\""))
        #expect(secret.contains { $0.line == 4 && $0.message.contains("holds a password; write it as ${NAME}") })
        ProcessEnvironment.set(shop.variable, "sqlite:/nonexistent/shop.sqlite")
        let unreachable = try await shop.store.systems.check(yaml: shop.systemsYAML)
        #expect(unreachable.contains { $0.line == 4 && $0.message.contains("does not exist") })
        await shop.close()
    }
}
