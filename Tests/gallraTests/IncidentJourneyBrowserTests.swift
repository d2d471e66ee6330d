import Foundation
import Testing

/// A personal data breach from intake to closure in a real Chromium (Art. 33–34): registered with
/// what is known, described as it becomes known, assessed, notified to IMY, the people affected
/// told by a message each in their own language (received by a real SMTP server), then closed;
/// the register exported as a printable document. axe looks at every page on the way.
@Suite(
    "An incident from intake to closure in the admin UI", .serialized,
    .enabled(
        if: RequestJourney.available
            || (Browser.mustRun && ProcessInfo.processInfo.environment["GALLRA_REQUIRE_MAIL"] == "1"),
        "Chromium, msmtp or aiosmtpd (GALLRA_TEST_PYTHONPATH) is not installed"))
struct IncidentJourneyBrowserTests {
    static let screenshots = AdminBrowserTests.screenshots.deletingLastPathComponent()
        .appendingPathComponent("incidents")

    @Test("Intake, the description in phases, the risk, IMY, the people told by mail, closing, the register")
    func intakeToClosure() async throws {
        try await RequestJourney.run { journey in
            let browser = journey.browser
            let url = journey.server.url
            let anna = "anna.alm@example.se"
            let edward = "edward.east@example.se"
            try journey.addPerson(email: anna, name: "Anna Alm", records: [("newsletter", "email", anna)])
            try journey.addPerson(email: edward, name: "Edward East", records: [("newsletter", "email", edward)])
            // Edward wrote to the controller in English: his message comes in English.
            _ = try await journey.ask("access", email: edward, lang: "en")
            try await journey.signIn()

            // Intake: what is known when the controller becomes aware.
            try await browser.open(URL(string: "\(url)/admin/incidents")!)
            try await browser.click("details.card summary")
            try await browser.type(
                "En kund ringde och sa att hon fått någon annans nyhetsbrev", into: "#discovered_how")
            try await browser.click("#nature-confidentiality")
            try await browser.type("Nyhetsbrevet gick ut med alla mottagare synliga", into: "#description")
            try await browser.click("form[action='/admin/incidents'] button")
            let path = try await browser.path()
            #expect(path.hasPrefix("/admin/incidents/"), "the new incident's own page")
            let id = String(path.dropFirst("/admin/incidents/".count))
            #expect(try await browser.shows("timmar kvar"), "the 72-hour clock in words")
            try await Self.look(browser, "incident-intake-sv")

            // Closing now is refused in Swedish, naming what is missing, never the id.
            try await browser.click("form[action$='/close'] button")
            let refused = try await browser.text()
            #expect(refused.contains("Incidenten kan inte avslutas än. Det här saknas:"))
            #expect(refused.contains("riskbedömningen med motivering"))
            let alert = try await browser.evaluate("return document.querySelector('[role=alert]').innerText") as? String
            #expect(alert?.contains(id) == false, "no id in the refusal")

            // The Art. 33(3) description, as it becomes known; the people affected linked.
            try await browser.click("#subjects-customers")
            try await browser.click("#data-email")
            try await browser.type("2", into: "#approximate_subjects")
            try await browser.type("2", into: "#approximate_records")
            try await browser.type("Adresserna kan användas för skräppost och nätfiske", into: "#consequences")
            try await browser.type("Ursäkt; utskick skickas nu med dold mottagarlista", into: "#measures")
            try await browser.type("\(anna)\n\(edward)", into: "#affected")
            try await browser.click("form[action$='/facts'] button")
            #expect(try await browser.shows("Kopplade personer: 2"))
            // The risk and its reasoning.
            try await browser.click("#risk-high")
            try await browser.type(
                "Adresserna röjdes för alla mottagare; nätfiske är sannolikt", into: "#risk_reasoning")
            try await browser.click("form[action$='/risk'] button")
            #expect(try await browser.shows("Hög risk: personerna ska informeras"))
            // IMY, in time.
            try await browser.type("IMY-2026-1234", into: "#reference")
            try await browser.click("form[action$='/notification'] button")
            #expect(try await browser.shows("Anmäld till IMY"))
            // Art. 34: tell them.
            try await browser.click("#decision-tell")
            try await browser.click("form[action$='/people'] button")
            #expect(try await browser.shows("Meddelanden till de berörda"))

            // Each person's message arrives, in their language, saying what the record says.
            let swedish = try await journey.mail(to: anna, count: 1)[0]
            #expect(swedish.text.contains("har haft en personuppgiftsincident som berör dina personuppgifter"))
            #expect(swedish.text.contains("Adresserna kan användas för skräppost och nätfiske"))
            #expect(swedish.text.contains("Dataskyddsombud, dpo@exempel.se"), "the contact point, the DPO")
            let english = try await journey.mail(to: edward, count: 3)[2]
            #expect(english.text.contains("have had a personal data breach that concerns your personal data"))

            // The page reads what went from the outbox rows: sent, both.
            var sent = 0
            for _ in 0..<50 {
                try await browser.open(URL(string: "\(url)/admin/incidents/\(id)")!)
                sent =
                    try await browser.evaluate(
                        "return [...document.querySelectorAll('section[aria-labelledby=messages] tbody tr')].filter(r => r.innerText.includes('Skickat')).length"
                    ) as? Int ?? 0
                if sent == 2 { break }
                try await Task.sleep(for: .milliseconds(200))
            }
            #expect(sent == 2, "both messages sent, as the outbox rows say")
            #expect(try await browser.shows("Allt är avklarat; incidenten kan avslutas."))
            #expect(try await browser.text().contains("Version 2"), "the description's versions are kept")
            try await Self.look(browser, "incident-settled-sv")

            try await browser.click("form[action$='/close'] button")
            #expect(try await browser.shows("avslutad"))
            try await Self.look(browser, "incident-closed-sv")

            // The list, by urgency, and the register as documentation.
            try await browser.open(URL(string: "\(url)/admin/incidents")!)
            #expect(try await browser.text().contains("Nyhetsbrevet gick ut med alla mottagare synliga"))
            try await Self.look(browser, "incidents-sv")
            #expect(
                try await browser.evaluate(
                    "return document.querySelector(\"a[href='/admin/incident-register.csv']\") !== null")
                    as? Bool == true, "the register's CSV is offered")
            // The same table as the command line writes it (the page's link downloads it).
            let csv = try journey.gallra(["incident", "export", "--format", "csv", "--lang", "sv"])
            #expect(csv.contains("Sannolika konsekvenser") && csv.contains("IMY-2026-1234"))
            try await browser.open(URL(string: "\(url)/admin/incident-register.html")!)
            #expect(try await browser.shows("Incidentregister"))
            #expect(try await browser.text().contains("Adresserna röjdes för alla mottagare"))
            try await Self.look(browser, "incident-register-sv")
        }
    }

    static func look(_ browser: Browser, _ name: String) async throws {
        try await browser.lookAtDesktopAndPhone(name, into: screenshots, phone: 390)
    }
}
