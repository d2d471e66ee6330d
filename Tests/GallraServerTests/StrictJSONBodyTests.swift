import Foundation
import GallraCore
import GallraServer
import GallraServices
import GallraStore
import GallraTestSupport
import Hummingbird
import HummingbirdTesting
import Testing

/// Values the JSON API once took wrongly or answered without naming the field: each is now a 422
/// that says which field and what it takes, and changes nothing.
@Suite("Strict JSON bodies")
struct StrictJSONBodyTests {
    static func incident(_ client: some TestClientProtocol, _ headers: HTTPFields) async throws -> String {
        let created = try await client.execute(
            uri: "/api/v1/incidents", method: .post, headers: headers,
            body: ByteBuffer(string: #"{"description": "Fel mottagare", "approximate_subjects": 12}"#))
        #expect(created.status == .created)
        return try #require(try IncidentAPITests.json(created)["id"] as? String)
    }

    @Test(
        "A count of people or records that is too big, negative or not whole is refused naming the field",
        arguments: [
            ("approximate_subjects", "9223372036854775808"), ("approximate_subjects", "1e300"),
            ("approximate_subjects", "-5"), ("approximate_records", "-1"), ("approximate_records", "2.5"),
            ("approximate_records", #""12""#),
        ])
    func counts(field: String, value: String) async throws {
        let (store, headers) = try await IncidentAPITests.store()
        let app = buildApplication(gallra: Gallra(store: store), configuration: ServerConfiguration())
        try await app.test(.router) { client in
            let id = try await Self.incident(client, headers)
            let patched = try await client.execute(
                uri: "/api/v1/incidents/\(id)", method: .patch, headers: headers,
                body: ByteBuffer(string: #"{"\#(field)": \#(value)}"#))
            #expect(patched.status == .unprocessableContent, "\(field): \(value)")
            #expect(
                try IncidentAPITests.message(patched)
                    == "\"\(field)\" is a whole number from 0 to 9223372036854775807.")
            let opened = try await client.execute(
                uri: "/api/v1/incidents", method: .post, headers: headers,
                body: ByteBuffer(string: #"{"description": "x", "\#(field)": \#(value)}"#))
            #expect(opened.status == .unprocessableContent)
            let shown = try await client.execute(uri: "/api/v1/incidents/\(id)", method: .get, headers: headers)
            #expect(try IncidentAPITests.json(shown)["approximate_subjects"] as? Int == 12)
            #expect(try IncidentAPITests.json(shown)["approximate_records"] is NSNull)
        }
        #expect(try await store.incidents.list().count == 1, "the refused POST opened nothing")
        await store.close()
    }

    @Test("Zero and the largest count are taken")
    func countBounds() async throws {
        let (store, headers) = try await IncidentAPITests.store()
        let app = buildApplication(gallra: Gallra(store: store), configuration: ServerConfiguration())
        try await app.test(.router) { client in
            let id = try await Self.incident(client, headers)
            let patched = try await client.execute(
                uri: "/api/v1/incidents/\(id)", method: .patch, headers: headers,
                body: ByteBuffer(
                    string: #"{"approximate_subjects": 0, "approximate_records": 9223372036854775807}"#))
            #expect(patched.status == .ok)
            #expect(try IncidentAPITests.json(patched)["approximate_subjects"] as? Int == 0)
            #expect(try IncidentAPITests.json(patched)["approximate_records"] as? Int == Int.max)
        }
        await store.close()
    }

    /// Every date or instant field of every body, given a month that does not exist.
    static let dates: [(method: HTTPRequest.Method, path: String, body: String, field: String)] = [
        (.post, "/api/v1/incidents", #"{"description": "x", "aware": "2026-13-01T00:00:00Z"}"#, "aware"),
        (.post, "/api/v1/incidents", #"{"description": "x", "occurred": "2026-13-01T00:00:00Z"}"#, "occurred"),
        (.post, "/api/v1/incidents", #"{"description": "x", "ended": "2026-13-01"}"#, "ended"),
        (.patch, "/api/v1/incidents/ID", #"{"aware": "2026-13-01T00:00:00Z"}"#, "aware"),
        (.patch, "/api/v1/incidents/ID", #"{"occurred": "2026-02-30T00:00:00Z"}"#, "occurred"),
        (.patch, "/api/v1/incidents/ID", #"{"ended": "2026-01-01T25:00:00Z"}"#, "ended"),
        (.post, "/api/v1/incidents/ID/notification", #"{"imy": "2026-13-01T00:00:00Z"}"#, "imy"),
        (
            .post, "/api/v1/incidents/ID/notification", #"{"subjects_informed": "2026-13-01T00:00:00Z"}"#,
            "subjects_informed"
        ),
        (
            .post, "/api/v1/records",
            #"{"subject": "a@b.se", "activity": "support", "category": "case_content", "value": "x", "collected": "2026-13-01T00:00:00Z"}"#,
            "collected"
        ),
        (
            .post, "/api/v1/events", #"{"subject": "a@b.se", "events": {"contract.end": "2026-13-01T00:00:00Z"}}"#,
            "events.contract.end"
        ),
    ]

    @Test("An instant that does not parse is refused naming the field and RFC 3339, on every body that takes one")
    func instants() async throws {
        let (store, headers) = try await IncidentAPITests.store()
        let app = buildApplication(gallra: Gallra(store: store), configuration: ServerConfiguration())
        try await app.test(.router) { client in
            let id = try await Self.incident(client, headers)
            let before = String(
                buffer: try await client.execute(uri: "/api/v1/incidents/\(id)", method: .get, headers: headers).body)
            for (method, path, body, field) in Self.dates {
                let answer = try await client.execute(
                    uri: path.replacingOccurrences(of: "ID", with: id), method: method, headers: headers,
                    body: ByteBuffer(string: body))
                #expect(answer.status == .unprocessableContent, "\(method) \(path) \(field)")
                let message = try IncidentAPITests.message(answer)
                #expect(message.contains(field) && message.contains("RFC 3339"), "\(message)")
            }
            let received = try await client.execute(
                uri: "/api/v1/requests", method: .post, headers: headers,
                body: ByteBuffer(string: #"{"kind": "access", "subject": "a@b.se", "received": "2026-13-01"}"#))
            #expect(received.status == .unprocessableContent)
            #expect(try IncidentAPITests.message(received) == "\"received\" is a date, YYYY-MM-DD.")
            let after = String(
                buffer: try await client.execute(uri: "/api/v1/incidents/\(id)", method: .get, headers: headers).body)
            #expect(
                before.replacingOccurrences(
                    of: #""(hours|seconds)_left": ?-?\d+"#, with: "", options: .regularExpression)
                    == after.replacingOccurrences(
                        of: #""(hours|seconds)_left": ?-?\d+"#, with: "", options: .regularExpression))
        }
        #expect(try await store.incidents.list().count == 1)
        await store.close()
    }

    @Test("A PATCH does not move when the controller became aware: the 72 hours run from it")
    func awareIsFixed() async throws {
        let (store, headers) = try await IncidentAPITests.store()
        let app = buildApplication(gallra: Gallra(store: store), configuration: ServerConfiguration())
        try await app.test(.router) { client in
            let id = try await Self.incident(client, headers)
            let moved = try await client.execute(
                uri: "/api/v1/incidents/\(id)", method: .patch, headers: headers,
                body: ByteBuffer(string: #"{"aware": "2026-03-27T10:00:00+01:00", "measures": "Nya rutiner"}"#))
            #expect(moved.status == .unprocessableContent)
            #expect(try IncidentAPITests.message(moved).contains("\"aware\" is set when the incident is opened"))
            let shown = try await client.execute(uri: "/api/v1/incidents/\(id)", method: .get, headers: headers)
            #expect(try IncidentAPITests.json(shown)["measures"] is NSNull, "the refused PATCH changed nothing")
        }
        await store.close()
    }

    @Test(
        "A field given twice is refused naming it, also when spelt with escapes or inside an object",
        arguments: [
            (
                "/api/v1/records",
                #"{"subject":"a@b.se","subject":"c@d.se","activity":"support","category":"case_content","value":"x"}"#,
                "subject"
            ),
            (
                "/api/v1/records",
                #"{"subject":"a@b.se","activity":"support","category":"case_content","value":"x","subj\u0065ct":"c@d.se"}"#,
                "subject"
            ),
            (
                "/api/v1/events",
                #"{"subject":"a@b.se","events":{"contract.end":"2026-01-31","contract.end":"2027-01-31"}}"#,
                "events.contract.end"
            ),
            ("/api/v1/subjects", #"{"name":"{\"email\":","email":"a@b.se","email":"c@d.se"}"#, "email"),
        ])
    func repeatedFields(path: String, body: String, field: String) async throws {
        let test = try await TestStore.make(.sqlite)
        let store = try await test.openWithRegister()
        let token = try await Gallra(store: store).createToken(
            name: "crm", access: Access(role: .privacyOfficer), by: .user("setup"))
        let headers: HTTPFields = [.authorization: "Bearer \(token)", .contentType: "application/json"]
        let app = buildApplication(gallra: Gallra(store: store), configuration: ServerConfiguration())
        try await app.test(.router) { client in
            let answer = try await client.execute(
                uri: path, method: .post, headers: headers, body: ByteBuffer(string: body))
            #expect(answer.status == .unprocessableContent)
            #expect(try IncidentAPITests.message(answer) == "The field \"\(field)\" is given twice.")
        }
        #expect(try await test.rows("SELECT id FROM subjects").isEmpty, "the refused bodies stored nobody")
        await store.close()
    }

    @Test("Keys that only look alike, or repeat in different objects, are not repeated fields")
    func distinctFields() async throws {
        let (store, headers) = try await IncidentAPITests.store()
        let app = buildApplication(gallra: Gallra(store: store), configuration: ServerConfiguration())
        try await app.test(.router) { client in
            let answer = try await client.execute(
                uri: "/api/v1/events", method: .post, headers: headers,
                body: ByteBuffer(
                    string:
                        #"{"subject":"a@b.se","activity":"support","events":{"subject":"2026-01-31","contract.end":"2026-01-31"}}"#
                ))
            let message = answer.status == .unprocessableContent ? try IncidentAPITests.message(answer) : ""
            #expect(!message.contains("twice"), "\(message)")
        }
        await store.close()
    }
}
