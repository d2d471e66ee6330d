import Foundation
import GallraCore
import GallraServer
import GallraServices
import GallraTestSupport
import Hummingbird
import HummingbirdTesting
import Testing

/// The record kept as a processor (Art. 30(2)) in the admin UI and the API: shown on the register
/// page in the reader's language, a change to it alone reviewed and applied as a new version, a
/// wrong one refused by line with nothing changed, and exported in `GET /api/v1/register`.
@Suite("The record kept as a processor in the admin UI and the API")
struct ProcessorRecordPageTests {
    @Test("Shown in Swedish and English, changed alone as a new version, refused by line when wrong")
    func reviewedAndApplied() async throws {
        let test = try await TestStore.make(.sqlite)
        let store = try await test.openWithRegister()
        let gallra = Gallra(store: store)
        let setup = Party.user("setup")
        let password = "a password of some length"
        _ = try await gallra.addUser(
            email: "officer@example.se", access: Access(role: .privacyOfficer), password: password, by: setup)
        _ = try await gallra.addUser(
            email: "eve@example.se", access: Access(role: .privacyOfficer), language: "en", password: password,
            by: setup)
        let token = try await gallra.createToken(name: "dpo", access: Access(role: .privacyOfficer), by: setup)
        let app = buildApplication(gallra: Gallra(store: store), configuration: ServerConfiguration())
        let yaml = try exampleRegister()
        try await app.test(.router) { client in
            let cookie = try await AuthorizationTests.signIn(client, email: "officer@example.se", password: password)
            let csrf = try await AuthorizationTests.csrf(client, cookie: cookie)
            func get(_ uri: String, _ cookie: String) async throws -> String {
                String(buffer: try await client.execute(uri: uri, method: .get, headers: [.cookie: cookie]).body)
            }
            func post(_ uri: String, _ body: String) async throws -> TestResponse {
                try await client.execute(
                    uri: uri, method: .post,
                    headers: [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"],
                    body: ByteBuffer(string: body + "&csrf=\(csrf)"))
            }
            func encoded(_ text: String) -> String {
                text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
            }

            let swedish = try await get("/admin/register", cookie)
            for text in [
                "Register som personuppgiftsbiträde (art. 30.2)", "Kundföretaget Nord AB (556111-2222)",
                "Kategorier av behandling (art. 30.2 b)", "Drift och lagring av kundens ärendehanteringssystem",
                "USA (Utskickstjänst Inc.): standardavtalsklausuler (Art. 46(2)(c))",
                "Tekniska och organisatoriska säkerhetsåtgärder enligt artikel 32.1:",
            ] {
                #expect(swedish.contains(HTML.escape(text)), "\(text)")
            }
            let english = try await get(
                "/admin/register",
                try await AuthorizationTests.signIn(client, email: "eve@example.se", password: password))
            for text in [
                "Record as a processor (Art. 30(2))", "Categories of processing (Art. 30(2)(b))",
                "Running and storing the customer&#39;s ticketing system",
                "the United States (Utskickstjänst Inc.): standard contractual clauses (Art. 46(2)(c))",
            ] {
                #expect(
                    english.contains(text) || english.contains(text.replacingOccurrences(of: "&#39;", with: "&#x27;")),
                    "\(text)")
            }
            #expect(!english.contains("Kategorier av behandling"))

            // A wrong record is refused by its line, and nothing is applied.
            let broken = yaml.replacingOccurrences(
                of: "safeguard: standard_contractual_clauses\n", with: "safeguard: promises\n",
                options: .backwards, range: yaml.range(of: "processor:")!.lowerBound..<yaml.endIndex)
            let refused = try await post("/admin/register/review", "yaml=\(encoded(broken))")
            #expect(refused.status == .unprocessableContent)
            let line =
                broken.split(separator: "\n", omittingEmptySubsequences: false)
                .firstIndex { $0.contains("safeguard: promises") }! + 1
            let refusedPage = String(buffer: refused.body)
            #expect(refusedPage.contains("&quot;promises&quot; är inte ett giltigt värde för safeguard"))
            #expect(
                refusedPage.contains(
                    "<a href=\"#line-\(line)\">Rad \(line)</a>: &quot;promises&quot; is not a valid safeguard")
                    || refusedPage.contains("href=\"#line-\(line)\""),
                "the line is named")
            #expect(refusedPage.contains("id=\"line-\(line)\" class=\"flagged\""), "and flagged")
            let applyBroken = try await post("/admin/register/apply", "yaml=\(encoded(broken))&confirm=yes")
            #expect(applyBroken.status.code >= 400)
            #expect(try await gallra.register(by: setup).version == 1, "nothing was applied")

            // A change to the processor's record alone is a change: reviewed, confirmed, applied.
            let changed = yaml.replacingOccurrences(of: "en: \"Backups\"", with: "en: \"Nightly backups\"")
            #expect(changed != yaml)
            let review = try await post("/admin/register/review", "yaml=\(encoded(changed))")
            #expect(review.status == .ok)
            let reviewPage = String(buffer: review.body)
            #expect(reviewPage.contains("Registret som personuppgiftsbiträde (art. 30.2) ändras."))
            #expect(!reviewPage.contains("Inget skiljer sig från versionen som gäller."))
            #expect(reviewPage.contains("action=\"/admin/register/apply\""), "it can be applied")
            let confirm = try await post("/admin/register/apply", "yaml=\(encoded(changed))")
            #expect(String(buffer: confirm.body).contains("Registret som personuppgiftsbiträde (art. 30.2) ändras."))
            let applied = try await post("/admin/register/apply", "yaml=\(encoded(changed))&confirm=yes")
            #expect(applied.status == .seeOther || applied.status == .found)
            let version = try await gallra.register(by: setup)
            #expect(version.version == 2)
            #expect(version.register.processorRecord?.controllers.first?.processing.last?[.en] == "Nightly backups")
            // The version before still reads as it was.
            let first = try await gallra.register(.version(1), by: setup)
            #expect(first.register.processorRecord?.controllers.first?.processing.last?[.en] == "Backups")

            // The API's export of the register holds the record.
            let api = try await client.execute(
                uri: "/api/v1/register?lang=en", method: .get, headers: [.authorization: "Bearer \(token)"])
            #expect(api.status == .ok)
            let json = try #require(try JSONSerialization.jsonObject(with: Data(buffer: api.body)) as? [String: Any])
            let processor = try #require(json["processor"] as? [String: Any])
            let controllers = try #require(processor["controllers"] as? [[String: Any]])
            #expect(controllers.first?["name"] as? String == "Kundföretaget Nord AB")
            #expect((controllers.first?["processing"] as? [String])?.last == "Nightly backups")
            #expect((processor["security"] as? String)?.contains("two-factor sign-in") == true)
        }
        await store.close()
    }
}
