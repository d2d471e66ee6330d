import Foundation
import GallraCore
import GallraTestSupport
import Testing

@testable import GallraServices
@testable import GallraStore

/// The erasure journal as written by the store: an erasure whose transaction fails is marked
/// aborted, so that a restore never carries out what never happened; a line cut short by a crash
/// is left out and repaired by the next append.
@Suite("The erasure journal", .serialized, .acting())
struct ErasureJournalTests {
    struct MailDown: Error {}

    @Test(
        "A completion that fails after its erasure is marked aborted: a restore does not carry it out",
        arguments: TestBackend.available)
    func aborted(backend: TestBackend) async throws {
        let test = try await TestStore.make(backend)
        let store = try await test.openWithRegister()
        let (_, records) = try await RequestTests.customer(in: store)
        let id = try await store.requests.open(
            .erasure, subject: "karin@example.se", received: RequestTests.day("2026-11-10"), channel: "email")
        try await store.requests.verify(id, how: "BankID")
        let request = try await store.requests.completable(id)
        let decisions = try await store.requests.decisions(for: id)
        await #expect(throws: MailDown.self) {
            _ = try await store.requests.close(
                request, decisions: decisions, sent: "queued", expires: nil, at: Date(),
                deliver: { _ in throw MailDown() })
        }
        // The erasure was journaled before the failure, then marked aborted.
        let journal = try store.erasureJournal.entries()
        #expect(journal.total == 2)
        #expect(journal.erasures.isEmpty)
        let report = try await store.restore.replay()
        #expect(report.isEmpty && report.replayedEntries.isEmpty)
        #expect(
            Set(try await store.subjects.export("karin@example.se").records.map(\.id)) == Set(records.values),
            "nothing of the failed completion is erased by a restore")

        // Completed for real, it is journaled and stays.
        _ = try await Gallra(store: store).carryOut(id, answer: .byHand(channel: "email", party: .user("test")))
        #expect(try store.erasureJournal.entries().erasures.map(\.by) == ["request \(id)"])
        await store.close()
    }

    @Test("A last line cut short by a crash is left out, and the next erasure repairs the journal")
    func cutShort() async throws {
        let test = try await TestStore.make(.sqlite)
        let store = try await test.openWithRegister()
        _ = try await RequestTests.customer(in: store)
        let path = store.erasureJournal.path
        try Data("0123abcd {\"seq\":1,\"at\":".utf8).write(to: URL(fileURLWithPath: path))
        #expect(try store.erasureJournal.entries().total == 0)
        let report = try await store.sweep.run(now: RequestTests.at("2040-01-01"))
        #expect(report.erased > 0)
        let journal = try store.erasureJournal.entries()
        #expect(journal.erasures.count == 1)
        #expect(journal.erasures.first?.seq == 1)
        #expect(
            Set(journal.erasures.first?.erased ?? []) == Set(report.items.filter { $0.action == .erase }.map(\.record)))
        await store.close()
    }
}
