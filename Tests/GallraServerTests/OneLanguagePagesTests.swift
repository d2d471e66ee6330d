import Foundation
import GallraCore
import GallraServices
import GallraStore
import GallraTestSupport
import Hummingbird
import HummingbirdTesting
import Testing

@testable import GallraServer

/// Every page of the admin UI and the public pages, walked as a signed-in officer on the demo
/// data in Swedish and again in English: no word of the other language's catalogue on a page,
/// and no English sentence on a Swedish page (checker, import, search and error messages that
/// bypass the catalogue show up so). The register's own texts and the people's data are the
/// company's, in whatever language it wrote them, and are not judged.
@Suite("One language at a time", .serialized)
struct OneLanguagePagesTests {
    static let password = "a password of some length"
    static let setup = Party.user("setup")

    static func demo() async throws -> (TestStore, Store, Gallra) {
        let test = try await TestStore.make(.sqlite)
        let store = try await test.open()
        let gallra = Gallra(store: store)
        _ = try await gallra.loadDemo(
            registerYAML: DemoRegister.yaml, file: DemoRegister.file, population: 30, by: setup)
        for language in ["sv", "en"] {
            _ = try await gallra.addUser(
                email: "admin-\(language)@example.se", access: Access(role: .admin), language: language,
                password: password, by: setup)
        }
        return (test, store, gallra)
    }

    @Test(
        "Every admin and public page reachable by a link speaks only the user's language", arguments: Language.allCases)
    func everyPage(language: Language) async throws {
        let (_, store, gallra) = try await Self.demo()
        let app = buildApplication(gallra: gallra, configuration: ServerConfiguration())
        // Proper names, as the register gives them, are nobody's words to translate.
        let register = try await gallra.register(by: Self.setup).register
        let clients = register.processorRecord?.controllers ?? []
        let names = Set(
            [register.controller.name, register.controller.dpo?.name].compactMap { $0 }
                + register.recipients.map(\.name)
                + clients.flatMap { [$0.name, $0.dpo?.name].compactMap { $0 } })
        try await app.test(.router) { client in
            let cookie = try await AuthorizationTests.signIn(
                client, email: "admin-\(language.rawValue)@example.se", password: Self.password)
            let anna = try await store.subjects.resolve("anna.andersson@example.se")
            var queue = [
                "/admin", "/admin/subjects/\(anna)", "/admin/register/versions/1", "/privacy?lang=\(language.rawValue)",
                "/privacy/request?lang=\(language.rawValue)",
                "/admin/no-such-page",
            ]
            var seen = Set(queue)
            var kinds: [String: Int] = [:]
            var findings: [String] = []
            var visited = 0
            var slow: [String] = []
            while !queue.isEmpty, visited < 80 {
                let path = queue.removeFirst()
                // Two pages of a kind (two requests, two incidents) say what all of them say.
                let kind = PageLanguage.kind(path)
                guard kinds[kind, default: 0] < 2 else { continue }
                kinds[kind, default: 0] += 1
                visited += 1
                let started = ContinuousClock.now
                let response = try await client.execute(uri: path, method: .get, headers: [.cookie: cookie])
                if ContinuousClock.now - started > .seconds(1) { slow.append(path) }
                guard response.headers[.contentType]?.hasPrefix("text/html") ?? false else { continue }
                let html = String(buffer: response.body)
                let named = names.reduce(html) { page, name in page.replacingOccurrences(of: name, with: " ") }
                for finding in PageLanguage.findings(in: named, language: language) {
                    findings.append("\(path): \(finding)")
                }
                for link in PageLanguage.links(in: html)
                where !seen.contains(link) && PageLanguage.follows(link, in: language) {
                    seen.insert(link)
                    queue.append(link)
                }
            }
            #expect(visited > 20, "the walk reached \(visited) pages")
            print("walked \(visited) pages: \(kinds.keys.sorted()); slow: \(slow)")
            #expect(findings.isEmpty, "\(findings.count) findings:\n\(findings.prefix(80).joined(separator: "\n"))")
        }
        await store.close()
    }

    /// Forms filled in wrong, as an officer in a hurry does: what the checker, the use cases and
    /// the error pages answer is in the officer's language too.
    @Test("A form filled in wrong is answered in the user's language", arguments: Language.allCases)
    func formsFilledInWrong(language: Language) async throws {
        let (_, store, gallra) = try await Self.demo()
        let app = buildApplication(gallra: gallra, configuration: ServerConfiguration())
        let broken = try String(
            contentsOf: packageRoot.appendingPathComponent("Tests/GallraCoreTests/Fixtures/broken-register.yaml"),
            encoding: .utf8)
        try await app.test(.router) { client in
            let cookie = try await AuthorizationTests.signIn(
                client, email: "admin-\(language.rawValue)@example.se", password: Self.password)
            let csrf = try await AuthorizationTests.csrf(client, cookie: cookie)
            func post(_ path: String, _ fields: [(String, String)]) async throws -> TestResponse {
                let body = (fields + [("csrf", csrf)]).map { "\($0)=\(Self.encoded($1))" }.joined(separator: "&")
                return try await client.execute(
                    uri: path, method: .post,
                    headers: [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"],
                    body: ByteBuffer(string: body))
            }
            let answers: [(String, TestResponse)] = [
                ("review", try await post("/admin/register/review", [("yaml", broken)])),
                (
                    "request",
                    try await post("/admin/requests", [("kind", "access"), ("subject", "anna@"), ("received", "")])
                ),
                ("request", try await post("/admin/requests", [("kind", "access"), ("subject", "199001011235")])),
                ("user", try await post("/admin/users", [("email", "not an address"), ("role", "support")])),
                (
                    "password",
                    try await post("/admin/account/password", [("current", "wrong"), ("new", "x"), ("again", "x")])
                ),
                ("incident", try await post("/admin/incidents", [("aware", "igår"), ("description", "")])),
                (
                    "version",
                    try await client.execute(
                        uri: "/admin/register/versions/999", method: .get, headers: [.cookie: cookie])
                ),
            ]
            var findings: [String] = []
            for (what, response) in answers {
                #expect((400..<500).contains(response.status.code), "\(what): \(response.status)")
                let html = String(buffer: response.body)
                for finding in PageLanguage.findings(in: html, language: language) {
                    findings.append("\(what): \(finding)")
                }
            }
            #expect(findings.isEmpty, "\(findings.count) findings:\n\(findings.joined(separator: "\n"))")
            let review = String(buffer: answers[0].1.body)
            #expect(review.contains(language == .sv ? "okänt fält" : "unknown field"))
        }
        await store.close()
    }

    static func encoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
    }

    @Test("Signed out, the sign-in page and a missing page speak the browser's language; the API keeps JSON")
    func browserLanguage() async throws {
        let (_, store, gallra) = try await Self.demo()
        let app = buildApplication(gallra: gallra, configuration: ServerConfiguration())
        try await app.test(.router) { client in
            let english: HTTPFields = [.acceptLanguage: "en-GB,en;q=0.9,sv;q=0.5"]
            let login = try await client.execute(uri: "/admin/login", method: .get, headers: english)
            #expect(String(buffer: login.body).contains(#"<html lang="en">"#))
            #expect(String(buffer: login.body).contains(Words(.en)[.signIn]))
            let swedish = try await client.execute(
                uri: "/admin/login", method: .get, headers: [.acceptLanguage: "sv-SE,sv;q=0.9"])
            #expect(String(buffer: swedish.body).contains(#"<html lang="sv">"#))
            let asked = try await client.execute(uri: "/admin/login?lang=sv", method: .get, headers: english)
            #expect(String(buffer: asked.body).contains(#"<html lang="sv">"#), "?lang= before the browser")

            let missing = try await client.execute(uri: "/no/such/page", method: .get, headers: english)
            #expect(missing.status == .notFound)
            #expect(missing.headers[.contentType] == "text/html; charset=utf-8")
            let page = String(buffer: missing.body)
            #expect(page.contains("There is no such page.") && page.contains(#"href="/privacy?lang=en""#))
            let missingSv = try await client.execute(uri: "/privacy/nothing", method: .get)
            #expect(String(buffer: missingSv.body).contains("Sidan finns inte."))
            let api = try await client.execute(uri: "/api/v1/nothing", method: .get, headers: english)
            #expect(api.status == .notFound || api.status == .unauthorized)
            #expect(api.headers[.contentType]?.hasPrefix("application/json") ?? false)
            #expect(String(buffer: api.body).contains("openapi.json") || api.status == .unauthorized)

            // Signed in, a missing admin page speaks the user's language, with the nav.
            let cookie = try await AuthorizationTests.signIn(
                client, email: "admin-sv@example.se", password: Self.password)
            let signedIn = try await client.execute(
                uri: "/admin/no-such-page", method: .get, headers: [.cookie: cookie, .acceptLanguage: "en"])
            #expect(signedIn.status == .notFound)
            #expect(String(buffer: signedIn.body).contains("Sidan finns inte."))
            #expect(String(buffer: signedIn.body).contains(#"action="/admin/logout""#))
        }
        await store.close()
    }

    @Test("The admin UI's language switch is kept with the user, goes back to the page, and is audited")
    func languageSwitch() async throws {
        let (test, store, gallra) = try await Self.demo()
        let app = buildApplication(gallra: gallra, configuration: ServerConfiguration())
        try await app.test(.router) { client in
            let cookie = try await AuthorizationTests.signIn(
                client, email: "admin-sv@example.se", password: Self.password)
            let csrf = try await AuthorizationTests.csrf(client, cookie: cookie)
            let before = try await client.execute(uri: "/admin/retention", method: .get, headers: [.cookie: cookie])
            let swedish = String(buffer: before.body)
            #expect(swedish.contains(#"<html lang="sv">"#))
            #expect(swedish.contains(#"<input type="hidden" name="page" value="/admin/retention">"#))
            #expect(swedish.contains(#"lang="en""#) && swedish.contains(">English</button>"))
            func choose(_ fields: String) async throws -> TestResponse {
                try await client.execute(
                    uri: "/admin/language", method: .post,
                    headers: [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"],
                    body: ByteBuffer(string: "csrf=\(csrf)&" + fields))
            }
            let chosen = try await choose("language=en&page=%2Fadmin%2Fretention")
            #expect(chosen.status == .seeOther && chosen.headers[.location] == "/admin/retention")
            let after = try await client.execute(uri: "/admin/retention", method: .get, headers: [.cookie: cookie])
            #expect(String(buffer: after.body).contains(#"<html lang="en">"#))
            #expect(String(buffer: after.body).contains(">Svenska</button>"))
            // Kept with the user: a new session speaks English too.
            let again = try await AuthorizationTests.signIn(
                client, email: "admin-sv@example.se", password: Self.password)
            let next = try await client.execute(uri: "/admin", method: .get, headers: [.cookie: again])
            #expect(String(buffer: next.body).contains(#"<html lang="en">"#))
            // Only back to a page of this site's admin UI.
            for elsewhere in ["%2F%2Fevil.example%2Fadmin", "https%3A%2F%2Fevil.example", "%2Fadmin%2F..%2Fapi", ""] {
                let away = try await choose("language=sv&page=\(elsewhere)")
                #expect(away.headers[.location] == "/admin", "\(elsewhere)")
            }
            let bad = try await choose("language=de&page=%2Fadmin")
            #expect(bad.status == .unprocessableContent)
            let stale = try await client.execute(
                uri: "/admin/language", method: .post,
                headers: [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "csrf=wrong&language=en"))
            #expect(stale.status == .forbidden)
        }
        let entries = try await test.rows("SELECT detail FROM audit_log WHERE action = 'user.language'")
        #expect(entries.count >= 2)
        await store.close()
    }

    @Test("Counts read right in both languages: 1 post, 2 poster; 1 record, 2 records")
    func plurals() {
        let sv = Words(.sv)
        let en = Words(.en)
        #expect(
            sv.count(1, .record) == "1 post" && sv.count(2, .record) == "2 poster" && sv.count(0, .record) == "0 poster"
        )
        #expect(en.count(1, .record) == "1 record" && en.count(128, .record) == "128 records")
        #expect(sv.count(1, .person) == "1 person" && en.count(3, .person) == "3 people")
        #expect(sv.fill(.overdueRecords, ["records": sv.count(1, .record)]).hasSuffix(": 1 post"))
    }
}

/// What a page says, as a reader sees it, judged for its language.
enum PageLanguage {
    /// The same-site links of a page worth walking (no downloads, no sign-out).
    static func links(in html: String) -> [String] {
        html.matches(of: /href="(\/(?:admin|privacy)[^"#]*)"/).map { decode(String($0.1)) }
    }

    /// Whether the walk follows a link: not to a download, a sign-out or the other language.
    static func follows(_ link: String, in language: Language) -> Bool {
        let other = language == .sv ? "en" : "sv"
        return !link.contains("/download") && !link.contains("logout") && !link.contains("lang=\(other)")
            && !link.hasSuffix(".csv") && !link.hasSuffix(".json")
    }

    /// A page's kind: its path with ids and numbers taken out.
    static func kind(_ path: String) -> String {
        path.replacing(/[0-9a-f]{8}-[0-9a-f-]{27}|\d+/, with: "#")
    }

    /// The text a reader sees or hears: text between tags, and the labels in attributes.
    static func visibleText(_ html: String, language: Language) -> String {
        var text = html.replacing(/<script[\s\S]*?<\/script>/, with: " ").replacing(
            /<style[\s\S]*?<\/style>/, with: " ")
        // Not the page's words: codes (`subject.read`), and what a page marks as written in another
        // language (the other language's name on the switch, the audit chain's entries) or as
        // given (a person's or an officer's own text).
        let marked = try! NSRegularExpression(
            pattern: #"<(?!html)(\w+)[^>]*\s(?:lang="[a-z]+"|translate="no")[^>]*>[\s\S]*?</\1>"#)
        text = marked.stringByReplacingMatches(
            in: text, range: NSRange(text.startIndex..., in: text), withTemplate: " ")
        text = text.replacing(/<code>[^<]*<\/code>/, with: " ")
        var labels: [String] = []
        for match in text.matches(of: /(?:title|aria-label|placeholder|alt)="([^"]*)"/) {
            labels.append(String(match.1))
        }
        for match in text.matches(of: /<input[^>]*type="submit"[^>]*value="([^"]*)"/) { labels.append(String(match.1)) }
        text = text.replacing(/<[^>]*>/, with: "\n")
        return decode(text + "\n" + labels.joined(separator: "\n"))
    }

    static func decode(_ text: String) -> String {
        text.replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&#x2F;", with: "/")
    }

    /// The other language's catalogue, in fragments a page could show (the parts between a
    /// word's placeholders), longest first; only words that differ between the languages.
    static func foreignFragments(_ language: Language) -> [String] {
        let other: Language = language == .sv ? .en : .sv
        var fragments = Set<String>()
        for word in Word.allCases {
            let own = Words(language)[word]
            let foreign = Words(other)[word]
            guard own != foreign else { continue }
            for part in foreign.split(separator: /\{[^}]*\}|%[@d]|\n/) {
                let fragment = part.trimmingCharacters(in: .whitespacesAndNewlines.union(.punctuationCharacters))
                if fragment.count >= 4, fragment.contains(where: \.isLetter), !own.contains(fragment),
                    !bothLanguages.contains(fragment)
                {
                    fragments.insert(fragment)
                }
            }
        }
        return fragments.sorted { $0.count > $1.count }
    }

    /// Words of both languages, and names.
    static let bothLanguages: Set<String> = ["Register", "Status", "Version", "Person", "Export", "BankID"]

    /// Words that only an English sentence has.
    static let englishMarkers: Set<String> = [
        "the", "of", "is", "was", "has", "have", "not", "with", "and", "this", "that", "from", "been", "are",
        "be", "it", "its", "which", "cannot", "must", "no", "by", "for", "to", "or", "an",
    ]

    static func findings(in html: String, language: Language) -> [String] {
        let text = visibleText(html, language: language)
        let fragments = foreignFragments(language)
        var found: [String] = []
        for line in text.split(whereSeparator: \.isNewline) {
            // What a sentence quotes ("retention", "automated_decisions: none") is the file's, not the page's.
            let line = line.replacing(/"[^"]*"/, with: " ").trimmingCharacters(in: .whitespaces)
            guard !line.isEmpty else { continue }
            for fragment in fragments where contains(line, word: fragment) {
                found.append("\"\(fragment)\" (other catalogue) in \"\(line.prefix(120))\"")
                break
            }
            if language == .sv {
                let words = line.lowercased().split(whereSeparator: { !$0.isLetter })
                let markers = words.filter { englishMarkers.contains(String($0)) }
                if markers.count >= 2 { found.append("English in \"\(line.prefix(120))\"") }
            }
        }
        return Array(Set(found)).sorted()
    }

    /// Whether `line` has `fragment` as whole words.
    static func contains(_ line: String, word fragment: String) -> Bool {
        var start = line.startIndex
        while let range = line.range(of: fragment, range: start..<line.endIndex) {
            let before = range.lowerBound == line.startIndex ? nil : line[line.index(before: range.lowerBound)]
            let after = range.upperBound == line.endIndex ? nil : line[range.upperBound]
            if !(before?.isLetter ?? false) && !(after?.isLetter ?? false) { return true }
            start = range.upperBound
        }
        return false
    }
}
