import Foundation
import GallraCore
import GallraServices
import GallraTestSupport
import SQLKit
import Testing

@testable import GallraStore

/// A legal hold is a protection: when it cannot be applied, nothing is erased.
@Suite("A legal hold fails closed", .acting(as: .user("dpo")))
struct HoldFailsClosedTests {
    @Test(
        "A held person whose identifiers cannot be read: the connected sweep stops and erases none of their rows",
        arguments: TestBackend.available)
    func unreadableHeldPerson(backend: TestBackend) async throws {
        let shop = try await ConnectorTests.shop(backend)
        try await ConnectorTests.fill(shop, tickets: [])
        _ = try await shop.store.systems.apply(yaml: shop.systemsYAML, file: "systems.yaml")
        let gallra = Gallra(store: shop.store)
        let kund3 = try await gallra.addSubject(NewSubject(email: "kund3@example.se"), by: .user("dpo"))
        _ = try await gallra.placeHold(
            subject: kund3, activity: nil, reason: "Tvist om leverans", until: nil, by: .user("dpo"))
        let later = ConnectorTests.now.addingTimeInterval(400 * 86_400)
        #expect(
            try await shop.store.sweep.runConnected(now: later, dryRun: true).first { $0.table == "customer" }?.held
                == 1)
        // The person's key is lost (a damaged keyring, a restore gone wrong) while their
        // identifiers are still stored: who they are in the company's tables cannot be read.
        try await shop.store.keys.destroyDataKey(subject: kund3)
        let before = try await shop.ids("customer")
        #expect(before.contains(3))
        await #expect(throws: GallraError.self) {
            _ = try await shop.store.sweep.runConnected(now: later, dryRun: false)
        }
        #expect(try await shop.ids("customer") == before, "no row was erased or changed")
        let names = try await shop.rows("SELECT name FROM customer WHERE id = 3")
        #expect(try names.first?.decode(column: "name", as: String?.self) == "Kund 3")
        await shop.close()
    }
}
