import Foundation
import GallraCore
import GallraServices
import GallraTestSupport
import Testing

/// Two requests from one person, and one of them an erasure carried out: the other request is
/// still the officer's to answer, but nothing new about the person is kept.
@Suite("A request whose person was erased meanwhile")
struct ErasedRequesterTests {
    @Test("It can still be extended, rescoped, verified and completed; its new free text is not kept")
    func erasedMeanwhile() async throws {
        let fixture = try await RequestQueueTests.fixture()
        let setup = Party.user("setup")
        let access = try await fixture.gallra.openRequest(.access, subject: fixture.karin, by: setup)
        let erasure = try await fixture.gallra.openRequest(.erasure, subject: fixture.karin, by: setup)
        try await fixture.gallra.verifyRequest(erasure, how: "BankID", by: setup)
        _ = try await fixture.gallra.completeRequest(
            erasure, reply: RequestReply(format: "html", language: .sv, via: "email"), by: setup)
        let left = try await fixture.test.rows("SELECT id FROM subjects WHERE id = '\(fixture.karin)'")
        #expect(left.isEmpty, "Karin is erased")

        let before = try await fixture.store.requests.request(access).deadline
        let deadline = try await fixture.gallra.extendRequest(access, reason: "Karin Östlund ringde", by: setup)
        try await fixture.gallra.changeRequestScope(access, activities: ["support"], reason: "Karin", by: setup)
        try await fixture.gallra.verifyRequest(access, how: "Körkort 1234", by: setup)
        let request = try await fixture.store.requests.request(access)
        #expect(deadline > before && request.deadline == deadline, "the deadline moved")
        #expect(request.scope == ["support"], "the scope changed")
        #expect(request.extensionReason == nil && request.scopeReason == nil && request.verifiedHow == nil)
        let text = try await fixture.test.rows("SELECT * FROM requests WHERE id = '\(access)'")
        #expect(try text.allSatisfy { row in try row.decode(column: "extension_reason_sealed", as: Data?.self) == nil })

        _ = try await fixture.gallra.completeRequest(
            access, reply: RequestReply(format: "html", language: .sv, via: "email"), by: setup)
        #expect(try await fixture.store.requests.request(access).status == .completed)
        await fixture.store.close()
    }
}
