import Foundation
import GallraCore
import GallraServer
import GallraServices
import GallraStore
import GallraTestSupport
import Hummingbird
import HummingbirdBcrypt
import HummingbirdTesting
import Testing

/// Sign-in limits over real HTTP: counted in one step with the check, per account and per client,
/// the client read from X-Forwarded-For only when a trusted proxy sends it.
@Suite("Sign-in limits")
struct SignInLimitTests {
    /// One exchange with the server: what the request's answer says.
    typealias Exchange =
        @Sendable (
            _ uri: String, _ method: HTTPRequest.Method, _ headers: HTTPFields, _ body: ByteBuffer?
        ) async throws -> (status: HTTPResponse.Status, headers: HTTPFields, body: ByteBuffer)

    static func attempt(
        _ client: some TestClientProtocol, email: String, password: String, forwardedFor: String? = nil
    ) async throws -> HTTPResponse.Status {
        try await attempt(
            via: { uri, method, headers, body in
                let response = try await client.execute(uri: uri, method: method, headers: headers, body: body)
                return (response.status, response.headers, response.body)
            }, email: email, password: password, forwardedFor: forwardedFor)
    }

    static func attempt(
        via exchange: Exchange, email: String, password: String, forwardedFor: String? = nil
    ) async throws -> HTTPResponse.Status {
        let page = try await exchange("/admin/login", .get, [:], nil)
        let token = try #require(String(buffer: page.body).firstMatch(of: /name="csrf" value="([^"]+)"/)?.1)
        let cookie = try #require(page.headers[.setCookie]?.split(separator: ";").first)
        let body = [("csrf", String(token)), ("email", email), ("password", password)]
            .map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }
            .joined(separator: "&")
        var headers: HTTPFields = [.cookie: String(cookie), .contentType: "application/x-www-form-urlencoded"]
        if let forwardedFor { headers[.init("X-Forwarded-For")!] = forwardedFor }
        return try await exchange("/admin/login", .post, headers, ByteBuffer(string: body)).status
    }

    static func server(trusting proxies: [String] = []) async throws -> (Store, some ApplicationProtocol) {
        let test = try await TestStore.make(.sqlite)
        let store = try await test.openWithRegister()
        // The accounts' hashes at bcrypt's lowest cost: these tests count attempts, dozens of them
        // over real HTTP, and must not time out on a loaded machine waiting for cost-12 hashes.
        // What a checked attempt costs is the sign-in tests' concern.
        let hash = Bcrypt.hash(SignInTests.password, cost: 4)
        for name in ["anna", "bo"] {
            _ = try await store.work(by: .user("setup")) {
                try await store.users.add(
                    email: "\(name)@example.se", passwordHash: hash, access: Access(role: .privacyOfficer),
                    language: "sv")
            }
        }
        var configuration = ServerConfiguration()
        configuration.trustedProxies = try TrustedProxies(parsing: proxies)
        return (store, buildApplication(gallra: Gallra(store: store), configuration: configuration))
    }

    @Test("Twelve wrong passwords at once: five are checked, the rest refused unchecked, and then the right one waits")
    func parallel() async throws {
        let (store, app) = try await Self.server()
        try await app.test(.live) { client in
            let port = try #require(client.port)
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                // Each on a connection of its own, so that the server has all twelve at once (one
                // shared connection would hand them over one after another).
                for index in 0..<12 {
                    group.addTask {
                        try await OwnConnection.using(port: port) {
                            try await Self.attempt(
                                via: $0, email: "anna@example.se", password: "wrong password \(index)")
                        }
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .unauthorized }.count == 5, "\(statuses.map(\.code))")
            #expect(statuses.filter { $0 == .tooManyRequests }.count == 7)
            // Also on a connection of its own: the shared one may have been idle past the
            // server's idle timeout while the twelve were answered.
            let right = try await OwnConnection.using(port: port) {
                try await Self.attempt(via: $0, email: "anna@example.se", password: SignInTests.password)
            }
            #expect(right == .tooManyRequests, "a guess that comes after the fifth is never checked")
        }
        await store.close()
    }

    @Test("Behind a trusted proxy: one client's failures lock that account, not another account nor another client")
    func behindProxy() async throws {
        let (store, app) = try await Self.server(trusting: ["127.0.0.1", "::1"])
        try await app.test(.live) { client in
            for _ in 0..<5 {
                #expect(
                    try await Self.attempt(
                        client, email: "anna@example.se", password: "wrong", forwardedFor: "203.0.113.7")
                        == .unauthorized)
            }
            #expect(
                try await Self.attempt(client, email: "anna@example.se", password: "wrong", forwardedFor: "203.0.113.7")
                    == .tooManyRequests)
            // Another account from the same client, and from another client, still signs in.
            #expect(
                try await Self.attempt(
                    client, email: "bo@example.se", password: SignInTests.password, forwardedFor: "203.0.113.7")
                    == .seeOther)
            #expect(
                try await Self.attempt(
                    client, email: "bo@example.se", password: SignInTests.password, forwardedFor: "198.51.100.2")
                    == .seeOther)
            // A client trying many accounts is stopped after twenty, another client is not.
            for index in 0..<20 {
                _ = try await Self.attempt(
                    client, email: "nobody\(index)@example.se", password: "wrong", forwardedFor: "192.0.2.9")
            }
            #expect(
                try await Self.attempt(
                    client, email: "bo@example.se", password: SignInTests.password, forwardedFor: "192.0.2.9")
                    == .tooManyRequests)
            #expect(
                try await Self.attempt(
                    client, email: "bo@example.se", password: SignInTests.password, forwardedFor: "198.51.100.3")
                    == .seeOther)
        }
        await store.close()
    }

    @Test("Without a trusted proxy, X-Forwarded-For is ignored: a forged header escapes nothing")
    func forgedHeader() async throws {
        let (store, app) = try await Self.server()
        try await app.test(.live) { client in
            for index in 0..<20 {
                _ = try await Self.attempt(
                    client, email: "nobody\(index)@example.se", password: "wrong", forwardedFor: "192.0.2.\(index)")
            }
            #expect(
                try await Self.attempt(
                    client, email: "bo@example.se", password: SignInTests.password, forwardedFor: "198.51.100.3")
                    == .tooManyRequests)
        }
        await store.close()
    }

    @Test("The client behind proxies: the last address not a trusted proxy; ranges parsed or refused by name")
    func forwardedFor() throws {
        let proxies = try TrustedProxies(parsing: ["10.0.0.0/8", "::1"])
        #expect(proxies.client(peer: "10.1.2.3", forwardedFor: ["198.51.100.1, 203.0.113.5"]) == "203.0.113.5")
        #expect(proxies.client(peer: "10.1.2.3", forwardedFor: ["203.0.113.5, 10.9.9.9"]) == "203.0.113.5")
        #expect(proxies.client(peer: "192.0.2.1", forwardedFor: ["203.0.113.5"]) == "192.0.2.1")
        #expect(proxies.client(peer: "::1", forwardedFor: ["not an address"]) == "::1")
        #expect(proxies.client(peer: "::ffff:10.0.0.1", forwardedFor: ["2001:db8::1"]) == "2001:db8:0:0:0:0:0:1")
        for bad in ["10.0.0.0/33", "example.se", "10.0.0.0/", "/8", "10.0.0.0/8/8", "", "1.2.3.4/+8"] {
            #expect(throws: TrustedProxyError.self) { try TrustedProxies(parsing: [bad]) }
        }
    }
}

/// A connection of its own to a live test server, with a read timeout long enough for a machine
/// that runs every suite at once.
enum OwnConnection {
    static func using<T: Sendable>(port: Int, _ body: (SignInLimitTests.Exchange) async throws -> T) async throws -> T {
        let client = TestClient(host: "localhost", port: port, configuration: .init(timeout: .seconds(120)))
        client.connect()
        let exchange: SignInLimitTests.Exchange = { uri, method, headers, body in
            var headers = headers
            headers[.connection] = "keep-alive"
            let response = try await client.execute(
                TestClient.Request(uri, method: method, authority: "localhost", headers: headers, body: body))
            return (response.head.status, response.head.headerFields, response.body ?? ByteBuffer())
        }
        do {
            let value = try await body(exchange)
            try await client.shutdown()
            return value
        } catch {
            try await client.shutdown()
            throw error
        }
    }
}
