import Foundation
import GallraCore
import GallraServer
import GallraServices
import GallraStore
import GallraTestSupport
import Hummingbird
import HummingbirdOTP
import HummingbirdTesting
import SQLKit
import Testing

/// Signing in to the admin UI: passwords, the second factor, throttling, and the audit of every
/// attempt.
@Suite("Signing in")
struct SignInTests {
    static let password = "a password of some length"

    static func form(_ client: some TestClientProtocol, email: String, password: String, code: String = "")
        async throws -> TestResponse
    {
        let page = try await client.execute(uri: "/admin/login", method: .get)
        let token = try #require(String(buffer: page.body).firstMatch(of: /name="csrf" value="([^"]+)"/)?.1)
        let cookie = try #require(page.headers[.setCookie]?.split(separator: ";").first)
        let body = [("csrf", String(token)), ("email", email), ("password", password), ("code", code)]
            .map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }
            .joined(separator: "&")
        return try await client.execute(
            uri: "/admin/login", method: .post,
            headers: [.cookie: String(cookie), .contentType: "application/x-www-form-urlencoded"],
            body: ByteBuffer(string: body))
    }

    @Test("A second factor: the code is needed, and an admin without one is refused when the controller says so")
    func secondFactor() async throws {
        let test = try await TestStore.make(.sqlite)
        let store = try await test.openWithRegister()
        let gallra = Gallra(store: store)
        _ = try await gallra.addUser(
            email: "officer@example.se", access: Access(role: .privacyOfficer), password: Self.password,
            by: .user("setup"))
        _ = try await gallra.addUser(
            email: "admin@example.se", access: Access(role: .admin), password: Self.password, by: .user("setup"))
        let url = try await gallra.enrollSecondFactor(email: "officer@example.se", by: .user("setup"))
        #expect(url.hasPrefix("otpauth://totp/officer@example.se?secret="))
        // The app's secret is the base32 in the address; the server keeps it sealed.
        let sealed = try await test.rows("SELECT totp_secret_sealed FROM users WHERE email = 'officer@example.se'")
        #expect(try sealed.first?.decode(column: "totp_secret_sealed", as: Data?.self) != nil)
        let officer = try #require(try await store.users.user(email: "officer@example.se"))
        let secret = try #require(try store.users.secondFactor(of: officer))
        let app = buildApplication(
            gallra: Gallra(store: store), configuration: ServerConfiguration(adminsNeedSecondFactor: true))
        try await app.test(.router) { client in
            let withoutCode = try await Self.form(client, email: "officer@example.se", password: Self.password)
            #expect(withoutCode.status == .unauthorized)
            let wrongCode = try await Self.form(
                client, email: "officer@example.se", password: Self.password, code: "000000")
            #expect(wrongCode.status == .unauthorized)
            let code = String(format: "%06ld", TOTP(secret: secret).compute())
            let signedIn = try await Self.form(client, email: "officer@example.se", password: Self.password, code: code)
            #expect(signedIn.status == .seeOther)
            #expect(signedIn.headers[values: .setCookie].contains { $0.hasPrefix("gallra_session=") })
            let admin = try await Self.form(client, email: "admin@example.se", password: Self.password)
            #expect(admin.status == .unauthorized, "an admin needs a second factor here")
        }
        let audited = try await test.rows("SELECT action FROM audit_log WHERE action LIKE 'user.sign-in%' ORDER BY seq")
            .map { try $0.decode(column: "action", as: String.self) }
        #expect(audited == ["user.sign-in-failed", "user.sign-in-failed", "user.sign-in", "user.sign-in-failed"])
        await store.close()
    }

    @Test("Five failures: the login is refused for a quarter of an hour, even with the right password")
    func throttled() async throws {
        let test = try await TestStore.make(.sqlite)
        let store = try await test.openWithRegister()
        _ = try await Gallra(store: store).addUser(
            email: "officer@example.se", access: Access(role: .privacyOfficer), password: Self.password,
            by: .user("setup"))
        let app = buildApplication(gallra: Gallra(store: store), configuration: ServerConfiguration())
        try await app.test(.router) { client in
            for _ in 0..<5 {
                let wrong = try await Self.form(client, email: "officer@example.se", password: "not the password")
                #expect(wrong.status == .unauthorized)
                #expect(String(buffer: wrong.body).contains("E-postadressen, lösenordet eller koden är fel."))
            }
            let right = try await Self.form(client, email: "officer@example.se", password: Self.password)
            #expect(right.status == .tooManyRequests, "even the right password waits")
            // Five failures lock the account, not the client: another account is still checked
            // (a client is stopped after twenty, SignInLimitTests).
            let unknown = try await Self.form(client, email: "nobody@example.se", password: "x")
            #expect(unknown.status == .unauthorized, "one account's lockout never locks another")
        }
        await store.close()
    }
}
