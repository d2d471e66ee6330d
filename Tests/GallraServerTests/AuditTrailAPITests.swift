import Foundation
import GallraCore
import GallraServer
import GallraServices
import GallraTestSupport
import Hummingbird
import HummingbirdTesting
import Testing

/// GET /api/v1/audit: who looked at a person's data, for the roles that read the audit log.
@Suite("The audit trail over the API")
struct AuditTrailAPITests {
    @Test("A support token's read of Anna is found by her e-mail address; bad dates are refused in words")
    func supportReadFound() async throws {
        let test = try await TestStore.make(.sqlite)
        let store = try await test.openWithRegister()
        let gallra = Gallra(store: store)
        let setup = Party.user("setup")
        let (anna, _) = try await AuthorizationTests.people(gallra, by: setup)
        let support = try await gallra.createToken(
            name: "helpdesk", access: Access(role: .support, activities: ["support"]), by: setup)
        let officer = try await gallra.createToken(name: "dpo", access: Access(role: .privacyOfficer), by: setup)
        let app = buildApplication(gallra: Gallra(store: store), configuration: ServerConfiguration())
        try await app.test(.router) { client in
            func get(_ uri: String, _ token: String) async throws -> TestResponse {
                try await client.execute(uri: uri, method: .get, headers: [.authorization: "Bearer \(token)"])
            }
            let read = try await get("/api/v1/subjects/\(anna)", support)
            #expect(read.status == .ok)
            let today = try await gallra.calendar().localDate(of: Date())
            let answer = try await get(
                "/api/v1/audit?subject=anna%40example.se&since=\(today)&until=\(today)&limit=20", officer)
            #expect(answer.status == .ok)
            let entries = try #require(
                try JSONSerialization.jsonObject(with: Data(buffer: answer.body)) as? [[String: Any]])
            let helpdesk = entries.filter { $0["actor"] as? String == "token:helpdesk" }
            #expect(!helpdesk.isEmpty, "\(entries)")
            #expect(helpdesk.allSatisfy { $0["subject"] as? String == anna && ($0["at"] as? String)?.count ?? 0 >= 20 })
            #expect(!String(buffer: answer.body).contains("anna@example.se"))

            let refused = try await get("/api/v1/audit?subject=anna%40example.se", support)
            #expect(refused.status == .forbidden)
            let badDate = try await get("/api/v1/audit?since=2026-13-45", officer)
            #expect(badDate.status == .unprocessableContent)
            #expect(String(buffer: badDate.body).contains("\\\"since\\\" is a date, YYYY-MM-DD."))
            let tooMany = try await get("/api/v1/audit?limit=100000", officer)
            #expect(tooMany.status == .unprocessableContent)
        }
        await store.close()
    }
}
