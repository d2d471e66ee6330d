import Foundation
import GallraCore
import GallraServer
import GallraServices
import GallraStore
import GallraTestSupport
import Hummingbird
import HummingbirdTesting
import Testing

/// The API's subject lookup and the admin UI's search and copy find a person only the company's
/// connected systems know, by e-mail address, phone number or personnummer, and register nobody;
/// an unknown address is answered as it was before any system was connected.
@Suite("A connected-only person through the API and the admin UI")
struct ConnectedOnlyLookupTests {
    static let setup = Party.user("setup")

    static func subjects(_ test: TestStore) async throws -> Int {
        try await test.rows("SELECT count(*) AS n FROM subjects").first?.decode(column: "n", as: Int.self) ?? -1
    }

    @Test(
        "The API finds them by every identifier; an unknown address reads as before", arguments: TestBackend.companies)
    func apiLookup(backend: TestBackend) async throws {
        let test = try await TestStore.make(backend)
        let store = try await test.openWithRegister()
        let gallra = Gallra(store: store)
        let company = try await CompanyDatabase.make(backend)
        try await company.addCustomer(
            1, email: "kund@example.com", phone: "+46701234567", personalNumber: "198112189876", name: "Karin Kund")
        let officer = try await gallra.createToken(name: "crm", access: Access(role: .privacyOfficer), by: Self.setup)
        let app = buildApplication(gallra: gallra, configuration: ServerConfiguration())
        try await app.test(.router) { client in
            func get(_ path: String) async throws -> TestResponse {
                try await client.execute(uri: path, method: .get, headers: [.authorization: "Bearer \(officer)"])
            }
            let before = try await get("/api/v1/subjects/okand@example.com")
            _ = try await gallra.applySystems(yaml: company.systemsYAML, file: "systems.yaml", by: Self.setup)
            let counted = try await Self.subjects(test)
            for reference in ["kund@example.com", "070-1234567", "19811218-9876"] {
                let found = try await get("/api/v1/subjects/\(reference)")
                #expect(found.status == .ok, "\(reference): \(String(buffer: found.body))")
                let json = try #require(
                    try JSONSerialization.jsonObject(with: Data(buffer: found.body)) as? [String: Any])
                #expect(json["registered"] as? Bool == false)
                #expect((json["subject"] as? String)?.hasPrefix("connected-") == true)
                let records = (json["activities"] as? [[String: Any]] ?? []).flatMap {
                    $0["records"] as? [[String: Any]] ?? []
                }
                #expect(
                    records.contains { $0["value"] as? String == "Karin Kund" && $0["table"] as? String == "customer" })
            }
            #expect(try await Self.subjects(test) == counted, "a lookup registers nobody")
            let after = try await get("/api/v1/subjects/okand@example.com")
            #expect(before.status == .notFound && after.status == before.status)
            #expect(String(buffer: after.body) == String(buffer: before.body))
        }
        await company.close()
        await store.close()
    }

    @Test(
        "The admin search shows their rows and prepares their copy, registering nobody",
        arguments: [TestBackend.sqlite] + (TestBackend.mariadbURL == nil ? [] : [.mariadb]))
    func adminSearchAndCopy(backend: TestBackend) async throws {
        let test = try await TestStore.make(backend)
        let store = try await test.openWithRegister()
        let gallra = Gallra(store: store)
        let company = try await CompanyDatabase.make(backend)
        try await company.addCustomer(
            1, email: "kund@example.com", phone: "+46701234567", personalNumber: "198112189876", name: "Karin Kund")
        let password = "a password of some length"
        _ = try await gallra.addUser(
            email: "officer@example.se", access: Access(role: .privacyOfficer), password: password, by: Self.setup)
        let app = buildApplication(gallra: gallra, configuration: ServerConfiguration())
        try await app.test(.router) { client in
            let cookie = try await AuthorizationTests.signIn(client, email: "officer@example.se", password: password)
            let csrf = try await AuthorizationTests.csrf(client, cookie: cookie)
            func post(_ path: String, _ body: String) async throws -> TestResponse {
                try await client.execute(
                    uri: path, method: .post,
                    headers: [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"],
                    body: ByteBuffer(string: "csrf=\(csrf)&\(body)"))
            }
            let unknownBefore = try await post("/admin/subjects", "q=okand@example.com")
            _ = try await gallra.applySystems(yaml: company.systemsYAML, file: "systems.yaml", by: Self.setup)
            let counted = try await Self.subjects(test)
            for query in ["kund@example.com", "070-123+45+67", "811218-9876"] {
                let found = try await post("/admin/subjects", "q=\(query)")
                let page = String(buffer: found.body)
                #expect(found.status == .ok, "\(query)")
                #expect(page.contains("Karin Kund"), "\(query): the connected row is shown")
                #expect(
                    page.contains("known only to the connected systems")
                        || page.contains("finns bara i de anslutna systemen"))
                #expect(page.contains(#"action="/admin/subjects/export""#))
                #expect(!page.contains("/holds"), "nothing is placed on a person the store does not hold")
                #expect(!page.contains("connected-"), "no id of the store's is shown for them")
            }
            let unknownAfter = try await post("/admin/subjects", "q=okand@example.com")
            #expect(unknownAfter.status == unknownBefore.status)
            let message = { (page: String) in page.firstMatch(of: /<p class="error" role="alert">([^<]*)</)?.1 }
            #expect(message(String(buffer: unknownAfter.body)) == message(String(buffer: unknownBefore.body)))
            #expect(message(String(buffer: unknownAfter.body)) != nil)

            let started = try await post("/admin/subjects/export", "reference=kund@example.com")
            #expect(started.status == .seeOther)
            let job = try #require(started.headers[.location])
            var ready = false
            for _ in 0..<200 where !ready {
                let shown = try await client.execute(uri: job, method: .get, headers: [.cookie: cookie])
                let text = String(buffer: shown.body)
                ready = text.contains("\(job)/download")
                #expect(!text.contains("/admin/subjects/connected-"), "no page of theirs is linked")
                if !ready { try await Task.sleep(for: .milliseconds(20)) }
            }
            #expect(ready)
            let download = try await client.execute(uri: "\(job)/download", method: .get, headers: [.cookie: cookie])
            #expect(download.status == .ok)
            #expect(String(buffer: download.body).contains("Karin Kund"))
            #expect(download.headers[.contentDisposition]?.contains("subject-connected-") == true)
            #expect(download.headers[.contentDisposition]?.contains("@") == false)
            #expect(try await Self.subjects(test) == counted, "neither the search nor the copy registers anyone")
        }
        await company.close()
        await store.close()
    }
}
