import Foundation
import GallraConnectors
import GallraCore
import GallraDatabase
import GallraTestSupport
import SQLKit
import Testing

@testable import GallraStore

/// Two stores open on one database, as two servers behind a proxy would have them (issue 35).
@Suite("Two servers on one database", .acting())
struct SharedDatabaseTests {
    /// On PostgreSQL two stores (two servers); SQLite serves one server, whose two sending rounds
    /// may overlap: one store.
    @Test(
        "Two senders claiming the outbox at once take every message once between them", arguments: TestBackend.available
    )
    func outboxClaimsOnce(_ backend: TestBackend) async throws {
        let test = try await TestStore.make(backend)
        let one = try await test.open()
        let two = backend == .postgres ? try await test.open() : one
        defer {
            Task {
                await one.close()
                if two !== one { await two.close() }
            }
        }
        var queued: Set<String> = []
        for n in 0..<40 {
            queued.insert(try await one.outbox.enqueue(Data("Subject: \(n)\r\n\r\nHej".utf8), purpose: "receipt"))
        }
        async let first = Self.drain(one)
        async let second = Self.drain(two)
        let (a, b) = try await (first, second)
        #expect(Set(a).isDisjoint(with: Set(b)), "no message was claimed by both")
        #expect(Set(a).union(b) == queued, "and every message by one of them")
        #expect(a.count + b.count == 40)
        let sent = try await test.rows("SELECT count(*) AS n FROM outbox WHERE sent_at IS NOT NULL")
        #expect(try sent.first?.decode(column: "n", as: Int.self) == 40)
    }

    /// Claims and marks sent until nothing is due; the ids it took.
    static func drain(_ store: Store) async throws -> [String] {
        var taken: [String] = []
        while let message = try await store.outbox.claimNext() {
            taken.append(message.id)
            try await store.outbox.markSent(message.id)
        }
        return taken
    }

    @Test(
        "A message whose server died while handing it over is never sent again, and its record says so",
        arguments: TestBackend.available)
    func interruptedIsNotResent(_ backend: TestBackend) async throws {
        let test = try await TestStore.make(backend)
        let store = try await test.open()
        defer { Task { await store.close() } }
        let id = try await store.outbox.enqueue(Data("Subject: x\r\n\r\nHej".utf8), purpose: "receipt")
        // Claimed by a server on this host whose process no longer exists.
        let gone = "\(RetentionSweep.host):\(Int32.max - 7):dead"
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        try await test.raw("UPDATE outbox SET sending_at = \(now), sending_by = '\(gone)' WHERE id = '\(id)'")
        #expect(try await store.outbox.claimNext() == nil, "a message being handed over is not claimed again")
        #expect(try await store.outbox.settleInterrupted() == [id])
        #expect(try await store.outbox.claimNext() == nil, "nor after it was given up")
        let record = try #require(try await store.outbox.records(ids: [id]).first)
        #expect(record.state.isFailed)
        #expect(record.lastError?.contains("may have gone") == true)
        #expect(try await store.outbox.depth() == (waiting: 0, failed: 1))
    }

    @Test("A message claimed by a live server elsewhere is left to it", arguments: TestBackend.available)
    func liveClaimIsLeft(_ backend: TestBackend) async throws {
        let test = try await TestStore.make(backend)
        let store = try await test.open()
        defer { Task { await store.close() } }
        let id = try await store.outbox.enqueue(Data("Subject: x\r\n\r\nHej".utf8), purpose: "receipt")
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        try await test.raw("UPDATE outbox SET sending_at = \(now), sending_by = 'other-host:1:x' WHERE id = '\(id)'")
        #expect(try await store.outbox.settleInterrupted() == [])
        #expect(try await store.outbox.depth() == (waiting: 1, failed: 0))
        // Ten minutes on, it is taken for interrupted.
        #expect(
            try await store.outbox.settleInterrupted(at: Date().addingTimeInterval(Outbox.interruptedAfter + 1)) == [id]
        )
    }

    @Test("Sign-in attempts counted on two servers add up to one limit", arguments: TestBackend.available)
    func attemptsAddUp(_ backend: TestBackend) async throws {
        let test = try await TestStore.make(backend)
        let one = try await test.open()
        let two = try await test.open()
        defer {
            Task {
                await one.close()
                await two.close()
            }
        }
        // Forty attempts at once, half on each server, on an account allowed five.
        let admitted = try await withThrowingTaskGroup(of: Bool.self) { group in
            for n in 0..<40 {
                let store = n % 2 == 0 ? one : two
                group.addTask { try await store.attempts.admit(["account:a@example.se": 5], window: 900) }
            }
            return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(admitted == 5)
        #expect(try await two.attempts.admit(["account:b@example.se": 5], window: 900), "another account is apart")
        try await one.attempts.reset(["account:a@example.se"])
        #expect(try await two.attempts.admit(["account:a@example.se": 5], window: 900), "reset on one, free on both")
        let stored = try await test.rows("SELECT key_digest FROM attempts")
        #expect(
            try stored.allSatisfy { !(try $0.decode(column: "key_digest", as: String.self)).contains("example.se") },
            "the table names no one")
    }

    @Test("A lease is one server's until it runs out, then another's", arguments: TestBackend.available)
    func leases(_ backend: TestBackend) async throws {
        let test = try await TestStore.make(backend)
        let one = try await test.open()
        let two = try await test.open()
        defer {
            Task {
                await one.close()
                await two.close()
            }
        }
        let now = Date()
        #expect(try await one.leases.take("job", until: now.addingTimeInterval(60)))
        #expect(try await !two.leases.take("job", until: now.addingTimeInterval(60)))
        #expect(try await one.leases.take("job", until: now.addingTimeInterval(120)), "its holder renews it")
        #expect(try await two.leases.held("job")?.byMe == false)
        let later = now.addingTimeInterval(121)
        #expect(try await two.leases.take("job", until: later.addingTimeInterval(60), now: later))
        #expect(try await !one.leases.take("job", until: later.addingTimeInterval(60), now: later))
    }
}
