import Foundation
import GallraCore
import GallraServices
import GallraTestSupport
import Testing

@testable import GallraStore

/// Who looked at a person's data: the audit trail, read by the roles that read the audit log.
@Suite("The audit trail")
struct AuditTrailTests {
    @Test(
        "A support token's read of Anna is found by her e-mail address; the search is itself logged",
        arguments: TestBackend.available)
    func supportReadFound(backend: TestBackend) async throws {
        let test = try await TestStore.make(backend)
        let store = try await test.openWithRegister()
        let gallra = Gallra(store: store)
        let setup = Party.user("setup")
        let anna = try await gallra.addSubject(NewSubject(email: "anna@example.se"), by: setup)
        let bo = try await gallra.addSubject(NewSubject(email: "bo@example.se"), by: setup)
        _ = try await gallra.addRecords(
            [
                NewRecord(
                    subject: anna, activity: "support", category: "case_content", value: "Ärende", collected: Date()),
                NewRecord(
                    subject: bo, activity: "support", category: "case_content", value: "Ärende", collected: Date()),
            ], by: setup)
        let support = Party.token("helpdesk", access: Access(role: .support, activities: ["support"]))
        _ = try await gallra.exportSubject("anna@example.se", by: support)
        let officer = Party.user("dpo", access: Access(role: .privacyOfficer))

        let trail = try await gallra.auditTrail(
            subject: " anna@example.se ", since: Date().addingTimeInterval(-3_600), until: nil, action: nil, limit: 50,
            offset: 0, by: officer)
        #expect(trail.contains { $0.actor == "token:helpdesk" }, "\(trail.map(\.actor))")
        #expect(!trail.contains { $0.detail.contains("anna@") }, "no address in clear")
        #expect(trail.map(\.seq) == trail.map(\.seq).sorted(by: >), "the newest first")
        #expect(!trail.isEmpty && trail.allSatisfy { $0.subject == anna }, "only Anna's entries, not Bo's (\(bo))")

        // The officer's search is in the chain, under Anna's pseudonym, and the next page of it shows it.
        let again = try await gallra.auditTrail(
            subject: anna, since: nil, until: nil, action: "audit.read", limit: 1, offset: 0, by: officer)
        #expect(again.count == 1 && again.first?.actor == "user:dpo")
        // That search wrote its own entry, now the newest: one step back is the first search's.
        let older = try await gallra.auditTrail(
            subject: anna, since: nil, until: nil, action: nil, limit: 1, offset: 1, by: officer)
        #expect(older.map(\.seq) == again.map(\.seq))

        // Nothing after tomorrow; nothing for support; no page larger than the cap.
        let future = try await gallra.auditTrail(
            subject: nil, since: Date().addingTimeInterval(86_400), until: nil, action: nil, limit: 50, offset: 0,
            by: officer)
        #expect(future.isEmpty)
        await #expect(throws: GallraError.self) {
            _ = try await gallra.auditTrail(
                subject: "anna@example.se", since: nil, until: nil, action: nil, limit: 50, offset: 0, by: support)
        }
        await #expect(throws: GallraError.self) {
            _ = try await gallra.auditTrail(
                subject: nil, since: nil, until: nil, action: nil, limit: 10_000, offset: 0, by: officer)
        }
        let auditor = Party.user("revisor", access: Access(role: .auditor))
        #expect(
            try await !gallra.auditTrail(
                subject: nil, since: nil, until: nil, action: nil, limit: 5, offset: 0, by: auditor
            ).isEmpty)
        await store.close()
    }
}
