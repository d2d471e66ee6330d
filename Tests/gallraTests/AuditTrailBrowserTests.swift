import Foundation
import Testing

/// "Who looked at Anna's data?" answered in a real Chromium against a live `gallra serve --demo`:
/// a support user opens Anna's page, and the officer finds that read in the audit log by Anna's
/// e-mail address and the support user's login, then has the chain checked. Each page is checked
/// with axe-core and kept as a screenshot.
@Suite(
    "The audit log in a real browser", .serialized,
    .enabled(if: Browser.driverPath != nil || Browser.mustRun, "Chromium and chromedriver are not installed"))
struct AuditTrailBrowserTests {
    static let screenshots = packageRoot.appendingPathComponent(".build/screenshots/audit")

    @Test("A support user's read of Anna is found by her e-mail address; the chain is checked on the page")
    func supportReadFound() async throws {
        let server = try DemoServer()
        defer { server.stop() }
        try await server.ready()
        try FileManager.default.createDirectory(at: Self.screenshots, withIntermediateDirectories: true)
        let password = try #require(server.adminPassword)
        let supportPassword = "ett långt lösenord för support"
        let added = try server.gallra(
            ["user", "add", "stina@example.se", "--role", "support", "--activity", "support", "--password-stdin"],
            input: supportPassword + "\n")
        #expect(added.status == 0, "\(added.stderr)")
        let anna = try JSONSerialization.jsonObject(
            with: Data(try server.gallra(["subject", "export", "anna.andersson@example.se"]).stdout.utf8))
        let annaID = try #require((anna as? [String: Any])?["subject"] as? String)

        let browser = try await Browser(width: 1280, height: 1000)
        do {
            try await AdminBrowserTests().signIn(browser, server, email: "stina@example.se", password: supportPassword)
            try await browser.open(URL(string: "\(server.url)/admin/subjects/\(annaID)")!)
            let page = try await browser.text()
            // Support reads her support case (by her id; her name is not theirs to see).
            #expect(page.contains("Skrivaren skriver inte ut fakturor"), "\(page.prefix(600))")
            try await browser.click("form.signout button")

            try await AdminBrowserTests().signIn(browser, server, email: "admin@example.se", password: password)
            try await browser.open(URL(string: "\(server.url)/admin/audit")!)
            try await browser.type("anna.andersson@example.se", into: "#person")
            try await browser.type("stina@example.se", into: "#actor")
            try await browser.click("form.search button.primary")
            #expect(try await browser.path() == "/admin/audit", "the address holds no search")
            let found = try await browser.text()
            #expect(found.contains("user:stina@example.se"), "Stina's read is in Anna's trail")
            #expect(!found.contains("user:admin@example.se"), "and only hers: the filter by who acted holds")
            #expect(!found.contains("anna.andersson@example.se\t"), "entries name Anna by her id only")
            try await browser.lookAtDesktopAndPhone("audit-found-sv", into: Self.screenshots)
            try await browser.click("form[action='/admin/audit/check'] button")
            #expect(try await browser.shows("Kedjan är obruten"))
            try await browser.lookAtDesktopAndPhone("audit-checked-sv", into: Self.screenshots)
        } catch {
            await browser.quit()
            throw error
        }
        await browser.quit()
    }
}
