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

/// Every route of `/api/v1` for every role: 401 without a token, 403 where the role may not, and
/// neither where it may (`shared/spec/server.md`: people and programs).
@Suite("The API: every route for every role")
struct AuthorizationTests {
    enum Caller: String, CaseIterable {
        case admin, officer, support, auditor
    }

    struct Route {
        let method: HTTPRequest.Method
        let path: String
        let body: String?
        let allowed: Set<Caller>
    }

    /// What the spec allows, written out route by route (not derived from the code's own table).
    static func routes(anna: String, bo: String, request: String, incident: String, serial: Int) -> [Route] {
        let everyone: Set<Caller> = [.admin, .officer]
        return [
            Route(method: .get, path: "/api/v1/register", body: nil, allowed: everyone.union([.auditor])),
            Route(method: .get, path: "/api/v1/subjects/\(anna)", body: nil, allowed: everyone.union([.support])),
            Route(method: .get, path: "/api/v1/subjects/bo@example.se", body: nil, allowed: everyone),
            Route(
                method: .post, path: "/api/v1/subjects", body: #"{"email": "new\#(serial)@example.se"}"#,
                allowed: everyone),
            Route(
                method: .post, path: "/api/v1/records",
                body: #"{"subject": "\#(anna)", "activity": "support", "category": "case_content", "value": "x"}"#,
                allowed: everyone.union([.support])),
            Route(
                method: .post, path: "/api/v1/records",
                body: #"{"subject": "\#(bo)", "activity": "customer-purchases", "category": "billing", "value": "x"}"#,
                allowed: everyone),
            Route(
                method: .post, path: "/api/v1/events",
                body: #"{"subject": "\#(anna)", "activity": "support", "events": {"contract.end": "2026-01-31"}}"#,
                allowed: everyone.union([.support])),
            Route(method: .get, path: "/api/v1/requests", body: nil, allowed: everyone.union([.support])),
            Route(
                method: .post, path: "/api/v1/requests", body: #"{"kind": "access", "subject": "\#(anna)"}"#,
                allowed: everyone.union([.support])),
            Route(method: .get, path: "/api/v1/requests/\(request)", body: nil, allowed: everyone),
            Route(
                method: .post, path: "/api/v1/requests/\(request)/verify", body: #"{"how": "BankID"}"#,
                allowed: everyone),
            Route(
                method: .post, path: "/api/v1/requests/\(request)/extend", body: #"{"reason": "Många ärenden"}"#,
                allowed: everyone),
            Route(
                method: .post, path: "/api/v1/requests/\(request)/scope",
                body: #"{"activities": ["customer-purchases"], "reason": "Gäller köpen"}"#, allowed: everyone),
            Route(method: .post, path: "/api/v1/requests/\(request)/complete", body: "{}", allowed: everyone),
            Route(
                method: .post, path: "/api/v1/requests/\(request)/refuse",
                body: #"{"ground": "excessive", "reason": "Upprepad"}"#, allowed: everyone),
            Route(method: .get, path: "/api/v1/incidents", body: nil, allowed: everyone),
            Route(
                method: .post, path: "/api/v1/incidents", body: #"{"description": "Fel mottagare"}"#, allowed: everyone),
            Route(method: .get, path: "/api/v1/incidents/\(incident)", body: nil, allowed: everyone),
            Route(method: .patch, path: "/api/v1/incidents/\(incident)", body: #"{"risk": "none"}"#, allowed: everyone),
            Route(
                method: .post, path: "/api/v1/incidents/\(incident)/notification",
                body: #"{"no_imy_reason": "Ingen risk"}"#, allowed: everyone),
            Route(method: .post, path: "/api/v1/incidents/\(incident)/close", body: nil, allowed: everyone),
            Route(method: .get, path: "/api/v1/forecast?days=30", body: nil, allowed: everyone),
            Route(method: .post, path: "/api/v1/sweep", body: #"{"dry_run": true}"#, allowed: everyone),
            Route(method: .get, path: "/api/v1/audit/verify", body: nil, allowed: everyone.union([.auditor])),
            Route(
                method: .get, path: "/api/v1/audit?subject=\(anna)&since=2020-01-01&limit=10", body: nil,
                allowed: everyone.union([.auditor])),
        ]
    }

    @Test("401 without a token, 403 where the role may not, served where it may")
    func everyRouteEveryRole() async throws {
        let test = try await TestStore.make(.sqlite)
        let store = try await test.openWithRegister()
        let gallra = Gallra(store: store)
        let setup = Party.user("setup")
        var tokens: [Caller: String] = [:]
        for caller in Caller.allCases {
            let access: Access =
                switch caller {
                case .admin: Access(role: .admin)
                case .officer: Access(role: .privacyOfficer)
                case .support: Access(role: .support, activities: ["support"])
                case .auditor: Access(role: .auditor)
                }
            tokens[caller] = try await gallra.createToken(name: caller.rawValue, access: access, by: setup)
        }
        let (anna, bo) = try await Self.people(gallra, by: setup)
        let issued = tokens
        let app = buildApplication(gallra: Gallra(store: store), configuration: ServerConfiguration())
        try await app.test(.router) { client in
            var serial = 0
            for caller in [nil] + Caller.allCases.map(Optional.some) {
                // Fresh request and incident for each caller, so that one caller's change does not
                // decide another's answer.
                let request = try await gallra.openRequest(.erasure, subject: bo, by: setup)
                let incident = try await gallra.openIncident(aware: Date(), description: "Test", by: setup).incident.id
                for route in Self.routes(anna: anna, bo: bo, request: request, incident: incident, serial: serial) {
                    serial += 1
                    var headers: HTTPFields = [.contentType: "application/json"]
                    if let caller { headers[.authorization] = "Bearer \(issued[caller]!)" }
                    let response = try await client.execute(
                        uri: route.path, method: route.method, headers: headers,
                        body: route.body.map { ByteBuffer(string: $0) })
                    let label = "\(route.method) \(route.path) as \(caller?.rawValue ?? "nobody")"
                    guard let caller else {
                        #expect(response.status == .unauthorized, "\(label)")
                        continue
                    }
                    if route.allowed.contains(caller) {
                        #expect(
                            response.status != .forbidden && response.status != .unauthorized
                                && response.status.code < 500,
                            "\(label): \(response.status) \(String(buffer: response.body))")
                    } else {
                        #expect(response.status == .forbidden, "\(label): \(response.status)")
                    }
                }
            }
        }
        // What the server did is written under the token that did it (support adds nobody bare).
        let actors = try await test.rows("SELECT DISTINCT actor FROM audit_log WHERE action = 'subject.add'").map {
            try $0.decode(column: "actor", as: String.self)
        }
        #expect(Set(actors) == ["user:setup", "token:admin", "token:officer"])
        await store.close()
    }

    @Test("A revoked token is refused; unknown fields and oversized bodies are refused, not ignored")
    func refusals() async throws {
        let test = try await TestStore.make(.sqlite)
        let store = try await test.openWithRegister()
        let gallra = Gallra(store: store)
        let token = try await gallra.createToken(
            name: "crm", access: Access(role: .privacyOfficer), by: .user("setup"))
        let app = buildApplication(gallra: Gallra(store: store), configuration: ServerConfiguration())
        try await app.test(.router) { client in
            let headers: HTTPFields = [.authorization: "Bearer \(token)", .contentType: "application/json"]
            let misspelt = try await client.execute(
                uri: "/api/v1/subjects", method: .post, headers: headers,
                body: ByteBuffer(string: #"{"emial": "anna@example.se"}"#))
            #expect(misspelt.status == .unprocessableContent)
            #expect(String(buffer: misspelt.body).contains(#"Unknown field \"emial\""#))
            let huge = try await client.execute(
                uri: "/api/v1/subjects", method: .post, headers: headers,
                body: ByteBuffer(string: #"{"name": ""# + String(repeating: "x", count: 100_000) + #""}"#))
            #expect(huge.status == .contentTooLarge)
            let openAPI = try await client.execute(uri: "/api/v1/openapi.json", method: .get)
            let document = try JSONSerialization.jsonObject(with: Data(buffer: openAPI.body)) as? [String: Any]
            #expect(document?["openapi"] as? String == "3.0.3")
            try await gallra.revokeToken(name: "crm", by: .user("setup"))
            let revoked = try await client.execute(uri: "/api/v1/requests", method: .get, headers: headers)
            #expect(revoked.status == .unauthorized)
        }
        #expect(try await test.rows("SELECT id FROM subjects").isEmpty, "the refused bodies stored nobody")
        await store.close()
    }

    /// The admin UI's pages, as what each role may see is written in the spec.
    static func pages(request: String, anna: String, bo: String) -> [Route] {
        let officers: Set<Caller> = [.admin, .officer]
        return [
            Route(method: .get, path: "/admin", body: nil, allowed: officers.union([.support, .auditor])),
            Route(
                method: .post, path: "/admin/subjects", body: "q=anna%40example.se", allowed: officers.union([.support])
            ),
            Route(method: .post, path: "/admin/subjects", body: "q=bo%40example.se", allowed: officers),
            Route(method: .get, path: "/admin/subjects/\(anna)", body: nil, allowed: officers.union([.support])),
            Route(method: .get, path: "/admin/subjects/\(bo)", body: nil, allowed: officers),
            Route(method: .post, path: "/admin/subjects", body: "q=Anna+Andersson", allowed: officers),
            Route(method: .post, path: "/admin/retention/dry-run", body: "x=1", allowed: officers),
            Route(method: .post, path: "/admin/retention/sweep", body: "x=1", allowed: officers),
            Route(
                method: .post, path: "/admin/subjects/\(anna)/export", body: "x=1", allowed: officers.union([.support])),
            Route(method: .post, path: "/admin/subjects/\(bo)/export", body: "x=1", allowed: officers),
            Route(method: .get, path: "/admin/requests", body: nil, allowed: officers.union([.support])),
            Route(method: .get, path: "/admin/requests/\(request)", body: nil, allowed: officers),
            Route(method: .post, path: "/admin/requests/\(request)/tasks/crm/done", body: "x=1", allowed: officers),
            Route(method: .get, path: "/admin/incidents", body: nil, allowed: officers),
            Route(method: .get, path: "/admin/register", body: nil, allowed: officers.union([.auditor])),
            Route(method: .post, path: "/admin/register/review", body: "yaml=x", allowed: officers),
            Route(method: .post, path: "/admin/register/import", body: "table=x", allowed: officers),
        ]
    }

    @Test("The admin UI: to the sign-in page without a session, 403 where the role may not")
    func everyPageEveryRole() async throws {
        let test = try await TestStore.make(.sqlite)
        let store = try await test.openWithRegister()
        let gallra = Gallra(store: store)
        let setup = Party.user("setup")
        let password = "a password of some length"
        let accesses: [(Caller, Access)] = [
            (.admin, Access(role: .admin)), (.officer, Access(role: .privacyOfficer)),
            (.support, Access(role: .support, activities: ["support"])), (.auditor, Access(role: .auditor)),
        ]
        for (caller, access) in accesses {
            _ = try await gallra.addUser(
                email: "\(caller.rawValue)@example.se", access: access, password: password, by: setup)
        }
        let (anna, bo) = try await Self.people(gallra, by: setup)
        let request = try await gallra.openRequest(.erasure, subject: bo, by: setup)
        let app = buildApplication(gallra: Gallra(store: store), configuration: ServerConfiguration())
        try await app.test(.router) { client in
            for route in Self.pages(request: request, anna: anna, bo: bo) {
                let response = try await client.execute(
                    uri: route.path, method: route.method,
                    headers: [.contentType: "application/x-www-form-urlencoded"],
                    body: route.body.map { ByteBuffer(string: $0) })
                #expect(response.status == .seeOther, "\(route.path) without a session")
                #expect(response.headers[.location] == "/admin/login")
            }
            for (caller, _) in accesses {
                let cookie = try await Self.signIn(client, email: "\(caller.rawValue)@example.se", password: password)
                let csrf = try await Self.csrf(client, cookie: cookie)
                for route in Self.pages(request: request, anna: anna, bo: bo) {
                    let body = route.body.map { "\($0)&csrf=\(csrf)" }
                    let response = try await client.execute(
                        uri: route.path, method: route.method,
                        headers: [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"],
                        body: body.map { ByteBuffer(string: $0) })
                    let label = "\(route.method) \(route.path) as \(caller.rawValue)"
                    if route.allowed.contains(caller) {
                        // Allowed: anything but a refusal or the way back to the sign-in page (a
                        // form may answer with a redirect to what it started).
                        #expect(
                            response.status != .forbidden && response.headers[.location] != "/admin/login"
                                && response.status.code < 500, "\(label): \(response.status)")
                    } else {
                        #expect(response.status == .forbidden, "\(label): \(response.status)")
                        #expect(response.headers[.contentType]?.hasPrefix("text/html") == true, "a page, not JSON")
                    }
                }
            }
        }
        await store.close()
    }

    /// Anna with a support case (support's activity), Bo with a purchase (not support's).
    static func people(_ gallra: Gallra, by setup: Party) async throws -> (anna: String, bo: String) {
        let anna = try await gallra.addSubject(NewSubject(email: "anna@example.se"), by: setup)
        let bo = try await gallra.addSubject(NewSubject(email: "bo@example.se"), by: setup)
        _ = try await gallra.addRecords(
            [
                NewRecord(
                    subject: anna, activity: "support", category: "case_content", value: "Ärende", collected: Date()),
                NewRecord(
                    subject: bo, activity: "customer-purchases", category: "billing", value: "Faktura",
                    collected: Date()),
            ], by: setup)
        return (anna, bo)
    }

    /// Signs in through the form as a browser would; returns the session cookie.
    static func signIn(_ client: some TestClientProtocol, email: String, password: String) async throws -> String {
        let form = try await client.execute(uri: "/admin/login", method: .get)
        let page = String(buffer: form.body)
        let token = try #require(page.firstMatch(of: /name="csrf" value="([^"]+)"/)?.1)
        let signInCookie = try #require(form.headers[.setCookie]?.split(separator: ";").first)
        let body =
            "csrf=\(token)&email=\(email.replacingOccurrences(of: "@", with: "%40"))&password=\(password.replacingOccurrences(of: " ", with: "+"))"
        let response = try await client.execute(
            uri: "/admin/login", method: .post,
            headers: [.cookie: String(signInCookie), .contentType: "application/x-www-form-urlencoded"],
            body: ByteBuffer(string: body))
        #expect(response.status == .seeOther, "\(email) signs in")
        let session = response.headers[values: .setCookie].first { $0.hasPrefix("gallra_session=") }
        return String(try #require(session?.split(separator: ";").first))
    }

    /// The session's anti-forgery token, read from a page's form.
    static func csrf(_ client: some TestClientProtocol, cookie: String) async throws -> String {
        let page = try await client.execute(uri: "/admin", method: .get, headers: [.cookie: cookie])
        return String(try #require(String(buffer: page.body).firstMatch(of: /name="csrf" value="([^"]+)"/)?.1))
    }
}
