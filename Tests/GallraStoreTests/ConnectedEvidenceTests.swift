import Foundation
import GallraCore
import GallraTestSupport
import SQLKit
import Testing

@testable import GallraStore

@Suite("The connected sweep's evidence", .acting())
struct ConnectedEvidenceTests {
    @Test(
        "A batch of 2,500 rows is proven in entries of at most 1,000, each row named once",
        arguments: TestBackend.companies)
    func entriesStaySmall(backend: TestBackend) async throws {
        let shop = try await ConnectorTests.shop(backend)
        // Tickets closed two years ago: past every rule of their activity.
        let old = ConnectorTests.ago(days: 2 * 365)
        try await ConnectorTests.fill(shop, tickets: (1...2_500).map { ($0, old, old) })
        _ = try await shop.store.systems.apply(yaml: shop.systemsYAML, file: "systems.yaml")
        let swept = try await shop.store.sweep.runConnected(now: ConnectorTests.now, dryRun: false)
        #expect(swept.first { $0.table == "ticket" }?.rows == 2_500)
        let details = try await shop.test.rows(
            "SELECT detail FROM audit_log WHERE action = 'connected.erase' AND detail LIKE '%ticket:%' ORDER BY seq"
        ).map { try $0.decode(column: "detail", as: String.self) }
        let named = details.map { $0.matches(of: /ticket:(\d+) \(/).compactMap { Int($0.1) } }
        #expect(named.map(\.count) == [1_000, 1_000, 500])
        #expect(details.allSatisfy { $0.utf8.count < 100_000 })
        #expect(named.flatMap { $0 }.sorted() == Array(1...2_500))
        await shop.close()
    }
}
