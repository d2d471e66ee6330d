import Foundation
import Testing

/// The request queue and the erasure's confirmation page in a real Chromium against a live
/// `gallra serve --demo`, in Swedish and English, on a desktop and on a 375-pixel phone: found by
/// the person's address, in its tabs, and an erasure asked once more before it is carried out.
/// Each page is checked with axe-core and kept as a screenshot.
@Suite(
    "The request queue in a real browser", .serialized,
    .enabled(if: Browser.driverPath != nil || Browser.mustRun, "Chromium and chromedriver are not installed"))
struct RequestQueueBrowserTests {
    static let screenshots = packageRoot.appendingPathComponent(".build/screenshots/admin")

    func look(_ browser: Browser, _ name: String, width: Int) async throws {
        try await browser.look(name, width: width, into: Self.screenshots)
    }

    func lookBoth(_ browser: Browser, _ name: String) async throws {
        try await browser.lookAtDesktopAndPhone(name, into: Self.screenshots)
    }

    @Test("The queue searched, in tabs, exported; an erasure confirmed; in both languages and on a phone")
    func queueAndConfirmation() async throws {
        let server = try DemoServer()
        defer { server.stop() }
        try await server.ready()
        try FileManager.default.createDirectory(at: Self.screenshots, withIntermediateDirectories: true)
        let password = try #require(server.adminPassword)
        let officer = "ett långt lösenord för test"
        let added = try server.gallra(
            ["user", "add", "eve@example.se", "--lang", "en", "--role", "privacy_officer", "--password-stdin"],
            input: officer + "\n")
        #expect(added.status == 0, "\(added.stderr)")
        let anna = try JSONSerialization.jsonObject(
            with: Data(try server.gallra(["subject", "export", "anna.andersson@example.se"]).stdout.utf8))
        let annaID = try #require((anna as? [String: Any])?["subject"] as? String)
        let listed = try JSONSerialization.jsonObject(
            with: Data(try server.gallra(["request", "list", "--json"]).stdout.utf8))
        let annas = try #require((listed as? [[String: Any]])?.first { $0["subject"] as? String == annaID })
        let annasRequest = try #require(annas["id"] as? String)
        let annasReference = try #require(annas["reference"] as? String)

        let browser = try await Browser(width: 1280, height: 1000)
        do {
            try await AdminBrowserTests().signIn(browser, server, email: "admin@example.se", password: password)
            try await browser.open(URL(string: "\(server.url)/admin/requests")!)
            let queue = try await browser.text()
            #expect(queue.contains("Öppna (") && queue.contains("Försenade (") && queue.contains("Avslutade ("))
            #expect(queue.contains(annasReference) && queue.contains("Anna Andersson"))
            try await lookBoth(browser, "queue-sv")

            try await browser.type("anna.andersson@example.se", into: "#q")
            try await browser.click("#queue button.primary")
            #expect(try await browser.path() == "/admin/requests/search", "the address holds no search")
            let found = try await browser.text()
            #expect(found.contains(annasReference) && found.contains("Antal begäranden: 1"))
            try await lookBoth(browser, "queue-search-sv")
            try await browser.type(annasReference, into: "#q")
            try await browser.click("#queue button.primary")
            #expect(try await browser.text().contains("Antal begäranden: 1"), "found by the short reference")

            try await browser.open(URL(string: "\(server.url)/admin/requests?tab=overdue")!)
            let current = try await browser.evaluate(
                "return document.querySelector('.tabs [aria-current]').innerText")
            #expect((current as? String)?.hasPrefix("Försenade") == true, "the tab shown is marked")
            try await lookBoth(browser, "queue-overdue-sv")

            try await browser.open(URL(string: "\(server.url)/admin/requests/\(annasRequest)")!)
            #expect(try await browser.text().contains("Begäran \(annasReference): radering"))
            try await browser.type("BankID", into: "#how")
            try await browser.click("form[action$='/verify'] button")
            try await lookBoth(browser, "request-timeline-sv")
            try await browser.click("a[href$='/confirm']")
            let confirm = try await browser.text()
            #expect(confirm.contains("Verkställa den här raderingen?") && confirm.contains("Anna Andersson"))
            #expect(confirm.contains("Kundärenden/Support"), "each activity's decision")
            try await lookBoth(browser, "confirm-sv")
            try await browser.click("form[action$='/complete'] button")
            #expect(try await browser.shows("Vad som gjordes"))
            #expect(try await browser.text().contains("Verkställd"), "the timeline says it was carried out")
            try await lookBoth(browser, "request-done-sv")
            // The outbox: what each message is about and whether it went.
            try await browser.open(URL(string: "\(server.url)/admin/outbox")!)
            #expect(try await browser.shows("Utkorg"))
            try await lookBoth(browser, "outbox-sv")
            // The audit log: who read Anna's data (the export above, from the command line).
            try await browser.open(URL(string: "\(server.url)/admin/audit")!)
            try await browser.type("anna.andersson@example.se", into: "#person")
            try await browser.click("form.search button")
            #expect(try await browser.shows("subject.export"), "the export of Anna is in her trail")
            #expect(try await browser.path() == "/admin/audit", "the address holds no search")
            try await lookBoth(browser, "audit-sv")
            try await browser.click("form.signout button")

            try await AdminBrowserTests().signIn(browser, server, email: "eve@example.se", password: officer)
            try await browser.open(URL(string: "\(server.url)/admin/requests?tab=completed")!)
            #expect(try await browser.text().contains(annasReference), "a completed request stays in the queue")
            try await lookBoth(browser, "queue-completed-en")
            // An erasure for Bertil, opened from the queue's form, then its confirmation page.
            try await browser.click("details.card summary")
            _ = try await browser.evaluate("document.getElementById('kind').value = 'erasure'; return true")
            try await browser.type("bertil.berg@example.se", into: "#subject")
            try await browser.type("BankID", into: "#verified")
            try await browser.click("form[action='/admin/requests'] button")
            #expect(try await browser.shows("Request 20"))
            try await lookBoth(browser, "request-en")
            try await browser.click("a[href$='/confirm']")
            #expect(try await browser.shows("Carry out this erasure?"))
            #expect(try await browser.text().contains("Bertil Berg"))
            try await lookBoth(browser, "confirm-en")
            // An objection for Bertil, narrowed to one activity with a reason, then refused with one.
            try await browser.open(URL(string: "\(server.url)/admin/requests")!)
            try await browser.click("details.card summary")
            _ = try await browser.evaluate("document.getElementById('kind').value = 'objection'; return true")
            try await browser.type("bertil.berg@example.se", into: "#subject")
            try await browser.type("BankID", into: "#verified")
            try await browser.click("form[action='/admin/requests'] button")
            #expect(try await browser.shows("Activities the request concerns: All activities"))
            try await browser.click("#scope-website-visits")
            try await browser.type("He wrote that only the website is meant.", into: "#scope-reason")
            try await browser.click("form[action$='/scope'] button")
            #expect(try await browser.shows("Activities the request concerns: Website visits"))
            #expect(try await browser.text().contains("He wrote that only the website is meant."))
            try await lookBoth(browser, "request-objection-en")
            _ = try await browser.evaluate(
                "document.getElementById('ground').value = 'manifestly-unfounded'; return true")
            try await browser.type(
                "The site sets no tracking cookie for visitors who refused them.", into: "#refuse-reason")
            try await browser.click("form[action$='/refuse'] button")
            #expect(try await browser.shows("Refused: Manifestly unfounded (Art. 12(5))"))
            try await lookBoth(browser, "request-refused-en")
            try await browser.open(URL(string: "\(server.url)/admin/outbox?state=sent")!)
            #expect(try await browser.shows("Outbox"))
            try await lookBoth(browser, "outbox-en")
        } catch {
            await browser.quit()
            throw error
        }
        await browser.quit()
    }
}
