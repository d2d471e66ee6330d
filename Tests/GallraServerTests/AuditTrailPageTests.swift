import Foundation
import GallraCore
import GallraServer
import GallraServices
import GallraTestSupport
import Hummingbird
import HummingbirdTesting
import Testing

/// /admin/audit: an officer answers "who looked at Anna's data?" by her e-mail address.
@Suite("The audit log page")
struct AuditTrailPageTests {
    @Test("An officer finds a support token's read of Anna by her address; support is refused")
    func officerFindsTheRead() async throws {
        let test = try await TestStore.make(.sqlite)
        let store = try await test.openWithRegister()
        let gallra = Gallra(store: store)
        let setup = Party.user("setup")
        let password = "a password of some length"
        _ = try await gallra.addUser(
            email: "officer@example.se", access: Access(role: .privacyOfficer), password: password, by: setup)
        _ = try await gallra.addUser(
            email: "support@example.se", access: Access(role: .support, activities: ["support"]), password: password,
            by: setup)
        let (anna, _) = try await AuthorizationTests.people(gallra, by: setup)
        let helpdesk = try await gallra.createToken(
            name: "helpdesk", access: Access(role: .support, activities: ["support"]), by: setup)
        let app = buildApplication(gallra: Gallra(store: store), configuration: ServerConfiguration())
        try await app.test(.router) { client in
            let read = try await client.execute(
                uri: "/api/v1/subjects/\(anna)", method: .get, headers: [.authorization: "Bearer \(helpdesk)"])
            #expect(read.status == .ok)

            let cookie = try await AuthorizationTests.signIn(client, email: "officer@example.se", password: password)
            let csrf = try await AuthorizationTests.csrf(client, cookie: cookie)
            let overview = try await client.execute(uri: "/admin", method: .get, headers: [.cookie: cookie])
            #expect(String(buffer: overview.body).contains(#"href="/admin/audit""#), "the officer's nav has the log")
            let found = try await client.execute(
                uri: "/admin/audit", method: .post,
                headers: [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "csrf=\(csrf)&person=anna%40example.se&from=&to="))
            let page = String(buffer: found.body)
            #expect(found.status == .ok)
            #expect(page.contains(#"<td>token:helpdesk</td><td class="nowrap">subject.export</td>"#), "\(page)")
            #expect(page.contains("Granskningslogg"))

            let nobody = try await client.execute(
                uri: "/admin/audit", method: .post,
                headers: [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "csrf=\(csrf)&person=nobody%40example.se&from=2026-13-01&to="))
            #expect(nobody.status == .unprocessableContent)
            #expect(String(buffer: nobody.body).contains("Ett datum skrivs ÅÅÅÅ-MM-DD."))

            let support = try await AuthorizationTests.signIn(client, email: "support@example.se", password: password)
            let supportCSRF = try await AuthorizationTests.csrf(client, cookie: support)
            let refused = try await client.execute(
                uri: "/admin/audit", method: .post,
                headers: [.cookie: support, .contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "csrf=\(supportCSRF)&person=anna%40example.se"))
            #expect(refused.status == .forbidden)
            #expect(!String(buffer: refused.body).contains("token:helpdesk"))
            let shown = try await client.execute(uri: "/admin/audit", method: .get, headers: [.cookie: support])
            #expect(shown.status == .forbidden)
            let supportNav = try await client.execute(uri: "/admin", method: .get, headers: [.cookie: support])
            #expect(!String(buffer: supportNav.body).contains(#"href="/admin/audit""#))
        }
        await store.close()
    }
}
