import Foundation
import GallraCore
import GallraTestSupport
import Testing

@testable import GallraServices
@testable import GallraStore

/// A refusal and a change of activities as the request register keeps them, on SQLite and
/// PostgreSQL: what is sealed, what the audit log says, and that a refused request changes nothing.
@Suite("Requests refused and rescoped, in the store", .serialized, .acting())
struct RequestRefusalStoreTests {
    @Test(
        "A refusal is kept with its ground and sealed reason, completes the request, carries nothing out and drops noted corrections; an erased person's reason reads as none",
        arguments: TestBackend.available)
    func refusal(backend: TestBackend) async throws {
        let test = try await TestStore.make(backend)
        let store = try await test.openWithRegister()
        let (_, records) = try await RequestTests.customer(in: store)
        let id = try await store.requests.open(.rectification, subject: "karin@example.se", verifiedHow: "BankID")
        try await store.requests.addCorrection(id, record: records["support"]!, value: "Ärende 4711: löst")
        let gallra = Gallra(store: store)
        let refusal = try RequestRefusal(
            .manifestlyUnfounded, reason: "Ärendet är korrekt återgivet enligt inspelningen.")
        let done = try await gallra.refuseRequest(id, refusal, via: "letter", by: .user("dpo"))
        #expect(done.request.status == .completed && done.request.refusal == refusal)
        #expect(done.request.sent == "left to user:dpo to answer by letter; Gallra sent nothing")
        #expect(done.mail.isEmpty)
        #expect(try await store.requests.request(id).refusal == refusal, "read back, the reason opened")
        #expect(try await store.requests.decisions(for: id).isEmpty)
        let support = try await store.subjects.export("karin@example.se").records.first { $0.activity.id == "support" }
        #expect(support?.value == "Ärende 4711: kan inte logga in", "the correction was not made")
        #expect(try await test.rows("SELECT request_id FROM request_corrections").isEmpty)
        let sealed = try await test.rows("SELECT refusal, refusal_reason_sealed FROM requests WHERE id = '\(id)'")
        #expect(try sealed.first?.decode(column: "refusal", as: String.self) == "manifestly-unfounded")
        let bytes = try #require(try sealed.first?.decode(column: "refusal_reason_sealed", as: Data.self))
        #expect(!String(decoding: bytes, as: UTF8.self).contains("inspelningen"), "sealed, not in clear")
        let audit = try await test.auditText()
        #expect(
            audit.contains("request \(id) (rectification) refused, manifestly-unfounded (Art. 12(5)); reasons given"))
        #expect(!audit.contains("inspelningen"))

        await #expect { _ = try await gallra.refuseRequest(id, refusal, by: .user("dpo")) } throws: {
            ($0 as? GallraError).map { if case .conflict = $0 { true } else { false } } ?? false
        }
        try await expectIntactAudit(store)
        await store.close()
    }

    @Test(
        "The officer's change of activities keeps the register's order, refuses an unknown activity or no reason, and the audit log names the activities before and after but not the reason",
        arguments: TestBackend.available)
    func rescope(backend: TestBackend) async throws {
        let test = try await TestStore.make(backend)
        let store = try await test.openWithRegister()
        _ = try await RequestTests.customer(in: store)
        let id = try await store.requests.open(
            .objection, subject: "karin@example.se", activities: ["phone-contact"], verifiedHow: "BankID")
        await #expect { try await store.requests.rescope(id, activities: ["no-such"], reason: "x") } throws: {
            "\($0)".contains("no activity")
        }
        await #expect { try await store.requests.rescope(id, activities: ["support"], reason: "  ") } throws: {
            "\($0)".contains("Say why")
        }
        try await store.requests.rescope(
            id, activities: ["phone-contact", "support"], reason: "Hon ringde och förtydligade.")
        let request = try await store.requests.request(id)
        #expect(request.scope == ["support", "phone-contact"], "the register's order")
        #expect(request.scopeReason == "Hon ringde och förtydligade.")
        #expect(Set(try await store.requests.decisions(for: id).map(\.activity)) == ["support", "phone-contact"])
        try await store.requests.rescope(id, activities: nil, reason: "Alla avses.")
        #expect(try await store.requests.request(id).scope == nil)
        let audit = try await test.auditText()
        #expect(audit.contains("request \(id): activities phone-contact → support, phone-contact; reason given"))
        #expect(audit.contains("request \(id): activities support, phone-contact → all activities; reason given"))
        #expect(!audit.contains("förtydligade"))
        try await expectIntactAudit(store)
        await store.close()
    }
}
