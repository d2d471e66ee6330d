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
            #expect(
                page.contains(#"<td>token:helpdesk</td><td class="nowrap"><code>subject.export</code></td>"#), "\(page)"
            )
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

    @Test("Filtered by a support user's login, an action and an activity; exported as CSV; the chain checked")
    func filtersExportAndCheck() async throws {
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
        let (anna, bo) = try await AuthorizationTests.people(gallra, by: setup)
        let app = buildApplication(gallra: gallra, configuration: ServerConfiguration())
        try await app.test(.router) { client in
            // Support opens Anna's page in the admin UI: a read of her data, by that user.
            let support = try await AuthorizationTests.signIn(client, email: "support@example.se", password: password)
            let read = try await client.execute(
                uri: "/admin/subjects/\(anna)", method: .get, headers: [.cookie: support])
            #expect(read.status == .ok)

            let cookie = try await AuthorizationTests.signIn(client, email: "officer@example.se", password: password)
            let csrf = try await AuthorizationTests.csrf(client, cookie: cookie)
            func post(_ path: String, _ body: String) async throws -> TestResponse {
                try await client.execute(
                    uri: path, method: .post,
                    headers: [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"],
                    body: ByteBuffer(string: "csrf=\(csrf)&" + body))
            }
            let bySupport = try await post("/admin/audit", "actor=support%40example.se")
            let page = String(buffer: bySupport.body)
            #expect(bySupport.status == .ok)
            #expect(page.contains("<td>user:support@example.se</td>"), "the support user's read is listed")
            #expect(!page.contains("<td>user:setup</td>"), "nobody else's entries")
            #expect(page.contains(#"value="support@example.se""#), "the filter is kept in the form")
            let ofAnna = try await post("/admin/audit", "actor=support%40example.se&person=anna%40example.se")
            #expect(String(buffer: ofAnna.body).contains("<td>user:support@example.se</td>"))
            let ofBo = try await post("/admin/audit", "actor=support%40example.se&person=\(bo)")
            #expect(String(buffer: ofBo.body).contains("Inga poster matchar."), "support never read Bo")
            let unknown = try await post("/admin/audit", "actor=nobody%40example.se")
            #expect(unknown.status == .notFound)
            #expect(String(buffer: unknown.body).contains("Ingen användare loggar in med den inloggningen."))
            let byAction = try await post("/admin/audit", "action=subject.add")
            #expect(String(buffer: byAction.body).contains("<code>subject.add</code>"))
            #expect(!String(buffer: byAction.body).contains("<code>subject.read</code>"))

            let csv = try await post("/admin/audit/export", "actor=support%40example.se")
            let text = String(buffer: csv.body)
            #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(csv.headers[.contentDisposition]?.hasPrefix("attachment; filename=\"audit-") == true)
            let lines = text.split(separator: "\r\n")
            #expect(lines.first == "När,Utfört av,Vad,Person (pseudonymt id),Behandling,Detaljer", "\(text)")
            #expect(lines.count >= 2 && lines.dropFirst().allSatisfy { $0.contains(",user:support@example.se,") })
            #expect(lines.dropFirst().contains { $0.contains(anna) }, "the entries name Anna by her id")
            #expect(!text.contains("anna@example.se"), "never by her address")

            let check = try await post("/admin/audit/check", "")
            let checked = String(buffer: check.body)
            #expect(checked.contains("Kedjan är obruten. Kontrollerade poster:"), "\(checked)")
            let before =
                checked.firstMatch(of: /Kontrollpunkter som stämmer med kedjan: (\d+)\./).map { Int($0.1)! } ?? 0
            let latest = try await gallra.checkpointAudit(by: setup)
            let anchored = String(buffer: try await post("/admin/audit/check", "").body)
            #expect(
                anchored.contains(
                    "Kontrollpunkter som stämmer med kedjan: \(before + 1). Den senaste: post \(latest.seq),"),
                "\(anchored)")
            // The chain rewritten: an entry's detail changed under it.
            try await test.raw("UPDATE audit_log SET detail = 'rewritten' WHERE seq = 2")
            let broken = String(buffer: try await post("/admin/audit/check", "").body)
            #expect(broken.contains("Kedjan är bruten vid post 2."), "\(broken)")
        }
        await store.close()
    }
}
