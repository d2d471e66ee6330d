import Foundation
import GallraCore
import GallraServer
import GallraServices
import GallraTestSupport
import Hummingbird
import HummingbirdTesting
import Testing

/// Users and API tokens over the API (admins): what another program needs to manage them, with
/// refusals a person can read.
@Suite("Users and tokens over the API")
struct PeopleAPITests {
    static func json(_ response: TestResponse) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(buffer: response.body))
    }

    @Test("An admin token adds, changes, disables and resets a user, and manages tokens; others are refused")
    func usersAndTokens() async throws {
        let test = try await TestStore.make(.sqlite)
        let store = try await test.openWithRegister()
        let gallra = Gallra(store: store)
        let setup = Party.user("setup")
        let admin = try await gallra.createToken(name: "it-admin", access: Access(role: .admin), by: setup)
        let officer = try await gallra.createToken(name: "dpo", access: Access(role: .privacyOfficer), by: setup)
        let app = buildApplication(gallra: gallra, configuration: ServerConfiguration())
        try await app.test(.router) { client in
            let adminToken = admin
            func call(_ method: HTTPRequest.Method, _ uri: String, _ body: String? = nil, token: String? = nil)
                async throws -> TestResponse
            {
                try await client.execute(
                    uri: uri, method: method,
                    headers: [.authorization: "Bearer \(token ?? adminToken)", .contentType: "application/json"],
                    body: body.map { ByteBuffer(string: $0) })
            }
            let added = try await call(
                .post, "/api/v1/users", #"{"email": "Lena@example.se", "role": "support", "activities": ["support"]}"#)
            #expect(added.status == .created, "\(String(buffer: added.body))")
            let user = try #require(try Self.json(added) as? [String: Any])
            let id = try #require(user["id"] as? String)
            #expect(user["email"] as? String == "lena@example.se")
            #expect((user["password"] as? String)?.count == 20, "the one-time password, once")
            #expect(user["must_change_password"] as? Bool == true)

            let listed = try await call(.get, "/api/v1/users")
            #expect(listed.status == .ok)
            #expect(!String(buffer: listed.body).contains("\"password\""), "never a password in a list")

            let changed = try await call(.patch, "/api/v1/users/\(id)", #"{"role": "auditor", "disabled": true}"#)
            #expect(changed.status == .ok, "\(String(buffer: changed.body))")
            let after = try #require(try Self.json(changed) as? [String: Any])
            #expect(after["role"] as? String == "auditor")
            #expect(after["disabled"] as? Bool == true)

            let invited = try await call(.post, "/api/v1/users/\(id)/reset-password", #"{"invite": true}"#)
            #expect(invited.status == .ok)
            let link = try #require((try Self.json(invited) as? [String: Any])?["invitation"] as? String)
            #expect(link.hasPrefix("http://127.0.0.1:8080/invitation/gallra_"))

            let ended = try await call(.post, "/api/v1/users/\(id)/end-sessions")
            #expect(ended.status == .ok)
            #expect((try Self.json(ended) as? [String: Any])?["ended"] as? Int == 0)

            // Readable refusals, never a 500.
            for (method, uri, body, status) in [
                (
                    HTTPRequest.Method.post, "/api/v1/users", #"{"email": "x", "role": "admin"}"#,
                    HTTPResponse.Status.unprocessableContent
                ),
                (.post, "/api/v1/users", #"{"email": "a@b.se", "role": "king"}"#, .unprocessableContent),
                (.post, "/api/v1/users", #"{"email": "a@b.se", "role": "support"}"#, .unprocessableContent),
                (.post, "/api/v1/users", #"{"email": "lena@example.se", "role": "auditor"}"#, .conflict),
                (.patch, "/api/v1/users/\(id)", #"{}"#, .unprocessableContent),
                (.patch, "/api/v1/users/\(id)", #"{"activities": ["support"]}"#, .unprocessableContent),
                (.patch, "/api/v1/users/nobody", #"{"disabled": false}"#, .notFound),
                (.post, "/api/v1/tokens", #"{"name": "Bad Name", "role": "admin"}"#, .unprocessableContent),
                (.delete, "/api/v1/tokens/unknown", nil, .notFound),
            ] {
                let answer = try await call(method, uri, body)
                #expect(answer.status == status, "\(method) \(uri) \(body ?? ""): \(String(buffer: answer.body))")
                #expect(String(buffer: answer.body).contains("\"message\""))
            }

            let token = try await call(.post, "/api/v1/tokens", #"{"name": "crm-sync", "role": "auditor"}"#)
            #expect(token.status == .created)
            let secret = try #require((try Self.json(token) as? [String: Any])?["token"] as? String)
            #expect(try await call(.get, "/api/v1/register", token: secret).status == .ok)
            let tokens = try await call(.get, "/api/v1/tokens")
            #expect(String(buffer: tokens.body).contains("crm-sync"))
            #expect(!String(buffer: tokens.body).contains(secret), "never a token's secret in a list")
            #expect(try await call(.delete, "/api/v1/tokens/crm-sync").status == .noContent)
            #expect(try await call(.get, "/api/v1/register", token: secret).status == .unauthorized)

            #expect(try await call(.get, "/api/v1/users", token: officer).status == .forbidden)
            #expect(try await call(.get, "/api/v1/tokens", token: officer).status == .forbidden)
            let document = try await client.execute(uri: "/api/v1/openapi.json", method: .get)
            for path in ["/api/v1/users/{id}/reset-password", "/api/v1/tokens/{name}", "\"UserHandover\""] {
                #expect(String(buffer: document.body).contains(path))
            }
        }
        await store.close()
    }
}
