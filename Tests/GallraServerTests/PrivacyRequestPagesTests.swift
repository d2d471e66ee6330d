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

/// The public request page and its e-mailed confirmation links, with mail written to a directory
/// by the real outbox sender.
@Suite("The public request page")
struct PrivacyRequestPagesTests {
    struct Door {
        let test: TestStore
        let store: Store
        let mail: URL
        let sender: OutboxSender
        let configuration: ServerConfiguration
    }

    static func door() async throws -> Door {
        let test = try await TestStore.make(.sqlite)
        let store = try await test.openWithRegister()
        let mail = FileManager.default.temporaryDirectory.appendingPathComponent("gallra-mail-\(UUID().uuidString)")
        var configuration = ServerConfiguration()
        configuration.baseURL = "https://integritet.example.se/"
        configuration.mailFrom = "dataskydd@exempel.se"
        let sender = OutboxSender(
            gallra: Gallra(store: store), transport: .directory(mail.path), logger: .init(label: "test"))
        return Door(test: test, store: store, mail: mail, sender: sender, configuration: configuration)
    }

    /// Sends what waits and returns the messages written, oldest first, as text.
    static func delivered(_ door: Door) async throws -> [String] {
        await door.sender.sendDue()
        let files = (try? FileManager.default.contentsOfDirectory(at: door.mail, includingPropertiesForKeys: nil)) ?? []
        return try files.sorted { $0.lastPathComponent < $1.lastPathComponent }.map {
            try String(contentsOf: $0, encoding: .utf8)
        }
    }

    /// A message's parts, decoded (they are base64).
    static func parts(of message: String) -> [String] {
        message.components(separatedBy: "\r\n\r\n").dropFirst().compactMap { part -> String? in
            let lines = part.components(separatedBy: "\r\n").prefix { !$0.hasPrefix("--") }
            return Data(base64Encoded: lines.joined()).map { String(decoding: $0, as: UTF8.self) }
        }.filter { !$0.isEmpty }
    }

    /// The link in a message to a page under /privacy/`page`/ (confirm, download), as a path.
    static func link(in message: String, to page: String = "confirm") throws -> String {
        let text = try #require(parts(of: message).first { $0.contains("/privacy/\(page)/") })
        let pattern = try Regex("https://integritet\\.example\\.se(/privacy/\(page)/[A-Za-z0-9_-]+(\\?lang=[a-z]{2})?)")
        let match = try #require(text.firstMatch(of: pattern))
        return String(try #require(match.output[1].substring))
    }

    static func submit(
        _ client: some TestClientProtocol, kind: String, email: String, lang: String = "sv", activities: [String] = []
    ) async throws -> TestResponse {
        let form = try await client.execute(uri: "/privacy/request?lang=\(lang)", method: .get)
        let token = try #require(String(buffer: form.body).firstMatch(of: /name="csrf" value="([^"]+)"/)?.1)
        let cookie = try #require(form.headers[.setCookie]?.split(separator: ";").first)
        let body =
            "csrf=\(token)&lang=\(lang)&kind=\(kind)&email=\(email.replacingOccurrences(of: "@", with: "%40"))&website="
            + activities.map { "&activity.\($0)=yes" }.joined()
        return try await client.execute(
            uri: "/privacy/request", method: .post,
            headers: [.cookie: String(cookie), .contentType: "application/x-www-form-urlencoded"],
            body: ByteBuffer(string: body))
    }

    @Test("Known or not, the same answer; the link's page changes nothing; the button registers the request once")
    func confirmation() async throws {
        let door = try await Self.door()
        _ = try await Gallra(store: door.store).addSubject(NewSubject(email: "anna@example.se"), by: .user("setup"))
        let app = buildApplication(gallra: Gallra(store: door.store), configuration: door.configuration)
        try await app.test(.router) { client in
            let known = try await Self.submit(client, kind: "access", email: "anna@example.se")
            let unknown = try await Self.submit(client, kind: "access", email: "okand@example.se")
            #expect(known.status == .ok && unknown.status == .ok)
            #expect(String(buffer: known.body) == String(buffer: unknown.body), "the page does not tell them apart")
            let messages = try await Self.delivered(door)
            #expect(messages.count == 2, "a confirmation goes to each address, known or not")
            #expect(
                messages.allSatisfy {
                    $0.contains("From: Exempel Programvara AB <dataskydd@exempel.se>") && $0.contains("Message-ID: <")
                        && $0.contains("Subject: =?UTF-8?B?")  // "Bekräfta …", encoded
                })
            let annaMail = try #require(messages.first { $0.contains("To: anna@example.se") })
            let path = try Self.link(in: annaMail)

            let page = try await client.execute(uri: path, method: .get)
            #expect(page.status == .ok)
            #expect(String(buffer: page.body).contains("Bekräfta begäran"))
            #expect(try await door.test.rows("SELECT id FROM requests").isEmpty, "opening the link changed nothing")

            let confirmed = try await client.execute(uri: path, method: .post, body: ByteBuffer(string: "lang=sv"))
            #expect(confirmed.status == .ok)
            #expect(String(buffer: confirmed.body).contains("Vi svarar senast"))
            let requests = try await door.test.rows("SELECT kind, channel, verified_how FROM requests")
            #expect(requests.count == 1)
            #expect(try requests.first?.decode(column: "channel", as: String.self) == "web")
            // How the identity was verified is the person's data: sealed, read back through the store.
            #expect(try requests.first?.decode(column: "verified_how", as: String?.self) == nil)
            #expect(try await door.store.requests.pending().first?.verifiedHow?.contains("e-mail") == true)

            let again = try await client.execute(uri: path, method: .post, body: ByteBuffer(string: "lang=sv"))
            #expect(again.status == .notFound, "a link works once")
            #expect(try await door.test.rows("SELECT id FROM requests").count == 1)
            let receipts = try await Self.delivered(door)
            #expect(receipts.count == 3, "a receipt went to the person")
        }
        await door.store.close()
    }

    @Test("An expired link and another request's link do not work; unsubscribing stops direct marketing at once")
    func expiryAndUnsubscribe() async throws {
        let door = try await Self.door()
        // Cia is on the direct-mail list (an address bought from a public register).
        let gallra = Gallra(store: door.store)
        let cia = try await gallra.addSubject(NewSubject(email: "cia@example.se"), by: .user("setup"))
        _ = try await gallra.addRecord(
            NewRecord(subject: cia, activity: "direct-mail", category: "address", value: "Gatan 1", collected: Date()),
            by: .user("setup"))
        let app = buildApplication(gallra: Gallra(store: door.store), configuration: door.configuration)
        try await app.test(.router) { client in
            _ = try await Self.submit(client, kind: "erasure", email: "bo@example.se")
            _ = try await Self.submit(client, kind: "unsubscribe", email: "cia@example.se", lang: "en")
            let messages = try await Self.delivered(door)
            let boLink = try Self.link(in: try #require(messages.first { $0.contains("To: bo@example.se") }))
            let ciaLink = try Self.link(in: try #require(messages.first { $0.contains("To: cia@example.se") }))
            // Bo's link expired.
            try await door.test.raw("UPDATE public_tokens SET expires_at = 0 WHERE purpose = 'confirm'")
            let expired = try await client.execute(uri: boLink, method: .post)
            #expect(expired.status == .notFound)
            #expect(String(buffer: expired.body).contains("Länken fungerar inte"))
            // A made-up token is refused the same way.
            let forged = try await client.execute(uri: "/privacy/confirm/gallra_forged", method: .post)
            #expect(forged.status == .notFound)
            #expect(try await door.test.rows("SELECT id FROM requests").isEmpty)
            try await door.test.raw("UPDATE public_tokens SET expires_at = 9999999999999")
            let unsubscribed = try await client.execute(
                uri: ciaLink, method: .post,
                body: ByteBuffer(string: "lang=en"))
            #expect(String(buffer: unsubscribed.body).contains("You will get no more mailings"))
            // Art. 21(3): direct marketing stops and its data goes, at once.
            #expect(try await door.test.rows("SELECT id FROM records WHERE activity = 'direct-mail'").isEmpty)
            let requests = try await door.test.rows("SELECT kind, status FROM requests")
            #expect(try requests.map { try $0.decode(column: "status", as: String.self) } == ["completed"])
        }
        await door.store.close()
    }

    @Test("Mail that cannot be sent is tried again later, and what is given up shows on the overview")
    func failedMail() async throws {
        let door = try await Self.door()
        let gallra = Gallra(store: door.store)
        _ = try await gallra.addUser(
            email: "admin@example.se", access: Access(role: .admin), password: "a password of some length",
            by: .user("setup"))
        let app = buildApplication(gallra: Gallra(store: door.store), configuration: door.configuration)
        try await app.test(.router) { client in
            _ = try await Self.submit(client, kind: "access", email: "dan@example.se")
            let failing = OutboxSender(
                gallra: Gallra(store: door.store), transport: .sendmail("exit 75"), logger: .init(label: "test"))
            await failing.sendDue()
            #expect(try await gallra.outboxDepth(by: .user("setup")) == (1, 0) as (Int, Int), "waiting for a retry")
            let attempts = try await door.test.rows("SELECT attempts, next_attempt_at FROM outbox")
            #expect(try attempts.first?.decode(column: "attempts", as: Int.self) == 1)
            #expect(
                try attempts.first?.decode(column: "next_attempt_at", as: Int64.self) ?? 0
                    > Int64(Date().timeIntervalSince1970 * 1000) + 50_000, "about a minute later")
            try await door.test.raw("UPDATE outbox SET failed_at = 1")
            let cookie = try await AuthorizationTests.signIn(
                client, email: "admin@example.se", password: "a password of some length")
            let overview = try await client.execute(uri: "/admin", method: .get, headers: [.cookie: cookie])
            #expect(String(buffer: overview.body).contains("0 väntar, 1 kunde inte skickas"))
        }
        await door.store.close()
    }
}
