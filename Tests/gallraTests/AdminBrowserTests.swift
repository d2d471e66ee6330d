import Foundation
import Testing

/// The admin UI in a real Chromium against a live `gallra serve --demo`: signing in, finding a
/// person, carrying out an erasure request and seeing their records gone, a support user refused
/// another activity's subject, every page checked with axe-core and kept as a screenshot in
/// both languages.
@Suite(
    "The admin UI in a real browser", .serialized,
    .enabled(if: Browser.driverPath != nil || Browser.mustRun, "Chromium and chromedriver are not installed"))
struct AdminBrowserTests {
    static let screenshots = packageRoot.appendingPathComponent(".build/screenshots/admin")

    /// axe-core as the PyPI package axe-selenium-python ships it (installed by the test command).
    static var axe: String? {
        guard let root = ProcessInfo.processInfo.environment["GALLRA_TEST_PYTHONPATH"] else { return nil }
        return try? String(
            contentsOfFile: root + "/axe_selenium_python/node_modules/axe-core/axe.min.js", encoding: .utf8)
    }

    func signIn(_ browser: Browser, _ server: DemoServer, email: String, password: String) async throws {
        try await browser.open(URL(string: "\(server.url)/admin")!)
        #expect(try await browser.path() == "/admin/login", "without a session, the sign-in page")
        try await browser.type(email, into: "#email")
        try await browser.type(password, into: "#password")
        try await browser.click("form.narrow button")
    }

    /// Finds a person as an officer does: the search box, posted (never an address with the
    /// person in it).
    func find(_ browser: Browser, _ server: DemoServer, _ query: String) async throws {
        try await browser.open(URL(string: "\(server.url)/admin/subjects")!)
        try await browser.type(query, into: "#q")
        try await browser.click("form.search button")
    }

    /// Looks at the page: no serious or critical accessibility problem, and a screenshot.
    func look(_ browser: Browser, _ name: String) async throws {
        if let axe = Self.axe {
            let problems = try await browser.accessibilityProblems(axe: axe)
            #expect(problems.isEmpty, "\(name): \(problems.joined(separator: "; "))")
        } else if Browser.mustRun {
            Issue.record("axe-core is not installed (GALLRA_TEST_PYTHONPATH)")
        }
        try await browser.fitToPage(width: 1280)
        try await browser.screenshot().write(to: Self.screenshots.appendingPathComponent("\(name).png"))
    }

    @Test("Sign in, find a person, carry out an erasure, and look at every page")
    func privacyOfficer() async throws {
        let server = try DemoServer()
        defer { server.stop() }
        try await server.ready()
        try FileManager.default.createDirectory(at: Self.screenshots, withIntermediateDirectories: true)
        let password = try #require(server.adminPassword)
        // Anna's erasure request, found as a program would.
        let anna = try JSONSerialization.jsonObject(
            with: Data(try server.gallra(["subject", "export", "anna.andersson@example.se"]).stdout.utf8))
        let annaID = try #require((anna as? [String: Any])?["subject"] as? String)
        let listed = try JSONSerialization.jsonObject(
            with: Data(try server.gallra(["request", "list", "--json"]).stdout.utf8))
        let annasRequest = try #require(
            (listed as? [[String: Any]])?.first { $0["subject"] as? String == annaID }?["id"] as? String)

        let browser = try await Browser(width: 1280, height: 1000)
        do {
            try await browser.open(URL(string: "\(server.url)/admin/login")!)
            try await look(browser, "login-sv")
            try await signIn(browser, server, email: "admin@example.se", password: password)
            #expect(try await browser.path() == "/admin")
            let overview = try await browser.text()
            #expect(overview.contains("Översikt"))
            #expect(overview.contains("försenad med"), "overdue requests are shown")
            #expect(overview.contains("Anmäl till IMY senast"), "the incident's clock runs")
            try await look(browser, "dashboard-sv")

            try await browser.open(URL(string: "\(server.url)/admin/subjects")!)
            try await browser.type("anna.andersson@example.se", into: "#q")
            try await browser.click("form.search button")
            let before = try await browser.text()
            #expect(before.contains("Anna Andersson"))
            #expect(before.contains("Skrivaren skriver inte ut fakturor"))
            try await look(browser, "subject-sv")
            // Her copy, prepared on its own while its page shows how far it has come.
            try await browser.click("form[action$='/export'] button")
            #expect(try await browser.path().hasPrefix("/admin/exports/"))
            var ready = false
            for _ in 0..<40 where !ready {
                ready = try await browser.text().contains("Kopian är klar")
                if !ready { try await Task.sleep(for: .milliseconds(500)) }
            }
            #expect(ready, "the copy became ready and its page said so")
            try await look(browser, "export-sv")
            try await find(browser, server, "anna.andersson@example.se")
            // A legal hold on the support case, then released.
            try await browser.type("Tvist om faktura 2025-0042", into: "#hold-reason")
            try await browser.click("form[action$='/holds'] button")
            #expect(try await browser.shows("tills det hävs"), "the hold is in force")
            // Released only once confirmed, on a page that names whose hold it is.
            try await browser.click("a[href$='/release']")
            #expect(try await browser.text().contains("Häva bevarandebeslutet?"))
            #expect(try await browser.text().contains("Anna Andersson"))
            try await look(browser, "hold-release-sv")
            try await browser.click("form[action$='/release'] button")
            #expect(try await browser.shows("Bevarandebeslutet hävdes"))
            try await look(browser, "hold-released-sv")
            try await browser.click("main a[href^='/admin/subjects/']")
            #expect(try await browser.shows("Inget bevarandebeslut gäller."))

            try await browser.open(URL(string: "\(server.url)/admin/requests/\(annasRequest)")!)
            #expect(try await browser.text().contains(": radering (Art. 17)"))
            try await look(browser, "request-sv")
            try await browser.click("a[href^='/admin/subjects?q=']")
            #expect(try await browser.text().contains("Anna Andersson"), "the request links to the person")
            try await browser.open(URL(string: "\(server.url)/admin/requests/\(annasRequest)")!)
            try await browser.type("BankID", into: "#how")
            try await browser.click("form[action$='/verify'] button")
            // An erasure is asked once more, on the page that shows whose data and what it does.
            try await browser.click("a[href$='/confirm']")
            #expect(try await browser.text().contains("Anna Andersson"))
            try await browser.click("form[action$='/complete'] button")
            #expect(try await browser.text().contains("Slutförd"), "the request is completed")

            try await find(browser, server, "anna.andersson@example.se")
            let after = try await browser.text()
            #expect(!after.contains("Skrivaren skriver inte ut fakturor"), "the support case is erased")
            #expect(after.contains("Faktura 2025-0042"), "the invoice is kept under the accounting law")

            for page in ["requests", "incidents", "register", "retention"] {
                try await browser.open(URL(string: "\(server.url)/admin/\(page)")!)
                try await look(browser, "\(page)-sv")
            }
            #expect(
                try await browser.evaluate("return document.querySelectorAll('svg.chart rect').length") as? Int ?? 0
                    > 3,
                "the forecast is drawn")
            try await browser.click("form[action$='/dry-run'] button")
            #expect(try await browser.text().contains("Gallringen skulle nu"))
            // The sweep asks first, with what the dry run found; then runs on its own, and its
            // page renews itself until it is done.
            try await browser.open(URL(string: "\(server.url)/admin/retention")!)
            try await browser.click("form[action$='/retention/sweep'] button")
            #expect(try await browser.text().contains("Gallra nu?"))
            try await look(browser, "sweep-confirm-sv")
            try await browser.click("form.confirm button")
            #expect(try await browser.path().hasPrefix("/admin/retention/sweep/"))
            var done = false
            for _ in 0..<40 where !done {
                done = try await browser.text().contains("Gallringen är klar")
                if !done { try await Task.sleep(for: .milliseconds(500)) }
            }
            #expect(done, "the sweep finished and its page said so")
            try await look(browser, "sweep-sv")
            try await browser.open(URL(string: "\(server.url)/admin/retention")!)
            #expect(try await browser.text().contains("De senaste gallringarna"))
            #expect(try await browser.text().contains("(user:"), "the last sweep names who ran it")
            try await reviewRegisters(browser, server)
            try await importSpreadsheet(browser, server)
            // On a phone: nothing wider than the screen.
            for page in ["", "/subjects", "/requests", "/retention"] {
                try await browser.open(URL(string: "\(server.url)/admin\(page)")!)
                try await browser.fitToPage(width: 390)
                let overflow =
                    try await browser.evaluate(
                        "return document.documentElement.scrollWidth - document.documentElement.clientWidth") as? Int
                #expect(overflow == 0, "\(page) on a 390-pixel screen overflows by \(overflow ?? -1) px")
                try await browser.screenshot().write(
                    to: Self.screenshots.appendingPathComponent(
                        "phone\(page.prefix { $0 != "?" }.replacingOccurrences(of: "/", with: "-")).png"))
            }
        } catch {
            await browser.quit()
            throw error
        }
        await browser.quit()
    }

    @Test("In English; a support user is refused another activity's subject")
    func englishAndSupport() async throws {
        let server = try DemoServer()
        defer { server.stop() }
        try await server.ready()
        try FileManager.default.createDirectory(at: Self.screenshots, withIntermediateDirectories: true)
        let password = "ett långt lösenord för test"
        for (email, role) in [
            ("eve@example.se", ["--role", "privacy_officer"]),
            ("sam@example.se", ["--role", "support", "--activity", "support"]),
        ] {
            let added = try server.gallra(
                ["user", "add", email, "--lang", "en", "--password-stdin"] + role, input: password + "\n")
            #expect(added.status == 0, "\(added.stderr)")
        }
        let browser = try await Browser(width: 1280, height: 1000)
        do {
            try await signIn(browser, server, email: "eve@example.se", password: password)
            #expect(try await browser.text().contains("Overview"))
            try await look(browser, "dashboard-en")
            try await find(browser, server, "anna.andersson@example.se")
            try await look(browser, "subjects-en")
            for page in ["requests", "incidents", "register", "retention"] {
                try await browser.open(URL(string: "\(server.url)/admin/\(page)")!)
                try await look(browser, "\(page)-en")
            }
            try await handleRequestAndIncident(browser, server)
            try await browser.click("form.signout button")
            #expect(try await browser.path() == "/admin/login")
            try await browser.open(URL(string: "\(server.url)/admin/login?lang=en")!)
            try await look(browser, "login-en")

            try await signIn(browser, server, email: "sam@example.se", password: password)
            try await find(browser, server, "anna.andersson@example.se")
            // Anna has a support case: support sees it, and the address it found her by, but not
            // her name, which was given outside its activities.
            let anna = try await browser.text()
            #expect(anna.contains("Skrivaren skriver inte ut fakturor"), "Anna has a support case")
            #expect(!anna.contains("Anna Andersson"))
            try await find(browser, server, "bertil.berg@example.se")
            let refused = try await browser.text()
            #expect(!refused.contains("Bertil Berg"))
            #expect(refused.contains("No subject within the activities assigned to you"))
            try await look(browser, "subject-refused-en")
        } catch {
            await browser.quit()
            throw error
        }
        await browser.quit()
    }

    /// A broken register shows its errors at their lines and changes nothing; a shorter rule
    /// shows, before it is applied, what it would make expire.
    func reviewRegisters(_ browser: Browser, _ server: DemoServer) async throws {
        let example = try String(
            contentsOf: packageRoot.appendingPathComponent("examples/exempel-programvara.yaml"), encoding: .utf8)
        let lines = example.split(separator: "\n", omittingEmptySubsequences: false)
        let supportRule = try #require(lines.firstIndex { $0.contains("retention: \"contract.end + 3y\"") })
        let broken = server.directory.appendingPathComponent("broken.yaml")
        try example.replacingOccurrences(
            of: "retention: \"contract.end + 3y\"", with: "retention: \"contract.end + 3 parsecs\""
        )
        .write(to: broken, atomically: true, encoding: .utf8)
        try await browser.open(URL(string: "\(server.url)/admin/register")!)
        try await browser.type(broken.path, into: "#file")
        try await browser.click("form[action$='/review'] button")
        // The upload's answer may still be loading when the click returns (seen on a loaded machine).
        #expect(try await browser.shows("Registret underkänns"))
        let refused = try await browser.text()
        #expect(refused.contains("Rad \(supportRule + 1)"), "the error names its line")
        #expect(
            try await browser.evaluate("return document.getElementById('line-\(supportRule + 1)').className") as? String
                == "flagged", "the line is marked in the file")
        #expect(
            try await browser.evaluate("return document.querySelectorAll('li.flagged').length") as? Int == 1,
            "and no other line")
        try await look(browser, "register-refused-sv")

        let shorter = server.directory.appendingPathComponent("shorter.yaml")
        try example.replacingOccurrences(
            of: "retention: \"contract.end + 3y\"", with: "retention: \"contract.end + 30d\""
        )
        .write(to: shorter, atomically: true, encoding: .utf8)
        try await browser.open(URL(string: "\(server.url)/admin/register")!)
        try await browser.type(shorter.path, into: "#file")
        try await browser.click("form[action$='/review'] button")
        #expect(try await browser.shows("tre år efter att avtalet upphört → 30 dagar efter att avtalet upphört"))
        let review = try await browser.text()
        #expect(review.contains("Kundärenden/Support"))
        try await look(browser, "register-review-sv")
        let version = try server.gallra(["register", "export", "--format", "json"])
        #expect(version.stdout.hasPrefix(#"{"version": 1,"#), "nothing was applied by the review")
        // Applied only once confirmed, on a page that says again what changes; the result is
        // the version's row.
        try await browser.click("form[action$='/apply'] button")
        let question = try await browser.text()
        #expect(question.contains("Införa den nya versionen av registret?"))
        #expect(question.contains("Kundärenden/Support"))
        try await look(browser, "register-apply-sv")
        let unchanged = try server.gallra(["register", "export", "--format", "json"])
        #expect(unchanged.stdout.hasPrefix(#"{"version": 1,"#), "nothing is applied before it is confirmed")
        try await browser.click("form[action$='/apply'] button")
        #expect(try await browser.path() == "/admin/register/versions/2")
        #expect(try await browser.text().contains("Version 2 av registret gäller sedan"))
        try await look(browser, "register-applied-sv")
    }

    /// The company's own ROPA table, chosen as a file on the register page, becomes a draft
    /// register with each decision left flagged on its line; the controller comes from the
    /// register in force.
    func importSpreadsheet(_ browser: Browser, _ server: DemoServer) async throws {
        let table = packageRoot.appendingPathComponent("Tests/GallraCoreTests/Fixtures/ropa-seed-001.txt")
        try await browser.open(URL(string: "\(server.url)/admin/register")!)
        try await browser.type(table.path, into: "#sheet")
        var read = false
        for _ in 0..<50 where !read {
            let length = try await browser.evaluate("return document.getElementById('file_data').value.length")
            read = (length as? Int ?? 0) > 0
            if !read { try await Task.sleep(for: .milliseconds(100)) }
        }
        #expect(read, "the page's script read the chosen file into the form")
        try await browser.click("form[action$='/import'] button")
        let page = try await browser.text()
        #expect(
            page.contains("ropa-seed-001.txt: behandlingar: 23, lästa lagringsregler: 23, beslut kvar att fatta: 8"))
        #expect(
            try await browser.evaluate("return document.querySelectorAll('li.flagged').length") as? Int == 8,
            "each decision left is flagged on its line")
        #expect(page.contains("beslut kvar: ange lagen bakom den rättsliga förpliktelsen"))
        try await look(browser, "register-import-sv")
    }

    /// An access request registered, verified and answered from the UI, with the report to send;
    /// an incident registered, and refused closing while its risk is not assessed.
    func handleRequestAndIncident(_ browser: Browser, _ server: DemoServer) async throws {
        try await browser.open(URL(string: "\(server.url)/admin/requests")!)
        try await browser.click("details.card summary")
        try await browser.type("bertil.berg@example.se", into: "#subject")
        try await browser.type("Svar via e-post", into: "#verified")
        try await browser.click("form[action='/admin/requests'] button")
        #expect(try await browser.path().hasPrefix("/admin/requests/"))
        try await look(browser, "request-en")
        try await browser.click("form[action$='/complete'] button")
        let answered = try await browser.text()
        #expect(answered.contains("The report to send the person (HTML)"))

        try await browser.open(URL(string: "\(server.url)/admin/incidents")!)
        try await browser.click("details.card summary")
        try await browser.type("A letter went to the wrong address", into: "#description")
        try await browser.click("form[action='/admin/incidents'] button")
        #expect(try await browser.path().hasPrefix("/admin/incidents/"), "the new incident's own page")
        let listed = try await browser.text()
        #expect(listed.contains("A letter went to the wrong address"))
        try await look(browser, "incidents-open-en")
        try await browser.click("form[action$='/close'] button")
        let refused = try await browser.text()
        #expect(
            refused.contains("The incident cannot be closed yet. This is missing:")
                && refused.contains("the risk assessment and its reasoning"),
            "closing before the risk is assessed is refused with the reason")
    }
}
