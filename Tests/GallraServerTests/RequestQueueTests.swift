import Foundation
import GallraCore
import GallraServer
import GallraServices
import GallraStore
import GallraTestSupport
import Hummingbird
import HummingbirdTesting
import Testing

/// The admin UI's queue of requests, as a privacy officer uses it: found by what the person
/// quotes or gives, in tabs, on pages, exported; and a request's page with its requester, its
/// timeline, a warning for the same request made twice, and an erasure asked once more.
@Suite("The admin UI: the request queue")
struct RequestQueueTests {
    static let password = "a password of some length"

    struct Fixture {
        let test: TestStore
        let store: Store
        let gallra: Gallra
        let karin: String
        let olof: String
        let today: CivilDate
    }

    static func fixture(_ backend: TestBackend = .sqlite) async throws -> Fixture {
        let test = try await TestStore.make(backend)
        let store = try await test.openWithRegister()
        let gallra = Gallra(store: store)
        let setup = Party.user("setup")
        _ = try await gallra.addUser(
            email: "officer@example.se", access: Access(role: .privacyOfficer), password: password, by: setup)
        let karin = try await gallra.addSubject(
            NewSubject(
                email: "karin@example.se", name: "Karin Östlund", phone: "070-123 45 67",
                personalNumber: "19811218-9876"), by: setup)
        let olof = try await gallra.addSubject(NewSubject(email: "olof@example.se", name: "Olof Berg"), by: setup)
        for subject in [karin, olof] {
            _ = try await gallra.addRecord(
                NewRecord(
                    subject: subject, activity: "support", category: "case_content", value: "Ärende",
                    collected: Date()), by: setup)
            // The contract has ended: an erasure erases the support case (Art. 17(1)(a)).
            try await gallra.addEvents(
                subject: subject, scope: .subject, events: [(.contractEnd, Date().addingTimeInterval(-86_400))],
                by: setup)
        }
        let today = try await gallra.calendar().localDate(of: Date())
        return Fixture(test: test, store: store, gallra: gallra, karin: karin, olof: olof, today: today)
    }

    static func session(_ client: some TestClientProtocol) async throws -> (cookie: String, csrf: String) {
        let cookie = try await AuthorizationTests.signIn(client, email: "officer@example.se", password: password)
        return (cookie, try await AuthorizationTests.csrf(client, cookie: cookie))
    }

    static func post(
        _ client: some TestClientProtocol, _ path: String, _ fields: [(String, String)],
        session: (cookie: String, csrf: String)
    ) async throws -> TestResponse {
        let body = ([("csrf", session.csrf)] + fields).map { name, value in
            "\(name)=\(value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? value)"
        }.joined(separator: "&")
        return try await client.execute(
            uri: path, method: .post,
            headers: [.cookie: session.cookie, .contentType: "application/x-www-form-urlencoded"],
            body: ByteBuffer(string: body))
    }

    static func get(_ client: some TestClientProtocol, _ path: String, session: (cookie: String, csrf: String))
        async throws -> String
    {
        let response = try await client.execute(uri: path, method: .get, headers: [.cookie: session.cookie])
        #expect(response.status == .ok, "\(path)")
        return String(buffer: response.body)
    }

    @Test("A request is found by its short reference, its id, and the person's e-mail, phone, personnummer or name")
    func searchByEachIdentifier() async throws {
        let fixture = try await Self.fixture()
        let setup = Party.user("setup")
        let karins = try await fixture.gallra.openRequest(.erasure, subject: fixture.karin, by: setup)
        _ = try await fixture.gallra.openRequest(.access, subject: fixture.olof, by: setup)
        let karinRef = try #require(try await fixture.store.requests.request(karins).reference)
        let olofRef = "\(fixture.today.year)-0002"
        let app = buildApplication(gallra: fixture.gallra, configuration: ServerConfiguration())
        try await app.test(.router) { client in
            let session = try await Self.session(client)
            let list = try await Self.get(client, "/admin/requests", session: session)
            #expect(list.contains(karinRef) && list.contains(olofRef), "both are in the queue")
            #expect(list.contains("Karin Östlund") && list.contains("karin@example.se"), "with who asked")
            #expect(list.contains(#"method="post" action="/admin/requests/search""#), "the search is posted")
            let shortWithoutZeros = "\(fixture.today.year)-1"
            for term in [
                karinRef, shortWithoutZeros, karins, "karin@example.se", "KARIN@example.se", "+46 70 123 45 67",
                "0701234567", "19811218-9876", "811218-9876", "östlund", "ostlund", "Karin",
            ] {
                let found = try await Self.post(client, "/admin/requests/search", [("q", term)], session: session)
                let page = String(buffer: found.body)
                #expect(found.status == .ok, "\(term)")
                #expect(page.contains(">\(karinRef)</a>"), "\(term) finds Karin's request")
                #expect(!page.contains(">\(olofRef)</a>"), "\(term) does not find Olof's")
            }
            let none = try await Self.post(
                client, "/admin/requests/search", [("q", "nobody@example.se")], session: session)
            #expect(String(buffer: none.body).contains("Ingen begäran matchar"))
            // A short reference typed into the address leads to the request.
            let typed = try await client.execute(
                uri: "/admin/requests/\(karinRef)", method: .get, headers: [.cookie: session.cookie])
            #expect(typed.status == .seeOther && typed.headers[.location] == "/admin/requests/\(karins)")
            // The search never rides in an address: one there is not read.
            let inAddress = try await Self.get(client, "/admin/requests?q=karin%40example.se", session: session)
            #expect(inAddress.contains(">\(olofRef)</a>"))
        }
        await fixture.store.close()
    }

    @Test("Tabs: open, overdue, completed and all; a completed request stays in the queue")
    func tabs() async throws {
        let fixture = try await Self.fixture()
        let setup = Party.user("setup")
        let late = try await fixture.gallra.openRequest(
            .objection, subject: fixture.olof, received: fixture.today.adding(days: -70), by: setup)
        let done = try await fixture.gallra.openRequest(.access, subject: fixture.karin, by: setup)
        try await fixture.gallra.verifyRequest(done, how: "BankID", by: setup)
        _ = try await fixture.gallra.completeRequest(
            done, reply: RequestReply(format: "html", language: .sv, via: "email"), by: setup)
        let open = try await fixture.gallra.openRequest(.erasure, subject: fixture.karin, by: setup)
        let reference = { (id: String) in try #require(try await fixture.store.requests.request(id).reference) }
        let (lateRef, doneRef, openRef) = (
            try await reference(late), try await reference(done), try await reference(open)
        )
        let app = buildApplication(gallra: fixture.gallra, configuration: ServerConfiguration())
        try await app.test(.router) { client in
            let session = try await Self.session(client)
            let expected: [(String, [String], [String])] = [
                ("open", [lateRef, openRef], [doneRef]), ("overdue", [lateRef], [doneRef, openRef]),
                ("completed", [doneRef], [lateRef, openRef]), ("all", [lateRef, doneRef, openRef], []),
            ]
            for (tab, shown, hidden) in expected {
                let page = try await Self.get(client, "/admin/requests?tab=\(tab)", session: session)
                for reference in shown { #expect(page.contains(">\(reference)</a>"), "\(tab) shows \(reference)") }
                for reference in hidden { #expect(!page.contains(">\(reference)</a>"), "\(tab) hides \(reference)") }
            }
            let counted = try await Self.get(client, "/admin/requests", session: session)
            #expect(counted.contains("Öppna (2)") && counted.contains("Försenade (1)"))
            #expect(counted.contains("Avslutade (1)") && counted.contains("Alla (3)"))
            // A search keeps its tabs in the posted form.
            let searched = try await Self.post(
                client, "/admin/requests/search", [("q", "karin@example.se"), ("tab", "completed")], session: session)
            let text = String(buffer: searched.body)
            #expect(text.contains(">\(doneRef)</a>") && !text.contains(">\(openRef)</a>"))
            // Filtered by kind and by the deadline.
            let erasures = try await Self.get(client, "/admin/requests?tab=all&kind=erasure", session: session)
            #expect(erasures.contains(">\(openRef)</a>") && !erasures.contains(">\(lateRef)</a>"))
            let due = fixture.today.adding(days: -1).description
            let pastDue = try await Self.get(client, "/admin/requests?tab=all&due_to=\(due)", session: session)
            #expect(pastDue.contains(">\(lateRef)</a>") && !pastDue.contains(">\(openRef)</a>"))
        }
        await fixture.store.close()
    }

    @Test("Paging: 25 a page, sorted as asked; the CSV export holds every match, formulas neutralised")
    func pagingAndExport() async throws {
        let fixture = try await Self.fixture()
        let setup = Party.user("setup")
        let tricky = try await fixture.gallra.addSubject(
            NewSubject(email: "eva@example.se", name: "=HYPERLINK(\"http://x\",\"y\")"), by: setup)
        _ = try await fixture.gallra.addRecord(
            NewRecord(subject: tricky, activity: "support", category: "case_content", value: "x", collected: Date()),
            by: setup)
        for _ in 0..<29 {
            _ = try await fixture.gallra.openRequest(.access, subject: fixture.olof, by: setup)
        }
        _ = try await fixture.gallra.openRequest(.erasure, subject: tricky, by: setup)
        let app = buildApplication(gallra: fixture.gallra, configuration: ServerConfiguration())
        try await app.test(.router) { client in
            let session = try await Self.session(client)
            let rows = { (page: String) in page.matches(of: /<a href="\/admin\/requests\/[0-9a-f-]{36}">/).count }
            let first = try await Self.get(client, "/admin/requests?sort=reference", session: session)
            #expect(rows(first) == 25)
            #expect(first.contains("Sida 1 av 2") && first.contains("Antal begäranden: 30"))
            #expect(first.contains(">\(fixture.today.year)-0001</a>"), "the lowest reference first")
            let second = try await Self.get(client, "/admin/requests?sort=reference&page=2", session: session)
            #expect(rows(second) == 5)
            #expect(second.contains("Sida 2 av 2") && second.contains(">\(fixture.today.year)-0030</a>"))
            let latest = try await Self.get(client, "/admin/requests?sort=reference&order=desc", session: session)
            #expect(
                latest.contains(">\(fixture.today.year)-0030</a>")
                    && !latest.contains(">\(fixture.today.year)-0001</a>"))

            let export = try await Self.post(client, "/admin/requests/export", [("tab", "all")], session: session)
            #expect(export.status == .ok)
            #expect(export.headers[.contentType]?.hasPrefix("text/csv") == true)
            #expect(export.headers[.contentDisposition]?.hasPrefix("attachment;") == true)
            let csv = String(buffer: export.body)
            let lines = csv.split(separator: "\r\n")
            #expect(lines.first == "Ärendenummer,Typ,Mottagen,Sista dag,Status,Begärd av,E-post och telefon")
            #expect(lines.count == 31, "a header and every request, not one page")
            #expect(csv.contains(#""'=HYPERLINK(""http://x"",""y"")",eva@example.se"#), "\(csv)")
            let searched = try await Self.post(
                client, "/admin/requests/export", [("q", "eva@example.se"), ("tab", "all")], session: session)
            #expect(String(buffer: searched.body).split(separator: "\r\n").count == 2)
        }
        await fixture.store.close()
    }

    @Test("Two open requests of the same kind for one person are flagged on the page and in the API")
    func duplicateWarning() async throws {
        let fixture = try await Self.fixture()
        let setup = Party.user("setup")
        let first = try await fixture.gallra.openRequest(.objection, subject: fixture.karin, by: setup)
        let other = try await fixture.gallra.openRequest(.access, subject: fixture.karin, by: setup)
        let app = buildApplication(gallra: fixture.gallra, configuration: ServerConfiguration())
        try await app.test(.router) { client in
            let session = try await Self.session(client)
            let alone = try await Self.get(client, "/admin/requests/\(first)", session: session)
            #expect(!alone.contains("Samma person har en annan öppen begäran"), "an access request is another kind")
            // Opening a second objection lands on its page, with the warning.
            let opened = try await Self.post(
                client, "/admin/requests",
                [
                    ("kind", "objection"), ("subject", "karin@example.se"), ("received", fixture.today.description),
                    ("channel", "email"),
                ], session: session)
            #expect(opened.status == .seeOther)
            let second = try #require(opened.headers[.location])
            let page = try await Self.get(client, second, session: session)
            let firstRef = try #require(try await fixture.store.requests.request(first).reference)
            #expect(page.contains("Samma person har en annan öppen begäran av samma typ"))
            #expect(page.contains(">\(firstRef)</a>"))
            let otherRef = try #require(try await fixture.store.requests.request(other).reference)
            #expect(!page.contains(">\(otherRef)</a>"))
            #expect(page.contains("Karin Östlund"), "the page says who asked")

            let token = try await fixture.gallra.createToken(
                name: "ticketing", access: Access(role: .privacyOfficer), by: setup)
            let api = try await client.execute(
                uri: "/api/v1/requests/\(second.split(separator: "/").last ?? "")", method: .get,
                headers: [.authorization: "Bearer \(token)"])
            let json = try JSONSerialization.jsonObject(with: Data(buffer: api.body)) as? [String: Any]
            let duplicates = json?["duplicates"] as? [[String: Any]] ?? []
            #expect(duplicates.map { $0["id"] as? String } == [first])
            #expect(duplicates.first?["reference"] as? String == firstRef)
            #expect((json?["reference"] as? String)?.hasPrefix("\(fixture.today.year)-") == true)
        }
        await fixture.store.close()
    }

    @Test("The timeline reads the audit log: opened, verified, extended, carried out with each decision, mail")
    func timeline() async throws {
        let fixture = try await Self.fixture()
        let setup = Party.user("setup")
        let id = try await fixture.gallra.openRequest(.erasure, subject: fixture.olof, by: setup)
        try await fixture.gallra.verifyRequest(id, how: "BankID", by: setup)
        _ = try await fixture.gallra.extendRequest(id, reason: "Many systems", by: setup)
        let app = buildApplication(gallra: fixture.gallra, configuration: ServerConfiguration())
        try await app.test(.router) { client in
            let session = try await Self.session(client)
            let page = try await Self.get(client, "/admin/requests/\(id)", session: session)
            let timeline = try #require(page.split(separator: "id=\"timeline\"").last)
            let opened = try #require(timeline.range(of: "Registrerad"))
            let verified = try #require(timeline.range(of: "Identiteten kontrollerad"))
            let extended = try #require(timeline.range(of: "Tidsfristen förlängd"))
            #expect(opened.lowerBound < verified.lowerBound && verified.lowerBound < extended.lowerBound)
            #expect(timeline.contains("Av setup"), "who acted")
            #expect(!timeline.contains("Verkställd"))

            let confirmed = try await Self.post(
                client, "/admin/requests/\(id)/complete", [("confirmed", "yes")], session: session)
            #expect(confirmed.status == .seeOther)
            let done = try await Self.get(client, "/admin/requests/\(id)", session: session)
            let after = try #require(done.split(separator: "id=\"timeline\"").last)
            #expect(after.contains("Verkställd") && after.contains("Av officer@example.se"))
            #expect(after.contains("Kundärenden/Support: radera"), "each decision with its activity")
            #expect(!after.contains("()"), "no empty detail")

            // A mail about the request, queued and then sent through a real transport (a directory).
            try await fixture.store.work(by: .system("privacy-page")) {
                try await fixture.store.outbox.enqueue(
                    Data("Subject: Kvitto\r\n\r\nHej\r\n".utf8), purpose: "receipt", about: (id, fixture.olof))
            }
            let queued = try await Self.get(client, "/admin/requests/\(id)", session: session)
            #expect(queued.contains("E-post lagd i kö") && !queued.contains("E-post skickad"))
            let folder = fixture.test.directory.appendingPathComponent("mail")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let sent = try await fixture.gallra.sendDueMail(through: .directory(folder.path))
            #expect(sent.count == 1 && sent.first?.failure == nil)
            let shown = try await Self.get(client, "/admin/requests/\(id)", session: session)
            #expect(shown.contains("E-post skickad"), "the timeline says it went, from the outbox's record")
        }
        await fixture.store.close()
    }

    @Test("An erasure is carried out only from the page that shows whose data and what happens")
    func erasureConfirmation() async throws {
        let fixture = try await Self.fixture()
        let setup = Party.user("setup")
        let id = try await fixture.gallra.openRequest(.erasure, subject: fixture.karin, by: setup)
        try await fixture.gallra.verifyRequest(id, how: "BankID", by: setup)
        let app = buildApplication(gallra: fixture.gallra, configuration: ServerConfiguration())
        try await app.test(.router) { client in
            let session = try await Self.session(client)
            let page = try await Self.get(client, "/admin/requests/\(id)", session: session)
            #expect(page.contains("href=\"/admin/requests/\(id)/confirm\""), "the request page leads to the check")
            #expect(!page.contains("action=\"/admin/requests/\(id)/complete\""), "not straight to the completion")

            let confirm = try await Self.get(client, "/admin/requests/\(id)/confirm", session: session)
            #expect(confirm.contains("Verkställa den här raderingen?"))
            #expect(confirm.contains("Karin Östlund"), "whose data")
            #expect(confirm.contains("Kundärenden/Support"), "each activity's decision")
            #expect(confirm.contains("<strong>radera</strong>"), "what is erased")
            #expect(
                confirm.contains(
                    #"<td data-label="Behandling">Kundärenden/Support</td><td data-label="Poster">1</td>"#),
                "how many records each activity holds of her")
            #expect(confirm.contains(#"name="confirmed" value="yes""#))

            let unconfirmed = try await Self.post(client, "/admin/requests/\(id)/complete", [], session: session)
            #expect(unconfirmed.status == .conflict)
            #expect(String(buffer: unconfirmed.body).contains("Raderingen verkställdes inte"))
            #expect(try await fixture.store.requests.request(id).status != .completed, "nothing was done")
            let records = try await fixture.test.rows(
                "SELECT id FROM records WHERE subject_id = \(bind: fixture.karin)")
            #expect(!records.isEmpty, "nothing was erased")

            let confirmed = try await Self.post(
                client, "/admin/requests/\(id)/complete", [("confirmed", "yes")], session: session)
            #expect(confirmed.status == .seeOther)
            #expect(try await fixture.store.requests.request(id).status == .completed)
            let erased = try await fixture.test.rows("SELECT id FROM records WHERE subject_id = \(bind: fixture.karin)")
            #expect(erased.isEmpty, "confirmed, the support case is erased")
            let result = try await Self.get(client, "/admin/requests/\(id)", session: session)
            #expect(result.contains("Vad som gjordes"), "the page says what was done, from the completed request")
        }
        await fixture.store.close()
    }

    @Test("Support sees only its activities' requests, and of the requester only what was given under them")
    func supportSeesLess() async throws {
        let fixture = try await Self.fixture()
        let setup = Party.user("setup")
        _ = try await fixture.gallra.addUser(
            email: "support@example.se", access: Access(role: .support, activities: ["support"]),
            password: Self.password, by: setup)
        let shop = try await fixture.gallra.openRequest(
            .access, subject: fixture.karin, activities: ["customer-purchases"], by: setup)
        let theirs = try await fixture.gallra.openRequest(
            .access, subject: fixture.olof, activities: ["support"], by: setup)
        let app = buildApplication(gallra: fixture.gallra, configuration: ServerConfiguration())
        try await app.test(.router) { client in
            let cookie = try await AuthorizationTests.signIn(
                client, email: "support@example.se", password: Self.password)
            let page = try await Self.get(client, "/admin/requests", session: (cookie, ""))
            let shopRef = try #require(try await fixture.store.requests.request(shop).reference)
            let theirRef = try #require(try await fixture.store.requests.request(theirs).reference)
            #expect(page.contains(">\(theirRef)</a>") && !page.contains(">\(shopRef)</a>"))
            #expect(!page.contains("Olof Berg"), "the name was given to another activity")
        }
        await fixture.store.close()
    }
}
