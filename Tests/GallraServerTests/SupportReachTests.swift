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

/// A support token limited to its activities, through the API: what it writes never widens what
/// it reads, and no answer tells whether a person is known under other activities.
@Suite("Support stays within its activities")
struct SupportReachTests {
    struct Answer: Equatable, CustomStringConvertible {
        let status: HTTPResponse.Status
        let body: String
        var description: String { "\(status.code) \(body)" }
    }

    static func call(
        _ client: some TestClientProtocol, _ method: HTTPRequest.Method, _ path: String, token: String,
        body: String? = nil
    ) async throws -> Answer {
        let response = try await client.execute(
            uri: path, method: method,
            headers: [.authorization: "Bearer \(token)", .contentType: "application/json"],
            body: body.map { ByteBuffer(string: $0) })
        // Ids differ from person to person; what the answer says otherwise must not.
        let text = String(buffer: response.body).replacing(
            /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/, with: "ID")
        return Answer(status: response.status, body: text)
    }

    @Test(
        "A record written for a person known elsewhere shows support only its own activity; the answers are those for a stranger",
        arguments: TestBackend.available)
    func writesDoNotWidenReads(backend: TestBackend) async throws {
        let test = try await TestStore.make(backend)
        let store = try await test.openWithRegister()
        let gallra = Gallra(store: store)
        let setup = Party.user("setup")
        // Known to the shop, with name, phone and personnummer; never in support.
        let known = try await gallra.addSubject(
            NewSubject(
                email: "karin@example.se", name: "Karin Kund", phone: "070-123 45 67",
                personalNumber: "19811218-9876"), by: setup)
        _ = try await gallra.addRecord(
            NewRecord(
                subject: known, activity: "customer-purchases", category: "billing", value: "Faktura 17",
                collected: Date()), by: setup)
        let token = try await gallra.createToken(
            name: "support", access: Access(role: .support, activities: ["support"]), by: setup)
        let app = buildApplication(gallra: Gallra(store: store), configuration: ServerConfiguration())
        try await app.test(.router) { client in
            var answers: [String: [Answer]] = [:]
            for email in ["karin@example.se", "stranger@example.se"] {
                answers[email] = [
                    try await Self.call(
                        client, .post, "/api/v1/events", token: token,
                        body:
                            #"{"subject": "\#(email)", "activity": "support", "events": {"contract.end": "2026-01-31"}}"#
                    ),
                    try await Self.call(client, .get, "/api/v1/subjects/\(email)", token: token),
                    try await Self.call(
                        client, .post, "/api/v1/subjects", token: token, body: #"{"email": "\#(email)"}"#),
                    try await Self.call(
                        client, .post, "/api/v1/records", token: token,
                        body:
                            #"{"subject": "\#(email)", "activity": "support", "category": "case_content", "value": "Ärende 4"}"#
                    ),
                ]
            }
            #expect(answers["karin@example.se"] == answers["stranger@example.se"])
            #expect(answers["karin@example.se"]?.last?.status == .created)

            // An access request support opens and completes: the copy it is answered with holds
            // only what its activity holds (the person's own copy is another matter).
            let opened = try await Self.call(
                client, .post, "/api/v1/requests", token: token,
                body: #"{"kind": "access", "subject": "karin@example.se"}"#)
            #expect(opened.status == .created, "\(opened)")
            let id = try #require(
                try await gallra.pendingRequests(on: ZonedCalendar.stockholm.localDate(of: Date()), by: setup).first?.id
            )
            _ = try await Self.call(
                client, .post, "/api/v1/requests/\(id)/verify", token: token, body: #"{"how": "BankID"}"#)
            let completed = try await Self.call(
                client, .post, "/api/v1/requests/\(id)/complete", token: token, body: "{}")
            #expect(completed.status == .ok, "\(completed)")
            #expect(completed.body.contains("Ärende 4"))
            for given in ["Karin Kund", "19811218", "Faktura 17", "customer-purchases"] {
                #expect(!completed.body.contains(given), "\(given) was given under another activity")
            }

            let export = try await Self.call(client, .get, "/api/v1/subjects/karin@example.se", token: token)
            #expect(export.status == .ok)
            #expect(export.body.contains("Ärende 4"), "support sees what its activity holds")
            for given in ["Karin Kund", "070", "19811218", "811218", "Faktura 17", "customer-purchases"] {
                #expect(!export.body.contains(given), "\(given) was given under another activity: \(export.body)")
            }
        }
        // The write went to the person the shop knows: an erasure or an access request finds it.
        let full = try await gallra.exportSubject("karin@example.se", by: setup)
        #expect(Set(full.records.map(\.activity.id)) == ["customer-purchases", "support"])
        #expect(full.name == "Karin Kund")
        await store.close()
    }

    @Test("A request refused for support writes nothing", arguments: TestBackend.available)
    func refusedRequestWritesNothing(backend: TestBackend) async throws {
        let test = try await TestStore.make(backend)
        let store = try await test.openWithRegister()
        let gallra = Gallra(store: store)
        let setup = Party.user("setup")
        let anna = try await gallra.addSubject(NewSubject(email: "anna@example.se"), by: setup)
        _ = try await gallra.addRecord(
            NewRecord(subject: anna, activity: "support", category: "case_content", value: "Ärende", collected: Date()),
            by: setup)
        let token = try await gallra.createToken(
            name: "support", access: Access(role: .support, activities: ["support"]), by: setup)
        let before = try await test.rows("SELECT COUNT(*) AS n FROM requests")[0].decode(column: "n", as: Int.self)
        let app = buildApplication(gallra: Gallra(store: store), configuration: ServerConfiguration())
        try await app.test(.router) { client in
            for body in [
                #"{"kind": "access", "subject": "anna@example.se", "activities": []}"#,
                #"{"kind": "access", "subject": "anna@example.se", "activities": ["customer-purchases"]}"#,
                #"{"kind": "access", "subject": "anna@example.se", "channel": "pigeon"}"#,
            ] {
                let answer = try await Self.call(client, .post, "/api/v1/requests", token: token, body: body)
                #expect((400..<500).contains(answer.status.code), "\(body): \(answer)")
            }
        }
        let after = try await test.rows("SELECT COUNT(*) AS n FROM requests")[0].decode(column: "n", as: Int.self)
        #expect(after == before)
        await store.close()
    }
}
