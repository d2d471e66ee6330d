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
            #expect(try Self.message(early).contains("the risk is not assessed"))
            let assessed = try await client.execute(
                uri: "/api/v1/incidents/\(id)", method: .patch, headers: authorised,
                body: ByteBuffer(string: #"{"risk": "risk", "measures": "Nya rutiner"}"#))
            #expect(assessed.status == .ok)
            let closed = try await client.execute(
                uri: "/api/v1/incidents/\(id)/close", method: .post, headers: authorised)
            #expect(try Self.json(closed)["closed"] is String)

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
            #expect(try Self.message(unknown) == "No incident has the id nope.")
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
