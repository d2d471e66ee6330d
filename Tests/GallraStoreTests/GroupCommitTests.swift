import Foundation
import GallraConnectors
import GallraCore
import GallraDatabase
import GallraTestSupport
import SQLKit
import Testing

@testable import GallraStore

@Suite("Writes of the moment committed together", .acting())
struct GroupCommitTests {
    struct Refused: Error {}

    /// Twenty writes, each by a party of its own, queued behind a transaction that holds the
    /// connection; `failing` (if any) throws after writing its row.
    static func queuedWrites(_ backend: TestBackend, failing: Int?) async throws
        -> (rows: [(x: Int, party: String, transaction: String)], results: [Int: Bool])
    {
        let (test, connection) = try await ConnectionGateTests.connection(backend)
        _ = test
        try await connection.sql.raw("CREATE TABLE group_test (x INTEGER, party TEXT, tx TEXT)").run()
        let commits = GroupCommit(on: connection)
        let (entered, signal) = AsyncStream.makeStream(of: Void.self)
        let (release, releasing) = AsyncStream.makeStream(of: Void.self)
        let holder = Task {
            try await connection.transaction { _ in
                signal.yield()
                for await _ in release { break }
            }
        }
        for await _ in entered { break }
        let transaction: SQLQueryString =
            backend == .postgres ? "CAST(txid_current() AS TEXT)" : "'sqlite'"
        let writes = (0..<20).map { x in
            Task { () -> Bool in
                do {
                    try await Acting.as(.user("writer\(x)")) {
                        try await commits.commit { sql in
                            try await sql.raw(
                                "INSERT INTO group_test (x, party, tx) VALUES (\(bind: x), \(bind: Acting.party?.description ?? "none"), \(transaction))"
                            ).run()
                            if x == failing { throw Refused() }
                        }
                    }
                    return true
                } catch {
                    return false
                }
            }
        }
        // Every write is waiting before the connection is let go.
        try await Task.sleep(for: .milliseconds(300))
        releasing.yield()
        try await holder.value
        var results: [Int: Bool] = [:]
        for (x, write) in writes.enumerated() { results[x] = await write.value }
        let rows = try await connection.sql.raw("SELECT x, party, tx FROM group_test ORDER BY x").all().map {
            (
                x: try $0.decode(column: "x", as: Int.self), party: try $0.decode(column: "party", as: String.self),
                transaction: try $0.decode(column: "tx", as: String.self)
            )
        }
        await connection.close()
        return (rows, results)
    }

    @Test(
        "Writes that wait at the same moment share one transaction, each as the party that asked",
        arguments: TestBackend.available)
    func shared(backend: TestBackend) async throws {
        let (rows, results) = try await Self.queuedWrites(backend, failing: nil)
        #expect(results.values.allSatisfy { $0 })
        #expect(rows.map(\.x) == Array(0..<20))
        #expect(rows.allSatisfy { $0.party == Party.user("writer\($0.x)").description })
        if backend == .postgres {
            // The first write's transaction alone, then one for all that waited behind it.
            #expect(Set(rows.map(\.transaction)).count <= 2, "\(Set(rows.map(\.transaction)))")
        }
    }

    @Test(
        "A write that fails in a shared transaction fails alone; the others are committed",
        arguments: TestBackend.available)
    func failingAlone(backend: TestBackend) async throws {
        let (rows, results) = try await Self.queuedWrites(backend, failing: 7)
        #expect(results[7] == false)
        #expect(results.filter { !$0.value }.count == 1)
        #expect(rows.map(\.x) == Array(0..<20).filter { $0 != 7 })
        #expect(rows.allSatisfy { $0.party == Party.user("writer\($0.x)").description })
    }
}
