import Foundation
import GallraCore
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
        arguments: TestBackend.available)
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
}
