import Foundation
import GallraCore
import GallraServices
import GallraStore
import GallraTestSupport
import Testing

/// What the rectification page lists and notes: the person's values within the request's
/// activities and the party's reach, in the store and in connected rows; nothing else is noted.
@Suite("A rectification's values, as each role may correct them", .acting())
struct RectificationValuesTests {
    @Test(
        "An officer sees every value of the person; support only its activities' and notes only those; an auditor none",
        arguments: TestBackend.available)
    func reach(backend: TestBackend) async throws {
        let shop = try await ConnectorTests.shop(backend)
        try await ConnectorTests.fill(shop, tickets: [(1, ConnectorTests.ago(days: 20), nil)])
        _ = try await shop.store.systems.apply(yaml: shop.systemsYAML, file: "systems.yaml")
        let gallra = Gallra(store: shop.store)
        let officer = Party.user("dpo")
        let support = Party.user("sara", access: Access(role: .support, activities: ["customer-purchases"]))
        let name = CorrectionTarget.connected(system: "crm", row: "customer:1", column: "name")
        let total = CorrectionTarget.connected(system: "crm", row: "orders:1", column: "total")

        let all = try await gallra.openRequest(
            .rectification, subject: "kund1@example.se", verifiedHow: "BankID", by: officer)
        let values = try await gallra.correctableValues(ofRequest: all, by: officer)
        #expect(values.contains { $0.target == name && $0.value == "Kund 1" && $0.activity == "customer-purchases" })
        #expect(values.contains { $0.target == total && $0.activity == "customer-invoicing" })
        #expect(
            values.allSatisfy { $0.noted == nil && $0.proposed == nil },
            "nothing noted, nothing written to propose from")

        // Support reaches a person by what the store holds of them under its activities.
        let kund1 = try await shop.store.subjects.resolve("kund1@example.se")
        _ = try await shop.store.records.add([
            NewRecord(
                subject: kund1, activity: "customer-purchases", category: "address", value: "Gatan 1",
                collected: Date(),
                system: nil)
        ])
        let theirs = try await gallra.openRequest(
            .rectification, subject: "kund1@example.se", verifiedHow: "BankID", by: support)
        let reachable = try await gallra.correctableValues(ofRequest: theirs, by: support)
        #expect(!reachable.isEmpty && reachable.allSatisfy { $0.activity == "customer-purchases" })
        await #expect(throws: GallraError.self, "another activity's value is not noted") {
            try await gallra.noteCorrections(theirs, [NotedCorrection(target: total, value: "1")], by: support)
        }
        try await gallra.noteCorrections(theirs, [NotedCorrection(target: name, value: "Kund Ett")], by: support)
        let noted = try await gallra.correctableValues(ofRequest: theirs, by: support)
        #expect(noted.first { $0.target == name }?.noted == "Kund Ett")
        #expect(
            try await shop.store.requests.notedCorrections(theirs) == [NotedCorrection(target: name, value: "Kund Ett")]
        )

        await #expect(throws: GallraError.self, "an auditor reads no one's values") {
            _ = try await gallra.correctableValues(ofRequest: all, by: .user("ann", access: Access(role: .auditor)))
        }
        await shop.close()
    }
}
