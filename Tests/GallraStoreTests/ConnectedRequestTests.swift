import Foundation
import GallraConnectors
import GallraCore
import GallraDatabase
import GallraServices
import GallraTestSupport
import SQLKit
import Testing

@testable import GallraStore

/// Requests carried out where the person's rows are: found by their address in the company's own
/// database (though Gallra's store has never heard of them), every table in the access report,
/// and erasure by the rights engine's decision for each activity.
@Suite("Requests in connected databases", .acting())
struct ConnectedRequestTests {
    @Test(
        "Access shows customer, orders and tickets; erasure keeps the invoices, erases the tickets, anonymises the customer",
        arguments: TestBackend.companies)
    func accessThenErasure(backend: TestBackend) async throws {
        let shop = try await ConnectorTests.shop(backend)
        try await ConnectorTests.fill(
            shop,
            tickets: [
                (1, ConnectorTests.ago(days: 20), nil), (2, ConnectorTests.ago(days: 40), ConnectorTests.ago(days: 30)),
            ])
        // Near-identical addresses are other people.
        for (id, email) in [(6, "kund11@example.se"), (7, "kund1@example.se.example.com"), (8, "KUND1@EXAMPLE.SE")] {
            let ended = ConnectorTests.time(ConnectorTests.ago(days: 400), backend)
            try await shop.company.sql.raw(
                "INSERT INTO customer (id, email, name, contract_ended_at) VALUES (\(bind: id), \(bind: email), \(bind: "Kund \(id)"), \(ended))"
            ).run()
        }
        _ = try await shop.store.systems.apply(yaml: shop.systemsYAML, file: "systems.yaml")
        let gallra = Gallra(store: shop.store)
        let officer = Party.user("dpo")

        // Gallra's store has never heard of kund1; the shop has.
        let access = try await gallra.openRequest(
            .access, subject: "kund1@example.se", verifiedHow: "BankID", by: officer)
        // The register's other systems are not connected: each is work by hand, and the request
        // completes only when each is marked done.
        let tasks = try await gallra.requestDetails(access, by: officer).tasks
        #expect(tasks.map(\.system) == ["cloud", "economy", "support", "telephony", "website"])
        await #expect(throws: GallraError.self) {
            _ = try await gallra.completeRequest(
                access, reply: RequestReply(format: "json", language: .sv, via: "email"), by: officer)
        }
        for task in tasks { try await gallra.markTaskDone(access, system: task.system, by: officer) }
        let marked = try await gallra.requestDetails(access, by: officer).tasks
        #expect(marked.allSatisfy { $0.doneBy == "user:dpo" && $0.doneAt != nil })
        let copy = try #require(
            try await gallra.completeRequest(
                access, reply: RequestReply(format: "json", language: .sv, via: "email"), by: officer
            )
            .export)
        let tables = Set(copy.records.compactMap(\.table))
        #expect(tables == ["customer", "orders", "ticket"])
        #expect(
            copy.records.contains { $0.id == "customer:1" && $0.category == "email" && $0.value == "kund1@example.se" })
        #expect(copy.records.contains { $0.id == "customer:8" }, "the same address in capitals is the same person")
        #expect(!copy.records.contains { $0.id == "customer:6" || $0.id == "customer:7" }, "near-identical is not")
        let invoice = try #require(copy.records.first { $0.id == "orders:1" })
        #expect(invoice.activity.id == "customer-invoicing" && invoice.expires != nil)
        #expect(copy.json.description.contains(#""system": "crm", "table": "orders""#))

        let erasure = try await gallra.openRequest(
            .erasure, subject: "kund1@example.se", verifiedHow: "BankID", by: officer)
        for task in try await gallra.requestDetails(erasure, by: officer).tasks {
            try await gallra.markTaskDone(erasure, system: task.system, by: officer)
        }
        // The plan first, changing nothing.
        let plan = Dictionary(
            uniqueKeysWithValues: try await gallra.connectedPlan(erasure, by: officer).map { ($0.row, $0.action) })
        #expect(
            plan["customer:1"] == .anonymised && plan["customer:8"] == .erased && plan["orders:1"] == .kept, "\(plan)")
        #expect(plan["ticket:1"] == .erased)
        #expect(try await shop.ids("ticket") == [1, 2], "a plan changes nothing")
        let done = try await gallra.completeRequest(
            erasure, reply: RequestReply(format: "json", language: .sv, via: "email"), by: officer)
        let changes = Dictionary(uniqueKeysWithValues: done.connected.map { ($0.row, $0.action) })
        #expect(changes["ticket:1"] == .erased && changes["ticket:2"] == .erased)
        #expect(changes["customer:1"] == .anonymised, "the invoice still needs its customer")
        #expect(changes["customer:8"] == .erased)
        #expect(changes["orders:1"] == nil, "invoices are kept")
        let kept = try #require(done.decisions.first { $0.activity == "customer-invoicing" })
        #expect(kept.action == .keep && kept.until != nil, "kept under Bokföringslagen, with its date")

        #expect(try await shop.ids("ticket") == [])
        #expect(try await shop.ids("orders") == [1, 2, 3])
        #expect(try await shop.ids("customer") == [1, 2, 3, 4, 5, 6, 7])
        let customer = try #require(try await shop.rows("SELECT email, name FROM customer WHERE id = 1").first)
        #expect(try customer.decode(column: "email", as: String.self) == "erased@invalid")
        #expect(
            try await shop.rows("SELECT name FROM customer WHERE id = 6").first?.decode(column: "name", as: String.self)
                == "Kund 6")
        let audit = try await shop.test.rows("SELECT detail FROM audit_log WHERE action = 'connected.request'")
        #expect(
            try audit.first?.decode(column: "detail", as: String.self).contains("crm customer:1 anonymised") == true)
        await shop.close()
    }

    @Test(
        "Restriction marks the person's rows in the table's restrict column, and lifting it clears them; a table without one is left to a person",
        arguments: TestBackend.companies)
    func restriction(backend: TestBackend) async throws {
        let shop = try await ConnectorTests.shop(backend)
        try await ConnectorTests.fill(shop, tickets: [(1, ConnectorTests.ago(days: 20), nil)])
        try await shop.company.sql.raw("ALTER TABLE customer ADD COLUMN processing_restricted boolean DEFAULT false")
            .run()
        let yaml = shop.systemsYAML.replacingOccurrences(
            of: #"anonymise: { name: null, email: "erased@invalid", address: null }"#,
            with: #"anonymise: { name: null, email: "erased@invalid", address: null }"#
                + "\n        restrict: processing_restricted")
        #expect(yaml.contains("restrict: processing_restricted"))
        // A restrict column the live table lacks, or the key, is a problem on its line.
        let missing = try await shop.store.systems.check(
            yaml: yaml.replacingOccurrences(of: "restrict: processing_restricted", with: "restrict: blocked"))
        #expect(missing.contains { $0.severity == .error && $0.message.contains("blocked") })
        let key = try await shop.store.systems.check(
            yaml: yaml.replacingOccurrences(of: "restrict: processing_restricted", with: "restrict: id"))
        #expect(key.contains { $0.message.contains("cannot mark restriction in its key column \"id\"") })
        _ = try await shop.store.systems.apply(yaml: yaml, file: "systems.yaml")
        let gallra = Gallra(store: shop.store)
        let officer = Party.user("dpo")
        let request = try await gallra.openRequest(
            .restriction, subject: "kund1@example.se", verifiedHow: "BankID", by: officer)
        for task in try await gallra.requestDetails(request, by: officer).tasks {
            try await gallra.markTaskDone(request, system: task.system, by: officer)
        }
        let plan = Dictionary(
            uniqueKeysWithValues: try await gallra.connectedPlan(request, by: officer).map { ($0.row, $0.action) })
        #expect(plan["customer:1"] == .restricted, "\(plan)")
        #expect(plan["ticket:1"] == .restrictByHand, "the ticket table names no restrict column")
        func restricted() async throws -> [Int: Bool] {
            Dictionary(
                uniqueKeysWithValues: try await shop.rows("SELECT id, processing_restricted FROM customer").map {
                    (
                        try $0.decode(column: "id", as: Int.self),
                        try $0.decode(column: "processing_restricted", as: Bool?.self) ?? false
                    )
                })
        }
        #expect(try await restricted().values.allSatisfy { !$0 }, "a plan changes nothing")

        let done = try await gallra.completeRequest(
            request, reply: RequestReply(format: "json", language: .sv, via: "email"), by: officer)
        #expect(done.connected.contains { $0.row == "customer:1" && $0.action == .restricted })
        #expect(done.connected.contains { $0.row == "ticket:1" && $0.action == .restrictByHand })
        let marked = try await restricted()
        #expect(marked[1] == true, "kund1 is marked restricted")
        #expect(marked[2] == false, "nobody else is")
        #expect(try await shop.ids("customer") == [1, 2, 3, 4, 5], "nothing is erased")

        #expect(try await gallra.liftRestriction(request: request, by: officer) > 0)
        #expect(try await restricted()[1] == false, "lifting the restriction clears the mark")
        let audit = try await shop.test.rows("SELECT detail FROM audit_log WHERE action = 'connected.request'")
            .map { try $0.decode(column: "detail", as: String.self) }
        #expect(audit.contains { $0.contains("crm customer:1 restricted") })
        #expect(audit.contains { $0.contains("restriction lifted on crm customer:1") })
        await shop.close()
    }

    @Test(
        "Rectification corrects a column of the person's row where it is, the value sealed until then and never in the log",
        arguments: TestBackend.companies)
    func rectification(backend: TestBackend) async throws {
        let shop = try await ConnectorTests.shop(backend)
        try await ConnectorTests.fill(shop, tickets: [(1, ConnectorTests.ago(days: 20), nil)])
        _ = try await shop.store.systems.apply(yaml: shop.systemsYAML, file: "systems.yaml")
        let gallra = Gallra(store: shop.store)
        let officer = Party.user("dpo")
        let request = try await gallra.openRequest(
            .rectification, subject: "kund1@example.se", verifiedHow: "BankID", by: officer)
        for task in try await gallra.requestDetails(request, by: officer).tasks {
            try await gallra.markTaskDone(request, system: task.system, by: officer)
        }
        let correct = { (row: String, column: String) in
            try await gallra.addConnectedCorrection(
                request, system: "crm", row: row, column: column, value: "Kund Ett Rättad", by: officer)
        }
        // Only a personal column the systems file names, of one of the person's own rows.
        await #expect(throws: GallraError.self) { try await correct("customer:1", "contract_ended_at") }
        await #expect(throws: GallraError.self) { try await correct("customer:2", "name") }
        await #expect(throws: GallraError.self) { try await correct("nosuch:1", "name") }
        try await correct("customer:1", "name")
        let sealed = try await shop.test.rows("SELECT value_sealed FROM request_connected_corrections")
        #expect(sealed.count == 1)
        #expect(
            try !String(decoding: sealed[0].decode(column: "value_sealed", as: Data.self), as: UTF8.self).contains(
                "Rättad"), "the value is sealed")
        let plan = try await gallra.connectedPlan(request, by: officer)
        #expect(plan.contains { $0.row == "customer:1 name" && $0.action == .corrected })
        #expect(
            try await shop.rows("SELECT name FROM customer WHERE id = 1").first?.decode(column: "name", as: String.self)
                == "Kund 1", "a plan changes nothing")

        let done = try await gallra.completeRequest(
            request, reply: RequestReply(format: "json", language: .sv, via: "email"), by: officer)
        #expect(done.connected.contains { $0.row == "customer:1 name" && $0.action == .corrected })
        #expect(
            try await shop.rows("SELECT name FROM customer WHERE id = 1").first?.decode(column: "name", as: String.self)
                == "Kund Ett Rättad")
        #expect(
            try await shop.rows("SELECT name FROM customer WHERE id = 2").first?.decode(column: "name", as: String.self)
                == "Kund 2", "nobody else's row changes")
        #expect(try await shop.test.rows("SELECT request_id FROM request_connected_corrections").isEmpty)
        let audit = try await shop.test.rows("SELECT detail FROM audit_log").map {
            try $0.decode(column: "detail", as: String.self)
        }
        #expect(audit.contains { $0.contains("crm customer:1 name corrected") })
        #expect(!audit.contains { $0.contains("Rättad") }, "the corrected value never reaches the log")
        await shop.close()
    }
}
