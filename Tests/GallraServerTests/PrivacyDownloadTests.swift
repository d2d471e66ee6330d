import Foundation
import GallraCore
import GallraServer
import GallraServices
import GallraStore
import GallraTestSupport
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

/// What happens after a request from the public page is confirmed: the privacy officer sees what
/// the person wrote, and a copy reaches the person by a link that asks for their address again.
@Suite("Answers to requests from the public page")
struct PrivacyDownloadTests {
    typealias Door = PrivacyRequestPagesTests

    /// Submits and confirms a request on the public page; returns its id.
    static func confirmed(
        _ client: some TestClientProtocol, _ door: Door.Door, kind: String, email: String, details: String = ""
    ) async throws -> String {
        let before = Set(
            try await door.test.rows("SELECT id FROM requests").map { try $0.decode(column: "id", as: String.self) })
        let form = try await client.execute(uri: "/privacy/request?lang=sv", method: .get)
        let csrf = try #require(String(buffer: form.body).firstMatch(of: /name="csrf" value="([^"]+)"/)?.1)
        let cookie = try #require(form.headers[.setCookie]?.split(separator: ";").first)
        let body = [
            "csrf=\(csrf)", "lang=sv", "kind=\(kind)", "email=\(email.replacingOccurrences(of: "@", with: "%40"))",
            "details=\(details.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")", "website=",
        ].joined(separator: "&")
        _ = try await client.execute(
            uri: "/privacy/request", method: .post,
            headers: [.cookie: String(cookie), .contentType: "application/x-www-form-urlencoded"],
            body: ByteBuffer(string: body))
        let mail = try #require(try await Door.delivered(door).last { $0.contains("To: \(email)") })
        let confirmed = try await client.execute(
            uri: try Door.link(in: mail), method: .post, body: ByteBuffer(string: "lang=sv"))
        #expect(confirmed.status == .ok)
        let after = Set(
            try await door.test.rows("SELECT id FROM requests").map { try $0.decode(column: "id", as: String.self) })
        return try #require(after.subtracting(before).first)
    }

    /// Opens a download link's page and sends `email` with its form.
    static func download(_ client: some TestClientProtocol, _ path: String, email: String) async throws -> TestResponse
    {
        let page = try await client.execute(uri: path, method: .get)
        let csrf = try #require(String(buffer: page.body).firstMatch(of: /name="csrf" value="([^"]+)"/)?.1)
        let cookie = try #require(page.headers[.setCookie]?.split(separator: ";").first)
        return try await client.execute(
            uri: path, method: .post,
            headers: [.cookie: String(cookie), .contentType: "application/x-www-form-urlencoded"],
            body: ByteBuffer(string: "csrf=\(csrf)&lang=sv&email=\(email.replacingOccurrences(of: "@", with: "%40"))"))
    }

    @Test("An access request is answered by a link: the address again, then the copy; each use audited")
    func accessByLink() async throws {
        let door = try await Door.door()
        let gallra = Gallra(store: door.store)
        let anna = try await gallra.addSubject(NewSubject(email: "anna@example.se"), by: .user("setup"))
        _ = try await gallra.addRecord(
            NewRecord(
                subject: anna, activity: "direct-mail", category: "address", value: "Storgatan 5", collected: Date()),
            by: .user("setup"))
        _ = try await gallra.addUser(
            email: "dpo@example.se", access: Access(role: .privacyOfficer), password: "a password of some length",
            by: .user("setup"))
        let app = buildApplication(gallra: Gallra(store: door.store), configuration: door.configuration)
        try await app.test(.router) { client in
            let id = try await Self.confirmed(client, door, kind: "access", email: "anna@example.se")
            // The privacy officer carries the request out in the admin UI.
            let cookie = try await AuthorizationTests.signIn(
                client, email: "dpo@example.se", password: "a password of some length")
            let csrf = try await AuthorizationTests.csrf(client, cookie: cookie)
            let completed = try await client.execute(
                uri: "/admin/requests/\(id)/complete", method: .post,
                headers: [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "csrf=\(csrf)"))
            #expect(completed.status == .seeOther)
            let shown = try await client.execute(uri: "/admin/requests/\(id)", method: .get, headers: [.cookie: cookie])
            #expect(String(buffer: shown.body).contains("<strong>Länk till utdraget</strong>: I kö sedan"))

            let mail = try #require(try await Door.delivered(door).last { $0.contains("To: anna@example.se") })
            #expect(mail.contains("Subject: Dina personuppgifter hos Exempel Programvara AB"))
            #expect(!mail.contains("attachment"), "never as an attachment")
            #expect(Door.parts(of: mail).allSatisfy { !$0.contains("Storgatan") }, "the mail holds no data")
            let path = try Door.link(in: mail, to: "download")

            let page = try await client.execute(uri: path, method: .get)
            #expect(page.status == .ok)
            #expect(!String(buffer: page.body).contains("Storgatan"), "opening the link gives nothing")

            let wrong = try await Self.download(client, path, email: "anna@example.com")
            #expect(wrong.status == .unprocessableContent)
            #expect(String(buffer: wrong.body).contains("Det är inte adressen"))
            #expect(!String(buffer: wrong.body).contains("Storgatan"))

            let copy = try await Self.download(client, path, email: " Anna@Example.se ")
            #expect(copy.status == .ok)
            let report = String(buffer: copy.body)
            #expect(report.contains("Storgatan 5") && report.contains("artikel 15"))
            #expect(copy.headers[.cacheControl] == "no-store")
            #expect(copy.headers[.contentSecurityPolicy]?.contains("'sha256-") == true, "its own style, no script")
            #expect(copy.headers[.contentSecurityPolicy]?.contains("script-src 'self'") == true)

            let audit = try await door.test.rows("SELECT action, detail FROM audit_log ORDER BY seq")
            let actions = try audit.map { try $0.decode(column: "action", as: String.self) }
            #expect(actions.contains("request.report.refused") && actions.contains("request.report.download"))
            let details = try audit.map { try $0.decode(column: "detail", as: String.self) }.joined()
            #expect(!details.contains("anna@") && !details.contains("Storgatan"), "no personal data in the log")

            // The link expires.
            try await door.test.raw("UPDATE public_tokens SET expires_at = 1 WHERE purpose = 'download'")
            let expired = try await client.execute(uri: path, method: .get)
            #expect(expired.status == .notFound)
        }
        await door.store.close()
    }

    @Test("What the person wrote reaches the privacy officer, and is kept sealed")
    func personsMessage() async throws {
        let door = try await Door.door()
        let gallra = Gallra(store: door.store)
        let app = buildApplication(gallra: Gallra(store: door.store), configuration: door.configuration)
        try await app.test(.router) { client in
            let id = try await Self.confirmed(
                client, door, kind: "rectification", email: "bo@example.se", details: "Mitt efternamn stavas Ek")
            let details = try await gallra.requestDetails(id, by: .user("setup"))
            #expect(details.message == "Mitt efternamn stavas Ek")
            let token = try await gallra.createToken(
                name: "crm", access: Access(role: .privacyOfficer), by: .user("setup"))
            let api = try await client.execute(
                uri: "/api/v1/requests/\(id)", method: .get, headers: [.authorization: "Bearer \(token)"])
            #expect(String(buffer: api.body).contains("\"message\": \"Mitt efternamn stavas Ek\""))
            let stored = try await door.test.rows("SELECT message_sealed FROM request_contacts")
            let sealed = try #require(try stored.first?.decode(column: "message_sealed", as: Data.self))
            #expect(!String(decoding: sealed, as: UTF8.self).contains("efternamn"))
        }
        await door.store.close()
    }

    @Test("The controller's own wording replaces Gallra's; a template with an unknown placeholder is refused")
    func ownWording() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gallra-tpl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try "Subject: Bekräfta hos {{controller}}\n\nHej! Klicka här för {{what}}:\n{{link}}\n".write(
            to: directory.appendingPathComponent("confirm.sv.txt"), atomically: true, encoding: .utf8)
        let plain = try await Door.door()
        var configuration = plain.configuration
        configuration.mailTemplates = try MailTemplates.overriding(from: directory.path)
        let door = Door.Door(
            test: plain.test, store: plain.store, mail: plain.mail, sender: plain.sender, configuration: configuration)
        let app = buildApplication(gallra: Gallra(store: door.store), configuration: configuration)
        try await app.test(.router) { client in
            _ = try await Door.submit(client, kind: "erasure", email: "cia@example.se")
            let mail = try #require(try await Door.delivered(door).first)
            let text = try #require(Door.parts(of: mail).first)
            #expect(text.hasPrefix("Hej! Klicka här för att dina personuppgifter raderas:"))
            #expect(try Door.link(in: mail).hasPrefix("/privacy/confirm/"))
        }
        await door.store.close()

        try "Subject: Hej {{name}}\n\nText\n".write(
            to: directory.appendingPathComponent("receipt.en.txt"), atomically: true, encoding: .utf8)
        #expect {
            try MailTemplates.overriding(from: directory.path)
        } throws: { error in
            "\(error)".contains("receipt.en.txt: unknown placeholder {{name}}")
        }
    }
}
