import Foundation
import GallraCore
import GallraServer
import GallraServices
import GallraTestSupport
import Hummingbird
import HummingbirdTesting
import Testing

/// Consents, legal holds and the systems in force over the API, as a signup form, a newsletter
/// tool or a case system would use them.
@Suite("Consents, holds and systems over the API")
struct ConsentHoldAPITests {
    static let setup = Party.user("setup")

    static func json(_ response: TestResponse) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(buffer: response.body))
    }

    static func object(_ response: TestResponse) throws -> [String: Any] {
        try #require(try json(response) as? [String: Any], "\(String(buffer: response.body))")
    }

    static func call(
        _ client: some TestClientProtocol, _ method: HTTPRequest.Method, _ path: String, token: String,
        body: String? = nil
    ) async throws -> TestResponse {
        try await client.execute(
            uri: path, method: method,
            headers: [.authorization: "Bearer \(token)", .contentType: "application/json"],
            body: body.map { ByteBuffer(string: $0) })
    }

    @Test("A consent given by a signup form, withdrawn by the newsletter tool, reads back as the rows say")
    func consentGivenThenWithdrawn() async throws {
        let test = try await TestStore.make(.sqlite)
        let store = try await test.openWithRegister()
        let gallra = Gallra(store: store)
        let person = try await gallra.addSubject(NewSubject(email: "foto@example.se"), by: Self.setup)
        let form = try await gallra.createToken(name: "signup", access: Access(role: .privacyOfficer), by: Self.setup)
        let app = buildApplication(gallra: gallra, configuration: ServerConfiguration())
        try await app.test(.router) { client in
            let given = try await Self.call(
                client, .post, "/api/v1/consents", token: form,
                body:
                    #"{"subject": "foto@example.se", "activity": "photo-consent", "wording_version": "foto-2026-1", "channel": "web", "given": "2026-03-01T10:00:00+01:00"}"#
            )
            #expect(given.status == .created, "\(String(buffer: given.body))")
            let consent = try Self.object(given)
            let id = try #require(consent["id"] as? String)
            #expect(consent["subject"] as? String == person)
            #expect(consent["wording_version"] as? String == "foto-2026-1" && consent["channel"] as? String == "web")
            #expect(consent["given"] as? String == "2026-03-01T10:00:00+01:00")
            #expect(consent["in_force"] as? Bool == true && consent["withdrawn"] is NSNull)

            let twice = try await Self.call(
                client, .post, "/api/v1/consents", token: form,
                body:
                    #"{"subject": "foto@example.se", "activity": "photo-consent", "wording_version": "v2", "channel": "web"}"#
            )
            #expect(twice.status == .conflict, "a consent in force is not given twice")

            let withdrawn = try await Self.call(
                client, .post, "/api/v1/consents/withdrawal", token: form,
                body:
                    #"{"subject": "foto@example.se", "activity": "photo-consent", "channel": "email", "withdrawn": "2026-04-01T09:30:00+02:00"}"#
            )
            #expect(withdrawn.status == .ok, "\(String(buffer: withdrawn.body))")
            let closed = try Self.object(withdrawn)
            #expect(closed["id"] as? String == id)
            #expect(
                closed["withdrawn"] as? String == "2026-04-01T09:30:00+02:00" && closed["in_force"] as? Bool == false)

            let listed = try await Self.call(client, .get, "/api/v1/subjects/foto@example.se/consents", token: form)
            #expect(listed.status == .ok)
            let entries = try #require(try Self.json(listed) as? [[String: Any]])
            #expect(entries.count == 1 && entries.first?["id"] as? String == id)
            #expect(entries.first?["withdrawn"] as? String == "2026-04-01T09:30:00+02:00")
            let shown = try await Self.call(client, .get, "/api/v1/consents/\(id)", token: form)
            #expect(try Self.object(shown)["in_force"] as? Bool == false)

            // Again: nothing in force to withdraw.
            let again = try await Self.call(
                client, .post, "/api/v1/consents/withdrawal", token: form,
                body: #"{"subject": "foto@example.se", "activity": "photo-consent", "channel": "email"}"#)
            #expect(again.status == .notFound)

            // Evidence is a channel from the list and a version, never free text; refusals do not
            // repeat what was sent.
            let channel = try await Self.call(
                client, .post, "/api/v1/consents", token: form,
                body:
                    #"{"subject": "foto@example.se", "activity": "photo-consent", "wording_version": "v3", "channel": "anna@example.se"}"#
            )
            #expect(channel.status == .unprocessableContent)
            #expect(String(buffer: channel.body).contains("The channel is one of web, email, phone, letter, paper."))
            #expect(!String(buffer: channel.body).contains("anna@"))
            let wording = try await Self.call(
                client, .post, "/api/v1/consents", token: form,
                body:
                    #"{"subject": "foto@example.se", "activity": "photo-consent", "wording_version": "Anna Andersson 19811218", "channel": "web"}"#
            )
            #expect(wording.status == .unprocessableContent)
            #expect(!String(buffer: wording.body).contains("Anna"))
        }
        let lines = try await test.auditText().split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.contains("consent.give") && $0.contains("token:signup") })
        #expect(lines.contains { $0.contains("consent.withdraw") && $0.contains("token:signup") })
        #expect(lines.contains { $0.contains("consent.read") })
        #expect(!lines.contains { $0.contains("foto@example.se") })
        await store.close()
    }

    @Test("A support token reaches consents only of its activities; holds and the systems file not at all")
    func scopedTokenRefused() async throws {
        let test = try await TestStore.make(.sqlite)
        let store = try await test.openWithRegister()
        let gallra = Gallra(store: store)
        let (anna, _) = try await AuthorizationTests.people(gallra, by: Self.setup)
        _ = try await gallra.giveConsent(
            subject: anna, activity: "photo-consent", wordingVersion: "foto-1", channel: "paper", at: Date(),
            by: Self.setup)
        let support = try await gallra.createToken(
            name: "helpdesk", access: Access(role: .support, activities: ["support"]), by: Self.setup)
        let app = buildApplication(gallra: gallra, configuration: ServerConfiguration())
        try await app.test(.router) { client in
            let give = try await Self.call(
                client, .post, "/api/v1/consents", token: support,
                body:
                    #"{"subject": "anna@example.se", "activity": "photo-consent", "wording_version": "v2", "channel": "web"}"#
            )
            #expect(give.status == .forbidden)
            let withdraw = try await Self.call(
                client, .post, "/api/v1/consents/withdrawal", token: support,
                body: #"{"subject": "anna@example.se", "activity": "photo-consent", "channel": "web"}"#)
            #expect(withdraw.status == .forbidden)
            // Anna is within support (a case), but her photo consent is not.
            let listed = try await Self.call(
                client, .get, "/api/v1/subjects/anna@example.se/consents", token: support)
            #expect(listed.status == .ok)
            #expect((try Self.json(listed) as? [Any])?.isEmpty == true)
            // Bo is not within support at all: the answer is a stranger's.
            let bo = try await Self.call(client, .get, "/api/v1/subjects/bo@example.se/consents", token: support)
            let stranger = try await Self.call(
                client, .get, "/api/v1/subjects/nobody@example.se/consents", token: support)
            #expect(bo.status == .forbidden && String(buffer: bo.body) == String(buffer: stranger.body))
            for (method, path, body) in [
                (HTTPRequest.Method.post, "/api/v1/holds", #"{"subject": "anna@example.se", "reason": "Tvist"}"#),
                (.get, "/api/v1/holds", nil), (.get, "/api/v1/subjects/anna@example.se/holds", nil),
                (.get, "/api/v1/systems", nil),
            ] {
                let answer = try await Self.call(client, method, path, token: support, body: body)
                #expect(answer.status == .forbidden, "\(path)")
            }
        }
        #expect(try await gallra.holds(subject: anna, by: Self.setup).isEmpty)
        #expect(try await gallra.consents(subject: anna, by: Self.setup).count == 1)
        await store.close()
    }

    @Test("A hold placed over the API keeps Anna's calls through an erasure; released, the next erasure takes them")
    func holdBlocksErasure() async throws {
        let test = try await TestStore.make(.sqlite)
        let store = try await test.openWithRegister()
        let gallra = Gallra(store: store)
        let anna = try await gallra.addSubject(NewSubject(email: "anna@example.se"), by: Self.setup)
        _ = try await gallra.addRecord(
            NewRecord(
                subject: anna, activity: "phone-contact", category: "recordings", value: "Samtal 12 mars",
                collected: Date()), by: Self.setup)
        let officer = try await gallra.createToken(name: "cases", access: Access(role: .privacyOfficer), by: Self.setup)
        let app = buildApplication(gallra: gallra, configuration: ServerConfiguration())
        try await app.test(.router) { client in
            let placed = try await Self.call(
                client, .post, "/api/v1/holds", token: officer,
                body:
                    #"{"subject": "anna@example.se", "activity": "phone-contact", "reason": "Tvist om faktura 1001", "until": "2027-12-31"}"#
            )
            #expect(placed.status == .created, "\(String(buffer: placed.body))")
            let hold = try Self.object(placed)
            let id = try #require(hold["id"] as? String)
            #expect(hold["subject"] as? String == anna && hold["activity"] as? String == "phone-contact")
            #expect(hold["reason"] as? String == "Tvist om faktura 1001" && hold["in_force"] as? Bool == true)
            #expect(hold["until"] as? String == "2027-12-31T00:00:00+01:00")
            let inForce = try #require(
                try Self.json(try await Self.call(client, .get, "/api/v1/holds", token: officer)) as? [[String: Any]])
            #expect(inForce.map { $0["id"] as? String } == [id])

            func erase() async throws -> [String: Any] {
                let opened = try await Self.call(
                    client, .post, "/api/v1/requests", token: officer,
                    body: #"{"kind": "erasure", "subject": "anna@example.se", "verified_how": "BankID"}"#)
                #expect(opened.status == .created, "\(String(buffer: opened.body))")
                let request = try #require(try Self.object(opened)["id"] as? String)
                let done = try await Self.call(
                    client, .post, "/api/v1/requests/\(request)/complete", token: officer, body: #"{"via": "phone"}"#)
                #expect(done.status == .ok, "\(String(buffer: done.body))")
                return try Self.object(done)
            }
            let kept = try await erase()
            let decisions = try #require((kept["request"] as? [String: Any])?["decisions"] as? [[String: Any]])
            let call = try #require(decisions.first { $0["activity"] as? String == "phone-contact" })
            #expect(call["action"] as? String == "keep" && call["article"] as? String == "Art. 17(3)(e)")
            #expect(kept["subject_erased"] as? Bool == false)
            let still = try await Self.call(client, .get, "/api/v1/subjects/anna@example.se", token: officer)
            #expect(String(buffer: still.body).contains("Samtal 12 mars"), "the hold kept the call")

            let released = try await Self.call(client, .post, "/api/v1/holds/\(id)/release", token: officer)
            #expect(released.status == .ok)
            let row = try Self.object(released)
            #expect(row["in_force"] as? Bool == false && row["released"] is String)
            let none = try await Self.call(client, .get, "/api/v1/subjects/anna@example.se/holds", token: officer)
            #expect((try Self.json(none) as? [Any])?.isEmpty == true)
            let twice = try await Self.call(client, .post, "/api/v1/holds/\(id)/release", token: officer)
            #expect(twice.status == .notFound)

            let erased = try await erase()
            #expect(erased["subject_erased"] as? Bool == true)
            let gone = try await Self.call(client, .get, "/api/v1/subjects/anna@example.se", token: officer)
            #expect(gone.status == .notFound)
        }
        let lines = try await test.auditText().split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.contains("hold.add") && $0.contains("token:cases") })
        #expect(lines.contains { $0.contains("hold.release") && $0.contains("token:cases") })
        #expect(!lines.contains { $0.contains("Tvist om faktura") || $0.contains("anna@example.se") })
        await store.close()
    }

    @Test("The systems file in force reads without secrets; none applied is a 404 in words")
    func systemsInForce() async throws {
        let test = try await TestStore.make(.sqlite)
        let store = try await test.openWithRegister()
        let gallra = Gallra(store: store)
        let auditor = try await gallra.createToken(name: "review", access: Access(role: .auditor), by: Self.setup)
        let company = try await CompanyDatabase.make(.sqlite)
        let app = buildApplication(gallra: gallra, configuration: ServerConfiguration())
        try await app.test(.router) { client in
            let none = try await Self.call(client, .get, "/api/v1/systems", token: auditor)
            #expect(none.status == .notFound)
            #expect(String(buffer: none.body).contains("No systems file is in force"))
            _ = try await gallra.applySystems(yaml: company.systemsYAML, file: "systems.yaml", by: Self.setup)
            let answer = try await Self.call(client, .get, "/api/v1/systems", token: auditor)
            #expect(answer.status == .ok)
            let systems = try #require(try Self.object(answer)["systems"] as? [[String: Any]])
            #expect(systems.first?["id"] as? String == "crm")
            #expect(systems.first?["database"] as? String == "${\(company.variable)}", "the placeholder, not its value")
            #expect(!String(buffer: answer.body).contains(".sqlite"))
            let table = try #require((systems.first?["tables"] as? [[String: Any]])?.first)
            #expect(table["activity"] as? String == "customer-purchases")
            #expect((table["person"] as? [String: String])?["personal_number"] == "personnummer")
        }
        await company.close()
        await store.close()
    }

    @Test("A password written into a database URL is never shown")
    func databaseWithoutSecrets() {
        func shown(_ database: String) -> String {
            ConnectedSystem(id: "crm", database: database, tables: [], line: 1).databaseWithoutSecrets
        }
        #expect(shown("postgres://gallra:hemligt@db.internal/crm") == "postgres://gallra:***@db.internal/crm")
        #expect(shown("postgres://gallra:${CRM_PASSWORD}@db/crm") == "postgres://gallra:${CRM_PASSWORD}@db/crm")
        #expect(
            shown("postgres://db/crm?user=g&password=hemligt&sslmode=require")
                == "postgres://db/crm?user=g&password=***&sslmode=require")
        #expect(shown("sqlite:/srv/support/tickets.sqlite") == "sqlite:/srv/support/tickets.sqlite")
    }
}
