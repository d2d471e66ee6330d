import Foundation
import Testing

/// The overview as each role sees it, and the pages that ask before something is destroyed, in a
/// real Chromium against `gallra serve --demo` (started outside the checkout): in Swedish and
/// English, on a desktop and on a 375-pixel phone, each checked with axe-core and kept as a
/// screenshot (.build/screenshots/overview).
@Suite(
    "The overview and the confirmations in a real browser", .serialized,
    .enabled(if: Browser.driverPath != nil || Browser.mustRun, "Chromium and chromedriver are not installed"))
struct OverviewBrowserTests {
    static let screenshots = packageRoot.appendingPathComponent(".build/screenshots/overview")
    static let password = "ett långt lösenord för test"
    static let widths = [("desktop", 1280), ("phone", 375)]

    /// Looks at the page at `width`: no serious or critical accessibility problem, nothing wider
    /// than the screen, and a screenshot.
    func look(_ browser: Browser, _ name: String, width: Int) async throws {
        try await browser.look(name, width: width, into: Self.screenshots, suffixed: false)
    }

    func signIn(_ browser: Browser, _ server: DemoServer, _ email: String, password: String) async throws {
        try await browser.open(URL(string: "\(server.url)/admin/login")!)
        try await browser.type(email, into: "#email")
        try await browser.type(password, into: "#password")
        try await browser.click("form.narrow button")
        // Signing in hashes the password: on a loaded machine the next page may take a moment.
        var path = try await browser.path()
        for _ in 0..<50 where path != "/admin" {
            try await Task.sleep(for: .milliseconds(200))
            path = try await browser.path()
        }
        #expect(path == "/admin", "\(email) is signed in")
    }

    @Test("Officer, support and auditor each see the truth of the overview; what they may not see says so")
    func overviewForEveryRole() async throws {
        let server = try DemoServer()
        defer { server.stop() }
        try await server.ready()
        try FileManager.default.createDirectory(at: Self.screenshots, withIntermediateDirectories: true)
        let roles: [(String, [String])] = [
            ("officer", ["--role", "privacy_officer"]), ("support", ["--role", "support", "--activity", "support"]),
            ("auditor", ["--role", "auditor"]),
        ]
        for (role, options) in roles {
            for language in ["sv", "en"] {
                let added = try server.gallra(
                    ["user", "add", "\(role)-\(language)@example.se", "--lang", language, "--password-stdin"]
                        + options, input: Self.password + "\n")
                #expect(added.status == 0, "\(added.stderr)")
            }
        }
        let browser = try await Browser(width: 1280, height: 1000)
        do {
            for (role, _) in roles {
                for language in ["sv", "en"] {
                    try await signIn(browser, server, "\(role)-\(language)@example.se", password: Self.password)
                    let overview = try await browser.text()
                    let sv = language == "sv"
                    // The demo has overdue requests and an open incident: nobody is told there are none.
                    #expect(
                        !overview.contains(
                            sv ? "Ingen begäran förfaller inom en vecka." : "No request is due within a week."))
                    #expect(!overview.contains(sv ? "Ingen incident är öppen." : "No incident is open."))
                    switch role {
                    case "officer":
                        #expect(overview.contains(sv ? "försenad med" : "overdue by"), "the overdue requests")
                        #expect(
                            overview.contains(sv ? "väntar på gallringen" : "waiting for the sweep"),
                            "the records past their retention are counted")
                        #expect(!overview.contains(sv ? "Inte synligt för din roll" : "Not visible to your role"))
                    case "support":
                        #expect(overview.contains(sv ? "Inte synligt för din roll." : "Not visible to your role."))
                        #expect(!overview.contains(sv ? "Inget gallras." : "Nothing expires."))
                        #expect(
                            overview.contains(
                                sv
                                    ? "Begäranden om andra behandlingar än dina syns inte för din roll."
                                    : "Requests about activities other than yours are not visible to your role."))
                    default:
                        #expect(overview.contains(sv ? "Inte synligt för din roll." : "Not visible to your role."))
                        #expect(!overview.contains(sv ? "Inget gallras." : "Nothing expires."))
                    }
                    for (device, width) in Self.widths {
                        try await look(browser, "dashboard-\(role)-\(language)-\(device)", width: width)
                    }
                    try await browser.click("form.signout button")
                }
            }
        } catch {
            await browser.quit()
            throw error
        }
        await browser.quit()
    }

    @Test(
        "A hold's release and 'sweep now' ask first, and say what was done; the search takes a phone number with spaces"
    )
    func confirmations() async throws {
        let server = try DemoServer()
        defer { server.stop() }
        try await server.ready()
        try FileManager.default.createDirectory(at: Self.screenshots, withIntermediateDirectories: true)
        for language in ["sv", "en"] {
            let added = try server.gallra(
                [
                    "user", "add", "dpo-\(language)@example.se", "--lang", language, "--password-stdin", "--role",
                    "privacy_officer",
                ], input: Self.password + "\n")
            #expect(added.status == 0, "\(added.stderr)")
        }
        let browser = try await Browser(width: 1280, height: 1000)
        do {
            for language in ["sv", "en"] {
                let sv = language == "sv"
                try await signIn(browser, server, "dpo-\(language)@example.se", password: Self.password)
                // Anna, found by her phone number as people write it: with "+" and spaces, which the
                // form sends as "%2B46+70+…".
                try await browser.open(URL(string: "\(server.url)/admin/subjects")!)
                try await browser.type("+46 70 123 45 67", into: "#q")
                try await browser.click("form.search button")
                #expect(try await browser.path() == "/admin/subjects", "no person in the address")
                #expect(try await browser.text().contains("Anna Andersson"))
                try await browser.type(
                    sv ? "Tvist om faktura 2025-0042" : "Dispute over invoice 2025-0042", into: "#hold-reason")
                try await browser.click("form[action$='/holds'] button")
                try await browser.click("a[href$='/release']")
                let question = try await browser.text()
                #expect(question.contains(sv ? "Häva bevarandebeslutet?" : "Release the legal hold?"))
                #expect(question.contains("Anna Andersson"), "whose hold")
                for (device, width) in Self.widths {
                    try await look(browser, "hold-release-\(language)-\(device)", width: width)
                }
                try await browser.click("form[action$='/release'] button")
                #expect(
                    try await browser.shows(sv ? "Bevarandebeslutet hävdes" : "The legal hold was released"))
                try await look(browser, "hold-released-\(language)-desktop", width: 1280)

                try await browser.open(URL(string: "\(server.url)/admin/retention")!)
                try await browser.click("form[action$='/retention/sweep'] button")
                let sweep = try await browser.text()
                #expect(sweep.contains(sv ? "Gallra nu?" : "Sweep now?"))
                for (device, width) in Self.widths {
                    try await look(browser, "sweep-confirm-\(language)-\(device)", width: width)
                }
                try await browser.open(URL(string: "\(server.url)/admin/retention")!)
                try await browser.click("form[action$='/dry-run'] button")
                #expect(try await browser.text().contains(sv ? "Provkörning av gallringen" : "Dry run of the sweep"))
                for (device, width) in Self.widths {
                    try await look(browser, "dry-run-\(language)-\(device)", width: width)
                }
                try await browser.click("form.signout button")
            }
            // The privacy notice: the way to the form, and nothing wider than a phone.
            for language in ["sv", "en"] {
                try await browser.open(URL(string: "\(server.url)/privacy?lang=\(language)")!)
                try await browser.click("p.act a")
                #expect(try await browser.path() == "/privacy/request?lang=\(language)")
                try await browser.open(URL(string: "\(server.url)/privacy?lang=\(language)")!)
                try await look(browser, "privacy-\(language)-phone", width: 375)
            }
        } catch {
            await browser.quit()
            throw error
        }
        await browser.quit()
    }
}
