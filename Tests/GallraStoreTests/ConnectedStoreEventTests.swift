import Foundation
import GallraConnectors
import GallraCore
import GallraDatabase
import GallraServices
import GallraTestSupport
import SQLKit
import Testing

@testable import GallraStore

/// A person's events recorded in Gallra's own store apply to their rows in the connected tables
/// too (systems.md): where a row's column for the event is empty, the narrowest of the person's
/// events stands in (the activity's before the subject-wide); a filled column wins.
@Suite("Connected rows and the store's events", .acting())
struct ConnectedStoreEventTests {
    typealias Shop = ConnectorTests.Shop
    static let now = ConnectorTests.now
    static func ago(days: Double) -> Date { ConnectorTests.ago(days: days) }
    static let rule = try! RetentionRule(parsing: "contract.end + 1y")

    @Test(
        "The sweep, its dry run, the forecast and the export reckon with the person's events in the store",
        arguments: TestBackend.companies)
    func storeEvents(backend: TestBackend) async throws {
        let shop = try await ConnectorTests.shop(backend)
        try await ConnectorTests.fill(shop, tickets: [])
        // Three more customers whose contracts the CRM does not record as ended.
        for id in 6...8 {
            try await shop.company.sql.raw(
                """
                INSERT INTO customer (id, email, name, address, created_at)
                VALUES (\(bind: id), \(bind: "kund\(id)@example.se"), \(bind: "Kund \(id)"), \(bind: "Gatan \(id)"),
                \(ConnectorTests.time(Self.ago(days: 4_000), shop.backend)))
                """
            ).run()
        }
        _ = try await shop.store.systems.apply(yaml: shop.systemsYAML, file: "systems.yaml")
        let gallra = Gallra(store: shop.store)
        let dpo = Party.user("dpo")
        let before = try await gallra.forecast(from: Self.now, days: 10, by: dpo)
        let dryBefore = try await shop.store.sweep.runConnected(now: Self.now, dryRun: true)
        #expect(dryBefore.first { $0.table == "customer" }?.rows == 3, "customers 1, 2 and 5, by their columns")

        func subject(_ id: Int) async throws -> String {
            try await gallra.addSubject(NewSubject(email: "KUND\(id)@example.se"), by: dpo)
        }
        func contractEnded(_ subject: String, _ scope: EventScope, daysAgo: Double) async throws {
            try await gallra.addEvents(
                subject: subject, scope: scope, events: [("contract.end", Self.ago(days: daysAgo))], by: dpo)
        }
        // Customer 4: the contract ended 400 days ago, recorded in Gallra only.
        try await contractEnded(try await subject(4), .subject, daysAgo: 400)
        // Customer 3: Gallra says three years ago, the CRM's column 180 days ago: the column wins.
        try await contractEnded(try await subject(3), .subject, daysAgo: 3 * 365)
        // Customer 6: 400 days ago for the person, but 10 days ago for this activity: the activity's wins.
        let kund6 = try await subject(6)
        try await contractEnded(kund6, .subject, daysAgo: 400)
        try await contractEnded(kund6, .activity("customer-purchases"), daysAgo: 10)
        // Customer 7: 362 days ago for this activity: expires within the forecast's ten days.
        let kund7 = try await subject(7)
        try await contractEnded(kund7, .activity("customer-purchases"), daysAgo: 362)
        // Customer 8: an event for another activity only.
        try await contractEnded(try await subject(8), .activity("customer-files"), daysAgo: 900)

        // The forecast: one more overdue (customer 4), and customer 7 on the day the rule gives.
        let forecast = try await gallra.forecast(from: Self.now, days: 10, by: dpo)
        #expect(forecast.overdue == before.overdue + 1)
        let expiry7 = try #require(
            Self.rule.outcome(events: ["contract.end": Self.ago(days: 362)], calendar: .stockholm).expiry)
        let day7 = ZonedCalendar.stockholm.localDate(of: expiry7)
        #expect(
            forecast.expiring.contains { $0.activity == "customer-purchases" && $0.date == day7 && $0.records == 1 },
            "\(forecast.expiring)")

        // The export shows customer 7's row expiring by the store's event.
        let export = try await gallra.exportSubject(kund7, by: dpo)
        let row = try #require(export.records.first { $0.table == "customer" })
        #expect(row.id == "customer:7" && row.expires == expiry7)
        #expect(
            export.json.description.contains(#""system": "crm", "table": "customer", "record": "customer:7""#),
            "in the export's JSON, a connected row names its system, table and TABLE:KEY")

        let dry = try await shop.store.sweep.runConnected(now: Self.now, dryRun: true)
        #expect(dry.first { $0.table == "customer" }?.rows == 4)
        #expect(try await shop.ids("customer") == [1, 2, 3, 4, 5, 6, 7, 8], "a dry run changes nothing")

        let swept = try await shop.store.sweep.runConnected(now: Self.now, dryRun: false)
        #expect(swept.first { $0.table == "customer" }?.rows == 4)
        // 2 and 4 erased; 1 and 5 anonymised (orders refer to them); 3, 6, 7 and 8 kept.
        #expect(try await shop.ids("customer") == [1, 3, 5, 6, 7, 8])
        let names = try await shop.rows("SELECT name FROM customer WHERE id IN (3, 6, 7, 8) ORDER BY id")
        #expect(
            try names.map { try $0.decode(column: "name", as: String?.self) } == [
                "Kund 3", "Kund 6", "Kund 7", "Kund 8",
            ])
        let audit = try await shop.test.rows("SELECT detail FROM audit_log WHERE action = 'connected.erase'")
        let details = try audit.map { try $0.decode(column: "detail", as: String.self) }.joined(separator: "\n")
        let expiry4 = try #require(
            Self.rule.outcome(events: ["contract.end": Self.ago(days: 400)], calendar: .stockholm).expiry)
        #expect(details.contains("customer:4 (expired \(ZonedCalendar.stockholm.rfc3339(expiry4)))"), "\(details)")

        // Once the CRM records customer 7's contract as ended yesterday, that column wins.
        try await shop.company.sql.raw(
            "UPDATE customer SET contract_ended_at = \(ConnectorTests.time(Self.ago(days: 1), shop.backend)) WHERE id = 7"
        ).run()
        let later = Self.now.addingTimeInterval(30 * 86_400)
        let laterDry = try await shop.store.sweep.runConnected(now: later, dryRun: true)
        #expect(try await shop.ids("customer") == [1, 3, 5, 6, 7, 8])
        let laterSwept = try await shop.store.sweep.runConnected(now: later, dryRun: false)
        #expect(laterSwept.first { $0.table == "customer" }?.rows == laterDry.first { $0.table == "customer" }?.rows)
        #expect(try await shop.ids("customer").contains(7), "customer 7's contract ended yesterday by the CRM")
        await shop.close()
    }

    @Test(
        "Many people's rows are found at once, each person's own and those that belong to them",
        arguments: TestBackend.companies)
    func manyPeople(backend: TestBackend) async throws {
        let shop = try await ConnectorTests.shop(backend)
        let count = 1_100  // more than one query's 1,000 values
        try await shop.company.transaction { sql in
            for id in 1...count {
                try await sql.raw(
                    """
                    INSERT INTO customer (id, email, name, address, created_at)
                    VALUES (\(bind: id), \(bind: "Kund\(id)@Example.se"), \(bind: "Kund \(id)"), 'Gatan 1',
                    \(ConnectorTests.time(Self.ago(days: 10), shop.backend)))
                    """
                ).run()
                if id % 2 == 0 {
                    try await sql.raw(
                        """
                        INSERT INTO orders (id, customer_id, total, created_at)
                        VALUES (\(bind: id), \(bind: id), 100, \(ConnectorTests.time(Self.ago(days: 1), shop.backend)))
                        """
                    ).run()
                }
            }
        }
        _ = try await shop.store.systems.apply(yaml: shop.systemsYAML, file: "systems.yaml")
        let systems = try #require(try await shop.store.systems.current())
        let today = ZonedCalendar.stockholm.localDate(of: Date())
        var people: [String: [SubjectIdentifier]] = [:]
        for id in 1...count {
            people["person \(id)"] = [try SubjectIdentifier(.email, "kund\(id)@example.se", today: today)]
        }
        // One person named twice (by two spellings of one address) and one the shop does not know.
        people["person 7"]?.append(try SubjectIdentifier(.email, "KUND7@example.se", today: today))
        people["stranger"] = [try SubjectIdentifier(.email, "kund1@example.se.invalid", today: today)]
        let found = try await shop.store.connectedPeople.rows(ofEach: people, in: systems)
        #expect(found["stranger"] == nil)
        for id in 1...count {
            let references = (found["person \(id)"] ?? []).map(\.reference)
            let expected = id % 2 == 0 ? ["customer:\(id)", "orders:\(id)"] : ["customer:\(id)"]
            #expect(references == expected, "person \(id)")
        }
        // The same rows as each person looked up alone.
        for id in [1, 2, 7, 1_000, 1_099, 1_100] {
            let alone = try await shop.store.connectedPeople.rows(of: people["person \(id)"]!)
            #expect(alone.map(\.reference) == (found["person \(id)"] ?? []).map(\.reference))
            #expect(alone.last?.parent == (id % 2 == 0 ? "customer:\(id)" : nil))
        }
        await shop.close()
    }
}
