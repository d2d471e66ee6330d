import Foundation
import GallraConnectors
import GallraCore
import GallraDatabase
import GallraTestSupport
import SQLKit
import Synchronization
import Testing

@testable import GallraStore

/// The connections Gallra keeps to a company's database: a busy one is not shared while the pool
/// has room, and the pool never grows past its size.
@Suite("Connections to a company's database", .acting())
struct ConnectorPoolTests {
    final class Released: Sendable {
        let value = Mutex(false)
    }

    @Test(
        "A PostgreSQL system gets a new connection while every open one is in a transaction, up to the pool's size; an SQLite file has one",
        arguments: TestBackend.companies)
    func pool(backend: TestBackend) async throws {
        let shop = try await ConnectorTests.shop(backend)
        _ = try await shop.store.systems.apply(yaml: shop.systemsYAML, file: "systems.yaml")
        let system = try #require(try await shop.store.systems.current()?.file.systems.first)
        let connectors = shop.store.connectors
        let released = Released()
        var handedOut: [StoreConnection] = []
        var holders: [Task<Void, any Error>] = []
        // Each connection handed out is held in an open transaction until the end.
        for _ in 0..<(ConnectedSystems.poolSize + 2) {
            let connection = try await connectors.connection(for: system)
            handedOut.append(connection)
            holders.append(
                Task {
                    try await connection.transaction { sql in
                        try await sql.raw("SELECT 1 AS one").run()
                        while !released.value.withLock({ $0 }) { try await Task.sleep(for: .milliseconds(10)) }
                    }
                })
            let deadline = ContinuousClock.now + .seconds(20)
            while !connection.gate.isBusy && ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(5))
            }
        }
        let distinct = Set(handedOut.map(ObjectIdentifier.init))
        if backend != .sqlite {
            #expect(
                Set(handedOut.prefix(ConnectedSystems.poolSize).map(ObjectIdentifier.init)).count
                    == ConnectedSystems.poolSize, "a busy connection was handed out while the pool had room")
            #expect(distinct.count == ConnectedSystems.poolSize, "the pool grew past its size")
            // What the database's administrator sees: the pool and the test's own connection.
            let sessions = try await shop.company.sql.raw(
                backend == .mariadb
                    ? "SELECT count(*) AS n FROM information_schema.PROCESSLIST WHERE DB = DATABASE()"
                    : "SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database()"
            ).first()?.decode(column: "n", as: Int.self)
            #expect(sessions == ConnectedSystems.poolSize + 1)
        } else {
            #expect(distinct.count == 1)
        }
        released.value.withLock { $0 = true }
        for holder in holders { try await holder.value }
        // Idle again: an open connection is handed out, no new one.
        let again = try await connectors.connection(for: system)
        #expect(distinct.contains(ObjectIdentifier(again)))
        await shop.close()
    }
}
