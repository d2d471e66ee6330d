import Foundation
import GallraCore
import GallraServer
import GallraServices
import GallraStore
import GallraTestSupport
import Hummingbird
import HummingbirdTesting
import Testing

/// The incident register over HTTP, through the application the executable runs.
@Suite("The incident API")
struct IncidentAPITests {
    /// A fresh SQLite store with the Swedish example register, and the headers of a privacy
    /// officer's token.
    static func store() async throws -> (Store, HTTPFields) {
        let store = try await TestStore.make(.sqlite).openWithRegister()
        let token = try await Gallra(store: store).createToken(
            name: "ticketing", access: Access(role: .privacyOfficer), by: .user("setup"))
        return (store, [.authorization: "Bearer \(token)", .contentType: "application/json"])
    }

    static func json(_ response: TestResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
    }

    static func message(_ response: TestResponse) throws -> String {
        try #require((try json(response)["error"] as? [String: Any])?["message"] as? String)
    }

    @Test("An incident's life over HTTP: open, the clock, a late notification, closing")
    func lifecycle() async throws {
        let (store, authorised) = try await Self.store()
        let subject = try await store.work(by: .user("setup")) {
            try await store.subjects.add(email: "anna@example.se")
        }
        let app = buildApplication(gallra: Gallra(store: store), configuration: ServerConfiguration())
        try await app.test(.router) { client in
            let created = try await client.execute(
                uri: "/api/v1/incidents", method: .post, headers: authorised,
                body: ByteBuffer(
                    string:
                        #"{"aware": "2026-03-27T10:00:00+01:00", "description": "Fel mottagare", "data_categories": ["email"], "affected": ["anna@example.se"]}"#
                ))
            #expect(created.status == .created)
            let incident = try Self.json(created)
            let id = try #require(incident["id"] as? String)
            #expect(incident["notify_by"] as? String == "2026-03-30T11:00:00+02:00")
            #expect(incident["affected_subjects"] as? Int == 1)

            let late = try await client.execute(
                uri: "/api/v1/incidents/\(id)/notification", method: .post, headers: authorised,
                body: ByteBuffer(string: #"{"imy": "2026-03-30T12:00:00+02:00"}"#))
            #expect(late.status == .unprocessableContent)
            #expect(try Self.message(late).contains("give the reasons for the delay (Art. 33(1))"))
            let notified = try await client.execute(
                uri: "/api/v1/incidents/\(id)/notification", method: .post, headers: authorised,
                body: ByteBuffer(string: #"{"imy": "2026-03-30T12:00:00+02:00", "delay_reasons": "Helgen"}"#))
            #expect(notified.status == .ok)
            #expect(try Self.json(notified)["delay_reasons"] as? String == "Helgen")

            let early = try await client.execute(
                uri: "/api/v1/incidents/\(id)/close", method: .post, headers: authorised)
            #expect(early.status == .unprocessableContent)
            let refusal = try Self.message(early)
            #expect(refusal.contains("the risk assessment and its reasoning") && !refusal.contains(id))
            #expect(
                try Self.json(
                    try await client.execute(uri: "/api/v1/incidents/\(id)", method: .get, headers: authorised))[
                        "missing"] as? [String] == [
                        "nature", "discovery", "categories", "numbers", "consequences", "measures", "contact_point",
                        "risk",
                        "people_decision",
                    ])
            let assessed = try await client.execute(
                uri: "/api/v1/incidents/\(id)", method: .patch, headers: authorised,
                body: ByteBuffer(
                    string:
                        #"{"risk": "high", "risk_reasoning": "Adresser röjda", "measures": "Nya rutiner", "nature": ["confidentiality"], "discovered_how": "Kund ringde", "subject_categories": ["customers"], "approximate_subjects": 1, "approximate_records": 1, "consequences": "Skräppost", "contact_point": "dpo@exempel.se"}"#
                ))
            #expect(assessed.status == .ok)
            #expect(try Self.json(assessed)["missing"] as? [String] == ["people_decision"])
            let badNature = try await client.execute(
                uri: "/api/v1/incidents/\(id)", method: .patch, headers: authorised,
                body: ByteBuffer(string: #"{"nature": ["secrecy"]}"#))
            #expect(badNature.status == .unprocessableContent)
            #expect(try Self.message(badNature).contains("confidentiality, integrity or availability"))

            let noReason = try await client.execute(
                uri: "/api/v1/incidents/\(id)/people", method: .post, headers: authorised,
                body: ByteBuffer(string: #"{"decision": "exempt", "exemption": "a"}"#))
            #expect(noReason.status == .unprocessableContent)
            #expect(try Self.message(noReason) == "Say why Art. 34(3)(a) applies.")
            let told = try await client.execute(
                uri: "/api/v1/incidents/\(id)/people", method: .post, headers: authorised,
                body: ByteBuffer(string: #"{"decision": "tell"}"#))
            #expect(told.status == .ok)
            let messages = try #require(try Self.json(told)["messages"] as? [[String: Any]])
            #expect(messages.count == 1 && messages[0]["state"] as? String == "queued")
            #expect(messages[0]["subject"] as? String == subject && messages[0]["language"] as? String == "sv")
            #expect(try Self.json(told)["missing"] as? [String] == ["messages_pending"])
            let pending = try await client.execute(
                uri: "/api/v1/incidents/\(id)/close", method: .post, headers: authorised)
            #expect(try Self.message(pending).contains("the messages to the people affected are not all sent"))
            // The sender hands them to the transport (the browser test sends them by SMTP).
            try await store.work(by: .system("mail")) {
                for message in try await store.outbox.due() { try await store.outbox.markSent(message.id) }
            }

            let versions = try await client.execute(
                uri: "/api/v1/incidents/\(id)/versions", method: .get, headers: authorised)
            let list = try #require(
                try JSONSerialization.jsonObject(with: Data(buffer: versions.body)) as? [[String: Any]])
            #expect(list.map { $0["version"] as? Int } == [1, 2])
            #expect((list[1]["changed"] as? [String])?.contains("risk_reasoning") == true)
            #expect(list[1]["actor"] as? String == "token:ticketing")

            let closed = try await client.execute(
                uri: "/api/v1/incidents/\(id)/close", method: .post, headers: authorised)
            #expect(try Self.json(closed)["closed"] is String)

            let csv = try await client.execute(
                uri: "/api/v1/incident-register?format=csv&lang=sv", method: .get, headers: authorised)
            #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(String(buffer: csv.body).contains("Sannolika konsekvenser"))
            #expect(String(buffer: csv.body).contains("Skräppost"))
            let html = try await client.execute(
                uri: "/api/v1/incident-register?lang=en", method: .get, headers: authorised)
            #expect(String(buffer: html.body).contains("Incident register – Exempel Programvara AB"))
            #expect(String(buffer: html.body).contains("Likely consequences"))
            let badFormat = try await client.execute(
                uri: "/api/v1/incident-register?format=pdf", method: .get, headers: authorised)
            #expect(badFormat.status == .unprocessableContent)
            #expect(try Self.message(badFormat) == "\"format\" is csv or html.")

            let document = try await client.execute(uri: "/api/v1/openapi.json", method: .get)
            for path in [
                "/api/v1/incidents/{id}/people", "/api/v1/incidents/{id}/versions", "/api/v1/incident-register",
            ] {
                #expect(String(buffer: document.body).contains("\"\(path)\""))
            }

            let open = try await client.execute(uri: "/api/v1/incidents?open=true", method: .get, headers: authorised)
            #expect(String(buffer: open.body) == "[]")
        }
        #expect(
            try await store.work(by: .user("test")) { try await store.subjects.export(subject) }.incidents.count == 1)
        await store.close()
    }

    @Test("Without the token, with bad input or an unknown id: a 4xx with a readable body")
    func refusals() async throws {
        let (store, authorised) = try await Self.store()
        let app = buildApplication(gallra: Gallra(store: store), configuration: ServerConfiguration())
        try await app.test(.router) { client in
            let anonymous = try await client.execute(uri: "/api/v1/incidents", method: .get)
            #expect(anonymous.status == .unauthorized)
            #expect(try Self.message(anonymous).contains("Authorization: Bearer"))
            let wrong = try await client.execute(
                uri: "/api/v1/incidents", method: .get, headers: [.authorization: "Bearer not-the-token"])
            #expect(wrong.status == .unauthorized)
            let unknown = try await client.execute(uri: "/api/v1/incidents/nope", method: .get, headers: authorised)
            #expect(unknown.status == .notFound)
            #expect(try Self.message(unknown) == "No incident has this id.")
            let unknownPeople = try await client.execute(
                uri: "/api/v1/incidents/nope/people", method: .post, headers: authorised,
                body: ByteBuffer(string: #"{"decision": "tell"}"#))
            #expect(unknownPeople.status == .notFound)
            let emptyPeople = try await client.execute(
                uri: "/api/v1/incidents/nope/people", method: .post, headers: authorised, body: ByteBuffer(string: "{}")
            )
            #expect(emptyPeople.status == .unprocessableContent)
            #expect(try Self.message(emptyPeople).contains("Give \"decision\""))
            let badDecision = try await client.execute(
                uri: "/api/v1/incidents/nope/people", method: .post, headers: authorised,
                body: ByteBuffer(string: #"{"decision": "maybe"}"#))
            #expect(badDecision.status == .unprocessableContent)
            let garbled = try await client.execute(
                uri: "/api/v1/incidents", method: .post, headers: authorised, body: ByteBuffer(string: "{nope"))
            #expect(garbled.status == .badRequest)
            let category = try await client.execute(
                uri: "/api/v1/incidents", method: .post, headers: authorised,
                body: ByteBuffer(string: #"{"description": "x", "data_categories": ["emial"]}"#))
            #expect(category.status == .unprocessableContent)
            #expect(try Self.message(category).contains("no data category \"emial\""))
            #expect(try await store.incidents.list().isEmpty, "nothing was stored by the refused requests")
        }
        await store.close()
    }

    @Test("Real HTTP on loopback")
    func live() async throws {
        let (store, authorised) = try await Self.store()
        let app = buildApplication(gallra: Gallra(store: store), configuration: ServerConfiguration(port: 0))
        try await app.test(.live) { client in
            let health = try await client.execute(uri: "/health", method: .get)
            #expect(String(buffer: health.body) == "ok")
            let list = try await client.execute(uri: "/api/v1/incidents", method: .get, headers: authorised)
            #expect(list.status == .ok && String(buffer: list.body) == "[]")
        }
        await store.close()
    }
}
