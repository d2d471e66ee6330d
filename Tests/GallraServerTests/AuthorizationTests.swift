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
@Suite("The API: every route for every role", .acting())
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
                allowed: everyone.union([.support])),
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
            Route(method: .post, path: "/api/v1/requests/\(request)/complete", body: "{}", allowed: everyone),
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
        ]
    }

    @Test("401 without a token, 403 where the role may not, served where it may")
    func everyRouteEveryRole() async throws {
        let test = try await TestStore.make(.sqlite)
        let store = try await Acting.as(.user("setup")) { try await test.openWithRegister() }
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
        let issued = tokens
        let app = buildApplication(store: store, configuration: ServerConfiguration())
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
        // What the server did is written under the token that did it.
        let actors = try await test.rows("SELECT DISTINCT actor FROM audit_log WHERE action = 'subject.add'").map {
            try $0.decode(column: "actor", as: String.self)
        }
        #expect(Set(actors) == ["user:setup", "token:admin", "token:officer", "token:support"])
        await store.close()
    }

    @Test("A revoked token is refused; unknown fields and oversized bodies are refused, not ignored")
    func refusals() async throws {
        let test = try await TestStore.make(.sqlite)
        let store = try await Acting.as(.user("setup")) { try await test.openWithRegister() }
        let gallra = Gallra(store: store)
        let token = try await gallra.createToken(
            name: "crm", access: Access(role: .privacyOfficer), by: .user("setup"))
        let app = buildApplication(store: store, configuration: ServerConfiguration())
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
}
