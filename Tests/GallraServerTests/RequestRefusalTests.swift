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

/// A request refused with its reason (Art. 12(4)), and the activities a request names: chosen by
/// the person on the public form, narrowed or widened by the officer with a reason.
@Suite("Refusing a request, and the activities it names")
struct RequestRefusalTests {
    typealias Pages = PrivacyRequestPagesTests
    typealias Mail = RequestOutcomeMailTests
    static let officer = Party.user("dpo")

    static func json(_ response: TestResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
    }

    @Test(
        "A refusal closes the request with nothing carried out; the person is mailed the ground, the reason and the right to complain to IMY and go to court; the reason is never in the audit log"
    )
    func refusal() async throws {
        let door = try await Pages.door()
        let gallra = Gallra(store: door.store)
        try await Mail.karin(gallra)
        let headers = try await Mail.officerHeaders(gallra)
        let app = buildApplication(gallra: gallra, configuration: door.configuration)
        let reason = "Du har begärt radering fyra gånger den här veckan; vi besvarade den förra i måndags."
        try await app.test(.router) { client in
            let id = try await Mail.ask(client, door, kind: "erasure", email: "karin@example.se")
            let uri = "/api/v1/requests/\(id)/refuse"

            // Without a reason, or on a ground the law does not give, nothing changes.
            let bare = try await client.execute(
                uri: uri, method: .post, headers: headers,
                body: ByteBuffer(string: #"{"ground": "excessive", "reason": " "}"#))
            #expect(bare.status == .unprocessableContent || bare.status == .badRequest)
            #expect(String(buffer: bare.body).contains("reason"))
            let unknown = try await client.execute(
                uri: uri, method: .post, headers: headers,
                body: ByteBuffer(string: #"{"ground": "busy", "reason": "Vi hinner inte"}"#))
            #expect(unknown.status.code >= 400 && unknown.status.code < 500)
            #expect(try await gallra.requestDetails(id, by: Self.officer).request.status == .open)
            #expect(try await Mail.outbox(door, id).map(\.purpose) == ["receipt"])

            let refused = try await client.execute(
                uri: uri, method: .post, headers: headers,
                body: ByteBuffer(string: #"{"ground": "excessive", "reason": "\#(reason)"}"#))
            #expect(refused.status == .ok, "\(String(buffer: refused.body))")
            let answer = try Self.json(refused)
            #expect(answer["status"] as? String == "completed")
            let refusal = try #require(answer["refusal"] as? [String: Any])
            #expect(refusal["ground"] as? String == "excessive" && refusal["article"] as? String == "Art. 12(5)")
            #expect(refusal["reason"] as? String == reason)
            #expect(Mail.mail(in: answer).map(\.purpose) == ["receipt", "refused"])
            #expect(answer["sent"] as? String == "answer queued in the outbox")

            // Nothing was carried out: Karin's three records are all there.
            let export = try await gallra.exportSubject("karin@example.se", scope: .access, by: Self.officer)
            #expect(export.records.count == 3)

            let mail = try #require(try await Pages.delivered(door).last { $0.contains("To: karin@example.se") })
            let text = Pages.parts(of: mail).joined(separator: "\n")
            let reference = try #require(try await gallra.requestDetails(id, by: Self.officer).request.reference)
            #expect(text.contains("(ärende \(reference)) och kommer inte att tillmötesgå den"))
            #expect(text.contains("Grund: begäran är orimlig (art. 12(5))"))
            #expect(text.contains("Skäl: \(reason)"))
            #expect(text.contains("Integritetsskyddsmyndigheten (IMY)") && text.contains("gå till domstol"))

            // A second refusal, or a completion after it, is refused: the request no longer changes.
            let again = try await client.execute(
                uri: uri, method: .post, headers: headers,
                body: ByteBuffer(string: #"{"ground": "excessive", "reason": "Igen"}"#))
            #expect(again.status == .conflict)
            let complete = try await client.execute(
                uri: "/api/v1/requests/\(id)/complete", method: .post, headers: headers, body: ByteBuffer(string: "{}"))
            #expect(complete.status == .conflict)

            let audit = try await door.test.rows("SELECT action, detail FROM audit_log").map {
                (try $0.decode(column: "action", as: String.self), try $0.decode(column: "detail", as: String.self))
            }
            #expect(audit.contains { $0.0 == "request.refuse" && $0.1.contains("excessive (Art. 12(5))") })
            #expect(
                !audit.contains { $0.1.contains("fyra gånger") },
                "the reason is the person's data: sealed, never logged")
        }
        await door.store.close()
    }

    @Test(
        "An objection names what the person ticked on the form (a name the register does not know is dropped); the officer widens it with a reason; only the named activities are decided"
    )
    func scope() async throws {
        let door = try await Pages.door()
        let gallra = Gallra(store: door.store)
        try await Mail.karin(gallra)
        let subject = try await gallra.exportSubject("karin@example.se", scope: .access, by: Self.officer).subject
        let calendar = try await gallra.calendar()
        for (activity, category, value) in [
            ("website-visits", "ip_address", "192.0.2.7"), ("product-demo", "contact_details", "Karin, 070-123 45 67"),
        ] {
            _ = try await gallra.addRecord(
                NewRecord(
                    subject: subject, activity: activity, category: category, value: value,
                    collected: calendar.parseInstant("2026-11-25")!), by: Self.officer)
        }
        let headers = try await Mail.officerHeaders(gallra)
        let app = buildApplication(gallra: gallra, configuration: door.configuration)
        try await app.test(.router) { client in
            // The form offers the register's activities by name.
            let form = String(buffer: try await client.execute(uri: "/privacy/request?lang=sv", method: .get).body)
            #expect(form.contains(#"name="activity.website-visits""#) && form.contains("Besök på hemsidan"))

            let id = try await Mail.ask(
                client, door, kind: "objection", email: "karin@example.se",
                activities: ["website-visits", "no-such-activity"])
            let receipt = try #require(try await Pages.delivered(door).last { $0.contains("To: karin@example.se") })
            #expect(Pages.parts(of: receipt).joined().contains("(invändning) (Besök på hemsidan)"))
            let opened = try await gallra.requestDetails(id, by: Self.officer)
            #expect(opened.request.scope == ["website-visits"])
            #expect(opened.decisions.map(\.activity) == ["website-visits"])

            let uri = "/api/v1/requests/\(id)/scope"
            let bare = try await client.execute(
                uri: uri, method: .post, headers: headers,
                body: ByteBuffer(string: #"{"activities": ["product-demo", "website-visits"], "reason": ""}"#))
            #expect(bare.status.code >= 400 && bare.status.code < 500)
            #expect(try await gallra.requestDetails(id, by: Self.officer).request.scope == ["website-visits"])

            let widened = try await client.execute(
                uri: uri, method: .post, headers: headers,
                body: ByteBuffer(
                    string:
                        #"{"activities": ["product-demo", "website-visits"], "reason": "Hon skrev i telefon att demon också avses."}"#
                ))
            #expect(widened.status == .ok, "\(String(buffer: widened.body))")
            let answer = try Self.json(widened)
            #expect(answer["activities"] as? [String] == ["product-demo", "website-visits"], "the register's order")
            #expect(answer["scope_reason"] as? String == "Hon skrev i telefon att demon också avses.")
            let decided = try await gallra.requestDetails(id, by: Self.officer).decisions
            #expect(Set(decided.map(\.activity)) == ["product-demo", "website-visits"])
            #expect(decided.allSatisfy { $0.action == .stop })

            let audit = try await door.test.rows("SELECT detail FROM audit_log WHERE action = 'request.scope'").map {
                try $0.decode(column: "detail", as: String.self)
            }
            #expect(audit == ["request \(id): activities website-visits → product-demo, website-visits; reason given"])

            // Completed, the two stop and nothing else does; the mail names them.
            let done = try await Mail.complete(client, gallra, id, headers: headers)
            let decisions = try #require((done["request"] as? [String: Any])?["decisions"] as? [[String: Any]])
            #expect(decisions.compactMap { $0["activity"] as? String }.sorted() == ["product-demo", "website-visits"])
            let outcome = try #require(try await Pages.delivered(door).last { $0.contains("To: karin@example.se") })
            let text = Pages.parts(of: outcome).joined(separator: "\n")
            #expect(text.contains("Vi har slutat behandla dina uppgifter för:"))
            #expect(text.contains("– Besök på hemsidan") && !text.contains("Kundärenden/Support"))
        }
        await door.store.close()
    }

    @Test(
        "On the request page an officer refuses with a ground and a reason, and the page then says refused and shows the refusal mail from the outbox"
    )
    func refusalPage() async throws {
        let door = try await Pages.door()
        let gallra = Gallra(store: door.store)
        try await Mail.karin(gallra)
        _ = try await gallra.addUser(
            email: "dpo@example.se", access: Access(role: .privacyOfficer), password: "a password of some length",
            by: .user("setup"))
        let app = buildApplication(gallra: gallra, configuration: door.configuration)
        try await app.test(.router) { client in
            let id = try await Mail.ask(client, door, kind: "restriction", email: "karin@example.se")
            let cookie = try await AuthorizationTests.signIn(
                client, email: "dpo@example.se", password: "a password of some length")
            let page = String(
                buffer: try await client.execute(uri: "/admin/requests/\(id)", method: .get, headers: [.cookie: cookie])
                    .body)
            #expect(page.contains(#"action="/admin/requests/\#(id)/refuse""#))
            #expect(page.contains(#"action="/admin/requests/\#(id)/scope""#), "a restriction names activities")
            #expect(page.contains("Verksamheter som begäran gäller: Alla verksamheter"))
            let csrf = try #require(page.firstMatch(of: /name="csrf" value="([^"]+)"/)?.1)
            let form: HTTPFields = [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"]

            let empty = try await client.execute(
                uri: "/admin/requests/\(id)/refuse", method: .post, headers: form,
                body: ByteBuffer(string: "csrf=\(csrf)&ground=not-identified&reason="))
            #expect(empty.status == .unprocessableContent)
            #expect(String(buffer: empty.body).contains("A refusal needs its reason"))

            let sent = try await client.execute(
                uri: "/admin/requests/\(id)/refuse", method: .post, headers: form,
                body: ByteBuffer(
                    string: "csrf=\(csrf)&ground=not-identified&reason=Adressen+stämmer+inte+med+kundregistret"))
            #expect(sent.status == .seeOther)
            let after = String(
                buffer: try await client.execute(uri: "/admin/requests/\(id)", method: .get, headers: [.cookie: cookie])
                    .body)
            #expect(
                after.contains(
                    "Avslagen: Identiteten kunde inte fastställas (art. 11.2, 12.2) — Adressen stämmer inte med kundregistret"
                ))
            #expect(after.contains("<strong>Avslag</strong>: I kö sedan"))
            #expect(!after.contains(#"action="/admin/requests/\#(id)/refuse""#), "a closed request has no forms")
        }
        await door.store.close()
    }
}
