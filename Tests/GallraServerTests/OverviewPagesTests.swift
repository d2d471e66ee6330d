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

/// The overview tells each role the truth, and nothing destructive happens on one click: the
/// hold's release, "sweep now" and a register version's apply each ask first, and their result
/// pages read what was done from its record.
@Suite("Overviews and confirmations in the admin UI", .serialized)
struct OverviewPagesTests {
    static let password = "a password of some length"
    static let setup = Party.user("setup")

    /// A store with a request long overdue, an open incident, a record past its retention (Anna's
    /// product demo) and Bo's support case; and a user for each role.
    static func store() async throws -> (test: TestStore, store: Store, gallra: Gallra, anna: String, bo: String) {
        let test = try await TestStore.make(.sqlite)
        let store = try await test.openWithRegister()
        let gallra = Gallra(store: store)
        for (name, access, language) in [
            ("officer", Access(role: .privacyOfficer), "sv"), ("officer-en", Access(role: .privacyOfficer), "en"),
            ("support", Access(role: .support, activities: ["support"]), "sv"),
            ("auditor", Access(role: .auditor), "sv"), ("auditor-en", Access(role: .auditor), "en"),
        ] {
            _ = try await gallra.addUser(
                email: "\(name)@example.se", access: access, language: language, password: password, by: setup)
        }
        let anna = try await gallra.addSubject(
            NewSubject(email: "anna@example.se", name: "Anna Andersson", phone: "+46 70 123 45 67"), by: setup)
        let bo = try await gallra.addSubject(NewSubject(email: "bo@example.se", name: "Bo Berg"), by: setup)
        _ = try await gallra.addRecords(
            [
                NewRecord(
                    subject: anna, activity: "product-demo", category: "contact_details", value: "anna@example.se",
                    collected: Date().addingTimeInterval(-200 * 86_400)),
                NewRecord(
                    subject: bo, activity: "support", category: "case_content", value: "Ärende", collected: Date()),
            ], by: setup)
        let calendar = try await gallra.calendar()
        let longAgo = calendar.localDate(of: Date().addingTimeInterval(-60 * 86_400))
        _ = try await gallra.openRequest(.access, subject: bo, received: longAgo, activities: ["support"], by: setup)
        _ = try await gallra.openIncident(aware: Date(), description: "Fel mottagare på ett utskick", by: setup)
        return (test, store, gallra, anna, bo)
    }

    struct Session {
        let client: any TestClientProtocol
        let cookie: String
        let csrf: String

        func get(_ path: String) async throws -> (status: HTTPResponse.Status, body: String, location: String?) {
            let response = try await client.execute(uri: path, method: .get, headers: [.cookie: cookie])
            return (response.status, String(buffer: response.body), response.headers[.location])
        }

        func post(_ path: String, _ body: String) async throws -> (
            status: HTTPResponse.Status, body: String, location: String?
        ) {
            let response = try await client.execute(
                uri: path, method: .post,
                headers: [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: body + "&csrf=\(csrf)"))
            return (response.status, String(buffer: response.body), response.headers[.location])
        }
    }

    static func signIn(_ client: any TestClientProtocol, _ name: String) async throws -> Session {
        let cookie = try await AuthorizationTests.signIn(client, email: "\(name)@example.se", password: password)
        return Session(
            client: client, cookie: cookie, csrf: try await AuthorizationTests.csrf(client, cookie: cookie))
    }

    @Test("The overview says what a role may not see, never 'no request is due' while one is overdue")
    func overviewPerRole() async throws {
        let (_, store, gallra, _, _) = try await Self.store()
        let app = buildApplication(gallra: gallra, configuration: ServerConfiguration())
        try await app.test(.router) { client in
            let officer = try await Self.signIn(client, "officer").get("/admin").body
            #expect(officer.contains("försenad med"), "the overdue request is listed")
            #expect(officer.contains("Fel mottagare på ett utskick"))
            #expect(
                officer.contains("Har passerat lagringstiden och väntar på gallringen: 1 post."),
                "the record past its retention is counted")
            #expect(!officer.contains("Inte synligt för din roll"))

            for name in ["auditor", "support"] {
                let page = try await Self.signIn(client, name).get("/admin").body
                #expect(!page.contains("Ingen begäran förfaller"), "\(name) is not told no request is due")
                #expect(!page.contains("Ingen incident är öppen"), "\(name) is not told no incident is open")
                #expect(!page.contains("Inget gallras"), "\(name) is not told nothing expires")
                #expect(page.contains("Inte synligt för din roll."), "\(name): the parts it may not see say so")
            }
            let support = try await Self.signIn(client, "support").get("/admin").body
            #expect(support.contains("försenad med"), "support sees the overdue request about its activity")
            #expect(support.contains("Begäranden om andra behandlingar än dina syns inte för din roll."))
            let auditor = try await Self.signIn(client, "auditor-en").get("/admin").body
            #expect(auditor.contains("Not visible to your role."))
            #expect(!auditor.contains("No request is due"))
        }
        await store.close()
    }

    @Test("Releasing a hold asks first, naming the person, and the result is read from the hold's row")
    func holdRelease() async throws {
        let (_, store, gallra, anna, _) = try await Self.store()
        let hold = try await gallra.placeHold(
            subject: anna, activity: nil, reason: "Tvist om faktura 17", until: nil, by: Self.setup)
        let app = buildApplication(gallra: gallra, configuration: ServerConfiguration())
        try await app.test(.router) { client in
            let officer = try await Self.signIn(client, "officer")
            let person = try await officer.get("/admin/subjects/\(anna)").body
            #expect(person.contains("href=\"/admin/holds/\(hold)/release\""), "the person's page links the question")

            let question = try await officer.get("/admin/holds/\(hold)/release").body
            #expect(question.contains("Häva bevarandebeslutet?"))
            #expect(question.contains("Anna Andersson"), "whose hold it is")
            #expect(question.contains("Tvist om faktura 17"), "and why it was placed")
            #expect(question.contains("name=\"confirm\" value=\"yes\""))

            // A form that posts without confirming is asked too: nothing is released.
            let unconfirmed = try await officer.post("/admin/holds/\(hold)/release", "")
            #expect(unconfirmed.status == .ok && unconfirmed.body.contains("Häva bevarandebeslutet?"))
            #expect(try await gallra.holds(subject: anna, by: Self.setup).map(\.id) == [hold])

            let confirmed = try await officer.post("/admin/holds/\(hold)/release", "confirm=yes")
            #expect(confirmed.status == .seeOther && confirmed.location == "/admin/holds/\(hold)")
            #expect(try await gallra.holds(subject: anna, by: Self.setup).isEmpty, "released")
            let released = try await gallra.hold(hold, by: Self.setup)
            let at = String(try await gallra.calendar().rfc3339(try #require(released.released)).prefix(16))
                .replacingOccurrences(of: "T", with: " ")
            let result = try await officer.get("/admin/holds/\(hold)").body
            #expect(result.contains("Bevarandebeslutet hävdes \(at)."), "the moment the row says")
            #expect(!result.contains("name=\"confirm\""), "nothing more to confirm")
        }
        await store.close()
    }

    @Test("'Sweep now' shows what the dry run found, whose, and sweeps only once confirmed")
    func sweepNow() async throws {
        let (test, store, gallra, anna, _) = try await Self.store()
        let app = buildApplication(gallra: gallra, configuration: ServerConfiguration())
        try await app.test(.router) { client in
            let officer = try await Self.signIn(client, "officer")
            let question = try await officer.post("/admin/retention/sweep", "")
            #expect(question.status == .ok)
            #expect(question.body.contains("Gallra nu?"))
            #expect(question.body.contains("Test av produkt/tjänst (demo)"), "the activity")
            #expect(question.body.contains("<a href=\"/admin/subjects/\(anna)\">Anna Andersson</a>"), "whose record")
            #expect(question.body.contains("Raderas"))
            #expect(try await test.rows("SELECT id FROM records WHERE activity = 'product-demo'").count == 1, "kept")

            let started = try await officer.post("/admin/retention/sweep", "confirm=yes")
            #expect(started.status == .seeOther)
            let progress = try #require(started.location)
            var page = ""
            for _ in 0..<100 {
                page = try await officer.get(progress).body
                if page.contains("Gallringen är klar") { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(page.contains("<li>Raderade: 1 post</li>"), "read from the sweep's report")
            #expect(try await test.rows("SELECT id FROM records WHERE activity = 'product-demo'").isEmpty)

            // The last sweeps are told in the reader's language, not the audit log's English.
            let retention = try await officer.get("/admin/retention").body
            #expect(retention.contains("1 raderade, 0 anonymiserade"))
            #expect(!retention.contains("1 erased, 0 anonymised"))
        }
        await store.close()
    }

    @Test("The dry run lists what it would erase, a page at a time, and what it keeps back and why, in both languages")
    func dryRunListing() async throws {
        let (_, store, gallra, anna, _) = try await Self.store()
        let old = Date().addingTimeInterval(-200 * 86_400)
        var people: [NewSubject] = []
        for index in 0..<60 { people.append(NewSubject(email: "demo\(index)@example.se", name: "Demo \(index)")) }
        let ids = try await gallra.addSubjects(people, by: Self.setup)
        _ = try await gallra.addRecords(
            ids.map {
                NewRecord(
                    subject: $0, activity: "product-demo", category: "contact_details", value: "x", collected: old)
            }, by: Self.setup)
        _ = try await gallra.placeHold(subject: anna, activity: nil, reason: "Tvist", until: nil, by: Self.setup)
        let app = buildApplication(gallra: gallra, configuration: ServerConfiguration())
        try await app.test(.router) { client in
            let officer = try await Self.signIn(client, "officer")
            let first = try await officer.post("/admin/retention/dry-run", "").body
            #expect(first.contains("Provkörning av gallringen"))
            #expect(first.contains("Sida 1 av 2"), "61 lines, 50 a page")
            #expect(first.contains("<td>60</td><td>0</td><td>1</td>"), "per activity: 60 erased, 1 kept back")
            let second = try await officer.post("/admin/retention/dry-run", "activity=product-demo&page=2").body
            #expect(second.contains("Sida 2 av 2"))
            #expect(second.contains("Anna Andersson"), "the held record is listed on the last page")
            #expect(second.contains("Sparas: ett bevarandebeslut gäller (art. 17.3 e)"), "with its reason, in Swedish")
            let english = try await Self.signIn(client, "officer-en").post(
                "/admin/retention/dry-run", "activity=product-demo&page=2"
            ).body
            #expect(english.contains("Kept: a legal hold is in force (Art. 17(3)(e))"))
            #expect(english.contains("Page 2 of 2"))
            #expect(try await gallra.holds(subject: anna, by: Self.setup).count == 1)
        }
        await store.close()
    }

    @Test("Applying a register version asks first with what changes; the result is the version's row")
    func registerApply() async throws {
        let (test, store, gallra, _, _) = try await Self.store()
        let yaml = try exampleRegister().replacingOccurrences(
            of: #"retention: "collected + 60d""#, with: #"retention: "collected + 30d""#
        ).replacingOccurrences(of: #"retention_text: { sv: "60 dagar" }"#, with: #"retention_text: { sv: "30 dagar" }"#)
        let app = buildApplication(gallra: gallra, configuration: ServerConfiguration())
        try await app.test(.router) { client in
            let officer = try await Self.signIn(client, "officer")
            let encoded = yaml.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let question = try await officer.post("/admin/register/apply", "yaml=\(encoded)")
            #expect(question.status == .ok)
            #expect(question.body.contains("Införa den nya versionen av registret?"))
            #expect(question.body.contains("Test av produkt/tjänst (demo)"), "the activity that changes")
            #expect(question.body.contains("name=\"confirm\" value=\"yes\""))
            #expect(try await gallra.register(by: Self.setup).version == 1, "nothing applied yet")

            let applied = try await officer.post("/admin/register/apply", "yaml=\(encoded)&confirm=yes")
            #expect(applied.status == .seeOther && applied.location == "/admin/register/versions/2")
            let stored = try await gallra.register(by: Self.setup)
            #expect(stored.version == 2)
            let at = String(try await gallra.calendar().rfc3339(stored.appliedAt).prefix(16))
                .replacingOccurrences(of: "T", with: " ")
            let result = try await officer.get("/admin/register/versions/2").body
            #expect(result.contains("Version 2 av registret gäller sedan \(at)."))
        }
        await store.close()
    }

    @Test(
        "The search is posted, never in the address: a phone number with spaces, a name; an address in a link is not searched"
    )
    func subjectSearch() async throws {
        let (_, store, gallra, anna, _) = try await Self.store()
        let app = buildApplication(gallra: gallra, configuration: ServerConfiguration())
        try await app.test(.router) { client in
            let officer = try await Self.signIn(client, "officer")
            let form = try await officer.get("/admin/subjects").body
            #expect(form.contains("method=\"post\" action=\"/admin/subjects\""))
            // As a browser encodes "+46 70 123 45 67" in a form: "+" as %2B, each space as "+".
            let phone = try await officer.post("/admin/subjects", "q=%2B46+70+123+45+67")
            #expect(phone.status == .ok && phone.location == nil, "answered, not redirected")
            #expect(phone.body.contains("<h2 id=\"who\">Anna Andersson</h2>"))
            let named = try await officer.post("/admin/subjects", "q=anna+andersson").body
            #expect(named.contains("<a href=\"/admin/subjects/\(anna)\">Anna Andersson</a>"))
            #expect(!named.contains("Bo Berg"))
            let nobody = try await officer.post("/admin/subjects", "q=Cecilia").body
            #expect(nobody.contains("Ingen person med det namnet hittades."))
            // An address in a link is not looked up; an id is.
            let linked = try await officer.get("/admin/subjects?q=anna%40example.se")
            #expect(linked.status == .ok && !linked.body.contains("Anna Andersson"))
            #expect(linked.body.contains("personuppgifter skrivs inte i sidans adress"))
            let byID = try await officer.get("/admin/subjects?q=\(anna)")
            #expect(byID.location == "/admin/subjects/\(anna)")
            // Support is never shown names, so it cannot search by one.
            let support = try await Self.signIn(client, "support").post("/admin/subjects", "q=anna+andersson")
            #expect(support.status == .forbidden && !support.body.contains("Anna Andersson"))
        }
        await store.close()
    }

    @Test("The privacy notice links the request form, at its top and its end")
    func noticeLinksTheForm() async throws {
        let (_, store, gallra, _, _) = try await Self.store()
        let app = buildApplication(gallra: gallra, configuration: ServerConfiguration())
        try await app.test(.router) { client in
            for (language, words) in [
                ("sv", "Dina personuppgifter: gör en begäran"), ("en", "Your personal data: make a request"),
            ] {
                let notice = String(
                    buffer: try await client.execute(uri: "/privacy?lang=\(language)", method: .get).body)
                let link = "<a href=\"/privacy/request?lang=\(language)\">\(words)</a>"
                #expect(notice.components(separatedBy: link).count == 3, "\(language): twice")
            }
        }
        await store.close()
    }
}
