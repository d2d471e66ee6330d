import Foundation
import GallraCore
import GallraTestSupport
import Testing

@testable import GallraServices
@testable import GallraStore

/// What each role may do, decided in the use cases, so that the CLI, the API and the admin UI
/// cannot differ.
@Suite("Roles: what each party may do", .serialized)
struct AccessTests {
    static let officer = Party.user("per.privacy")
    static let support = Party.user("sara.support", access: Access(role: .support, activities: ["support"]))
    static let auditor = Party.token("revision", access: Access(role: .auditor))

    /// Two people: Anna with a support case and a purchase, Bo only with a purchase.
    static func open(_ backend: TestBackend) async throws -> (Gallra, anna: String, bo: String) {
        let test = try await TestStore.make(backend)
        let store = try await test.openWithRegister(by: officer)
        let gallra = Gallra(store: store)
        let anna = try await gallra.addSubject(NewSubject(email: "anna@example.se"), by: officer)
        let bo = try await gallra.addSubject(NewSubject(email: "bo@example.se"), by: officer)
        let day = Date(timeIntervalSince1970: 1_740_000_000)
        _ = try await gallra.addRecords(
            [
                NewRecord(
                    subject: anna, activity: "support", category: "case_content", value: "Ärende", collected: day),
                NewRecord(
                    subject: anna, activity: "customer-purchases", category: "billing", value: "Faktura 1",
                    collected: day),
                NewRecord(
                    subject: bo, activity: "customer-purchases", category: "billing", value: "Faktura 2", collected: day
                ),
            ], by: officer)
        return (gallra, anna, bo)
    }

    static func forbidden(_ body: () async throws -> Void) async throws -> String {
        do {
            try await body()
        } catch GallraError.forbidden(let message) {
            return message.english
        }
        Issue.record("expected a refusal")
        return ""
    }

    @Test(
        "Support sees only its activities, and cannot tell an unknown address from another's subject",
        arguments: TestBackend.available)
    func supportIsScoped(backend: TestBackend) async throws {
        let (gallra, anna, _) = try await Self.open(backend)
        let export = try await gallra.exportSubject("anna@example.se", by: Self.support)
        #expect(export.subject == anna)
        #expect(export.records.map(\.value) == ["Ärende"], "the purchase is another activity's")
        let other = try await Self.forbidden { _ = try await gallra.exportSubject("bo@example.se", by: Self.support) }
        let unknown = try await Self.forbidden {
            _ = try await gallra.exportSubject("ingen@example.se", by: Self.support)
        }
        #expect(other == unknown, "the same words whether or not the address is known")
        _ = try await Self.forbidden {
            _ = try await gallra.addRecord(
                NewRecord(subject: anna, activity: "newsletter", category: "email", value: "x", collected: Date()),
                by: Self.support)
        }
        _ = try await Self.forbidden { _ = try await gallra.incidents(by: Self.support) }
        _ = try await Self.forbidden { _ = try await gallra.register(by: Self.support) }
        await gallra.store.close()
    }

    @Test(
        "A request opened by support covers its activities; it lists only such requests",
        arguments: TestBackend.available)
    func supportRequests(backend: TestBackend) async throws {
        let (gallra, _, _) = try await Self.open(backend)
        let own = try await gallra.openRequest(.access, subject: "anna@example.se", by: Self.support)
        let all = try await gallra.openRequest(.erasure, subject: "bo@example.se", by: Self.officer)
        #expect(try await gallra.requestDetails(own, by: Self.support).request.scope == ["support"])
        let today = try await gallra.calendar().localDate(of: Date())
        #expect(try await gallra.pendingRequests(on: today, by: Self.support).map(\.id) == [own])
        #expect(Set(try await gallra.pendingRequests(on: today, by: Self.officer).map(\.id)) == [own, all])
        _ = try await Self.forbidden { _ = try await gallra.requestDetails(all, by: Self.support) }
        _ = try await Self.forbidden { try await gallra.verifyRequest(all, how: "BankID", by: Self.support) }
        await gallra.store.close()
    }

    @Test("The auditor reads the register and the audit log, and no personal data", arguments: TestBackend.available)
    func auditor(backend: TestBackend) async throws {
        let (gallra, anna, _) = try await Self.open(backend)
        #expect(try await gallra.register(by: Self.auditor).version == 1)
        guard case .intact = try await gallra.verifyAudit(by: Self.auditor) else {
            Issue.record("the audit log should be intact")
            return
        }
        _ = try await Self.forbidden { _ = try await gallra.exportSubject(anna, by: Self.auditor) }
        _ = try await Self.forbidden { _ = try await gallra.consents(subject: anna, by: Self.auditor) }
        _ = try await Self.forbidden {
            _ = try await gallra.addSubject(NewSubject(email: "cid@example.se"), by: Self.auditor)
        }
        _ = try await Self.forbidden { _ = try await gallra.rotateKeys(by: Self.auditor) }
        await gallra.store.close()
    }
}
