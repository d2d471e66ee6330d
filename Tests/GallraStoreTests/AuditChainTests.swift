import Foundation
import GallraConnectors
import GallraCore
import GallraDatabase
import GallraTestSupport
import SQLKit
import Testing

@testable import GallraStore

@Suite("The audit log is tamper-evident", .serialized, .acting())
struct AuditChainTests {
    /// A store with a few writes and a read, so the log has entries of every kind.
    func populated(_ backend: TestBackend) async throws -> (TestStore, Store) {
        let test = try await TestStore.make(backend)
        let store = try await test.openWithRegister()
        for n in 1...3 {
            let subject = try await store.subjects.add(email: "person\(n)@example.se", name: "Person \(n)")
            _ = try await store.records.add(
                subject: subject, activity: "support", category: "case_content", value: "Ärende \(n)")
        }
        _ = try await store.subjects.export("person2@example.se")
        return (test, store)
    }

    @Test(
        "Every write and read is in an intact chain, with no personal data in clear text",
        arguments: TestBackend.available)
    func intact(backend: TestBackend) async throws {
        let (test, store) = try await populated(backend)
        // register.apply, 3 × (subject.add, record.add), subject.export
        #expect(try await store.verifyAudit() == .intact(entries: 8))
        let connection = try await StoreConnection.open(test.location)
        let rows = try await connection.sql.raw(
            "SELECT actor, action, subject_id, activity, detail FROM audit_log ORDER BY seq"
        ).all()
        let text = try rows.map { row in
            try ["actor", "action", "subject_id", "activity", "detail"].compactMap {
                try row.decode(column: $0, as: String?.self)
            }
            .joined(separator: " ")
        }.joined(separator: "\n")
        #expect(text.contains("subject.export"))
        for secret in ["person2@example.se", "Person 2", "Ärende"] { #expect(!text.contains(secret)) }
        await connection.close()
        await store.close()
    }

    @Test(
        "Altering, removing or reordering any entry by hand is found and named",
        arguments: TestBackend.available.flatMap { backend in
            [
                (backend, "UPDATE audit_log SET detail = 'record forged' WHERE seq = 4", 4, "altered"),
                (backend, "UPDATE audit_log SET actor = 'someone-else' WHERE seq = 8", 8, "altered"),
                (backend, "DELETE FROM audit_log WHERE seq = 5", 5, "removed"),
                (backend, "DELETE FROM audit_log WHERE seq = 1", 1, "removed"),
                (backend, "DELETE FROM audit_log WHERE seq = 8", 8, "removed"),
                (
                    backend,
                    "UPDATE audit_log SET seq = -1 WHERE seq = 3; UPDATE audit_log SET seq = 3 WHERE seq = 6; UPDATE audit_log SET seq = 6 WHERE seq = -1",
                    3, "reordered"
                ),
            ]
        })
    func tampering(backend: TestBackend, sql: String, seq: Int64, word: String) async throws {
        let (test, store) = try await populated(backend)
        try await test.raw(sql)
        guard case .broken(let brokenSeq, let reason) = try await store.verifyAudit() else {
            Issue.record("the tampering was not noticed")
            return
        }
        #expect(brokenSeq == seq)
        #expect(reason.contains("entry \(seq)"))
        #expect(reason.contains(word) || (word == "reordered" && reason.contains("altered")))
        await store.close()
    }

    @Test("Erasing a person (destroying their key) does not break the chain", arguments: TestBackend.available)
    func erasureKeepsChain(backend: TestBackend) async throws {
        let (_, store) = try await populated(backend)
        let subject = try await store.subjects.resolve("person1@example.se")
        try await store.keys.destroyDataKey(subject: subject)
        await #expect(throws: GallraError.self) { _ = try await store.subjects.export(subject) }
        #expect(try await store.verifyAudit() == .intact(entries: 8))
        await store.close()
    }
}
