import Foundation
import GallraDatabase
import SQLKit
import Testing

/// Every kind of request, end to end in a real Chromium: the person asks on the public form and
/// confirms by the link in the mail; the privacy officer carries the request out in the admin UI;
/// the outcome mail arrives at a real SMTP server; and the store and the connected database have
/// changed exactly as the mail says, no more.
@Suite(
    "Every request kind from the public form to the outcome mail", .serialized,
    .enabled(
        if: RequestJourney.available
            || (Browser.mustRun && ProcessInfo.processInfo.environment["GALLRA_REQUIRE_MAIL"] == "1"),
        "Chromium, msmtp or aiosmtpd (GALLRA_TEST_PYTHONPATH) is not installed"))
struct RequestJourneyBrowserTests {
    typealias Activity = RequestJourney.Activity

    /// A customer row of the shop, bound.
    static func customer(_ id: Int, _ email: String, _ name: String, _ phone: String) -> SQLQueryString {
        """
        INSERT INTO customer (id, email, phone, name, created_at, contract_ended_at)
        VALUES (\(bind: id), \(bind: email), \(bind: phone), \(bind: name), '2025-01-10 09:00:00', '2026-01-31 00:00:00')
        """
    }

    @Test("Access: the mail's link serves the copy, store and shop included; nothing changes")
    func access() async throws {
        try await RequestJourney.run { journey in
            let email = "greta.gran@example.se"
            try journey.addPerson(
                email: email, name: "Greta Gran", records: [("newsletter", "email", email)])
            try await journey.shop([Self.customer(10, email, "Greta Gran", "070-555 01 01")])
            let store = try journey.storeRecords(of: email)
            let shop = try await journey.rows("customer", emails: [email])

            let reference = try await journey.ask("access", email: email)
            try await journey.signIn()
            try await journey.carryOut(reference)
            let mail = try await journey.outcome(to: email)
            let link = try MailDeliveryTests.link(in: mail.raw, to: "download")
            #expect(!mail.text.contains("Vi har inga personuppgifter om dig"))

            try await journey.browser.open(URL(string: link)!)
            try await journey.browser.type(email, into: "#email")
            try await journey.browser.click("form button[type=submit]")
            #expect(try await journey.browser.shows("Registerutdrag enligt artikel 15"))
            let copy = try await journey.browser.text()
            #expect(copy.contains("Greta Gran") && copy.contains("070-555 01 01"), "the shop's row is in the copy")
            #expect(copy.contains(Activity.newsletter), "the store's record is in the copy")

            #expect(try journey.storeRecords(of: email) == store, "an access request changes nothing in the store")
            #expect(try await journey.rows("customer", emails: [email]) == shop, "nor in the shop")
        }
    }

    @Test("Erasure: what the mail says is erased is gone, store and shop; what is kept is named with its law")
    func erasure() async throws {
        try await RequestJourney.run { journey in
            let email = "erik.ek@example.se"
            try journey.addPerson(
                email: email, name: "Erik Ek",
                records: [
                    ("newsletter", "email", email), ("customer-invoicing", "billing", "Faktura 2026-0107, 990 kr"),
                ])
            try journey.gallra(["event", "add", "--subject", email, "contract.end=2026-01-31"])
            try await journey.shop([Self.customer(20, email, "Erik Ek", "070-555 02 02")])

            let reference = try await journey.ask("erasure", email: email)
            try await journey.signIn()
            try await journey.carryOut(reference)
            let mail = try await journey.outcome(to: email)
            #expect(
                Set(mail.items(under: "Vi har raderat dina uppgifter i:")) == [
                    Activity.purchases, Activity.newsletter,
                ],
                "\(mail.text)")
            let kept = mail.items(under: "Vi sparar, och varför:")
            #expect(kept.count == 1)
            #expect(
                kept.first?.hasPrefix(Activity.invoicing) == true
                    && kept.first?.contains("Bokföringslagen (1999:1078) 7 kap. 2 §") == true
                    && kept.first?.contains("Art. 17(3)(b)") == true, "kept, under its law: \(kept)")

            #expect(
                try journey.storeRecords(of: email).records == ["customer-invoicing billing Faktura 2026-0107, 990 kr"],
                "only what the mail says is kept stays in the store")
            #expect(try await journey.rows("customer", emails: [email]).isEmpty, "the shop's row is erased")
        }
    }

    @Test("Rectification: the officer confirms the values proposed from the person's text; store and shop hold them")
    func rectification() async throws {
        try await RequestJourney.run { journey in
            let email = "rut.rask@example.se"
            let browser = journey.browser
            try journey.addPerson(email: email, name: "Rut Rask", records: [("newsletter", "email", email)])
            try await journey.shop([Self.customer(30, email, "Rut Rask", "070-555 03 03")])
            let english = try journey.addEnglishOfficer()

            let reference = try await journey.ask(
                "rectification", email: email,
                details: "Jag har bytt e-postadress till rut.berg@example.se och heter numera Rut Berg.")
            try await journey.signIn()
            try await journey.openRequest(reference)
            #expect(try await browser.shows("Rätta uppgifterna"))
            let fields = try await Self.fields(browser)
            #expect(fields.count == 4, "the store's e-mail and the shop row's name, e-mail and phone: \(fields)")
            let proposed = fields.filter(\.proposed)
            #expect(proposed.map(\.value) == ["rut.berg@example.se", "rut.berg@example.se"], "\(fields)")
            #expect(
                Set(proposed.map(\.key)) == [
                    "connected|crm|email|customer:30", "record|\(try Self.recordID(journey, email))",
                ])
            #expect(fields.filter { !$0.proposed }.allSatisfy { $0.value.isEmpty }, "nothing else is guessed")
            #expect(try await browser.text().contains("Föreslaget ur personens text"))
            #expect(try await browser.text().contains("Ingen rättelse sparad ännu"))
            try await Self.look(browser, "rectification-sv")

            // A phone number that is none is refused, in the officer's language, and nothing is noted.
            let phone = try #require(fields.firstIndex { $0.key == "connected|crm|phone|customer:30" })
            let name = try #require(fields.firstIndex { $0.key == "connected|crm|name|customer:30" })
            try await browser.type("ring mig", into: "#fix-\(phone)")
            try await browser.type("Rut Berg", into: "#fix-\(name)")
            try await browser.click("form[action$='/corrections'] button")
            #expect(
                try await browser.shows(
                    "Telefonnummer (\(Activity.purchases)): det rättade värdet är inget telefonnummer."))
            #expect(try await Self.fields(browser)[name].value == "Rut Berg", "what was entered is kept")
            #expect(try await browser.text().contains("Ingen rättelse sparad ännu"), "nothing was noted")
            try await Self.look(browser, "rectification-refused-sv")

            try await browser.type("", into: "#fix-\(phone)")
            try await browser.click("form[action$='/corrections'] button")
            #expect(try await browser.shows("Rättas när begäran slutförs"))
            let noted = try await browser.evaluate(
                "return [...document.querySelectorAll('#corrections .changes li')].map(li => li.innerText)")
            let changes = (noted as? [String] ?? []).sorted()
            #expect(changes.count == 3, "\(changes)")
            #expect(
                changes.filter { $0.contains("rut.rask@example.se → rut.berg@example.se") }.count == 2, "\(changes)")
            #expect(changes.contains { $0.hasPrefix("Namn") && $0.contains("Rut Rask → Rut Berg") }, "\(changes)")
            try await Self.look(browser, "rectification-noted-sv")

            // In English, another officer: a value that is no address refused in English; then completed.
            try await journey.signIn(english.email, password: english.password)
            try await journey.openRequest(reference)
            #expect(try await browser.shows("Corrected when the request is completed"))
            try await Self.look(browser, "rectification-noted-en")
            let store = try #require(try await Self.fields(browser).firstIndex { $0.key.hasPrefix("record|") })
            try await browser.type("not an address", into: "#fix-\(store)")
            try await browser.click("form[action$='/corrections'] button")
            #expect(
                try await browser.shows(
                    "E-mail address (Sign-up for the newsletter): the corrected value is not an e-mail address."))
            try await Self.look(browser, "rectification-refused-en")
            try await journey.carryOut(reference, english: true)

            let mail = try await journey.outcome(to: email)
            #expect(
                mail.items(under: "Vi har rättat:").sorted()
                    == [
                        "E-postadress (\(Activity.newsletter))", "E-postadress (\(Activity.purchases))",
                        "Namn (\(Activity.purchases))",
                    ].sorted(), "\(mail.text)")
            #expect(
                try journey.storeRecords(of: email).records == ["newsletter email rut.berg@example.se"],
                "the store's record holds the new value")
            let rows = try await journey.rows("customer", emails: ["rut.berg@example.se", email])
            #expect(rows.count == 1)
            #expect(rows.first?["id"] == "30" && rows.first?["email"] == "rut.berg@example.se")
            #expect(rows.first?["name"] == "Rut Berg", "the shop's columns hold the new values")
            #expect(rows.first?["phone"] == "070-555 03 03", "and the column not corrected is as it was")
        }
    }

    @Test("Restriction: what the mail says is restricted is marked so in the shop and the store")
    func restriction() async throws {
        try await RequestJourney.run { journey in
            let email = "rolf.ros@example.se"
            try journey.addPerson(email: email, name: "Rolf Ros", records: [("newsletter", "email", email)])
            try await journey.shop([Self.customer(40, email, "Rolf Ros", "070-555 04 04")])

            let reference = try await journey.ask("restriction", email: email)
            try await journey.signIn()
            try await journey.carryOut(reference)
            let mail = try await journey.outcome(to: email)
            #expect(
                Set(mail.items(under: "Vi sparar men använder inte längre dina uppgifter i:"))
                    == [Activity.purchases, Activity.newsletter], "\(mail.text)")

            let store = try journey.storeRecords(of: email)
            #expect(store.records == ["newsletter email \(email)"], "kept")
            #expect(store.limits == ["customer-purchases restricted", "newsletter restricted"])
            let rows = try await journey.rows("customer", emails: [email])
            #expect(rows.count == 1 && rows.first?["restricted"] == "1", "the shop's row is marked restricted")
            #expect(rows.first?["name"] == "Rolf Ros", "and kept as it was")
        }
    }

    @Test("Objection: processing on legitimate interests stops, direct marketing's row goes, the contract's stays")
    func objection() async throws {
        try await RequestJourney.run { journey in
            let email = "olle.ort@example.se"
            try journey.addPerson(
                email: email, name: "Olle Ort",
                records: [("product-demo", "contact_details", "Demo bokad, ärende 4711")])
            try await journey.shop([
                Self.customer(50, email, "Olle Ort", "070-555 05 05"),
                "INSERT INTO mailing (id, email, address, added_at) VALUES (51, \(bind: email), 'Storgatan 1, Ort', '2026-11-20 10:00:00')",
            ])
            let customer = try await journey.rows("customer", emails: [email])

            let reference = try await journey.ask("objection", email: email)
            try await journey.signIn()
            try await journey.carryOut(reference)
            let mail = try await journey.outcome(to: email)
            #expect(mail.items(under: "Vi har slutat behandla dina uppgifter för:") == [Activity.demo], "\(mail.text)")
            #expect(
                mail.items(under: "Vi har slutat med direktmarknadsföring till dig och raderat dina uppgifter i:")
                    == [Activity.directMail], "\(mail.text)")
            let kept = mail.items(under: "Vi sparar, och varför:")
            #expect(kept.count == 1 && kept.first?.hasPrefix(Activity.purchases) == true, "\(kept)")

            let store = try journey.storeRecords(of: email)
            #expect(store.records == ["product-demo contact_details Demo bokad, ärende 4711"], "stopped, not erased")
            #expect(store.limits == ["product-demo stopped"])
            #expect(try await journey.rows("mailing", emails: [email]).isEmpty, "the address list's row is erased")
            #expect(try await journey.rows("customer", emails: [email]) == customer, "the customer row is as it was")
        }
    }

    @Test("Withdrawal of consent: what the mail says stopped; the consent register shows the withdrawal")
    func withdrawal() async throws {
        try await RequestJourney.run { journey in
            let email = "vera.vik@example.se"
            try journey.addPerson(email: email, name: "Vera Vik", records: [])
            try journey.gallra([
                "consent", "give", "--subject", email, "--activity", "photo-consent", "--wording", "foto-2026-1",
            ])
            try journey.gallra([
                "record", "add", "--subject", email, "--activity", "photo-consent", "--category", "images", "--value",
                "kundfoto-2026-03.jpg",
            ])
            try await journey.shop([Self.customer(60, email, "Vera Vik", "070-555 06 06")])
            let customer = try await journey.rows("customer", emails: [email])

            let reference = try await journey.ask("withdraw-consent", email: email)
            try await journey.signIn()
            try await journey.carryOut(reference)
            let mail = try await journey.outcome(to: email)
            #expect(mail.items(under: "Ditt samtycke är återkallat för:") == [Activity.photos], "\(mail.text)")
            let kept = mail.items(under: "Vi sparar, och varför:")
            #expect(kept.count == 1 && kept.first?.hasPrefix(Activity.purchases) == true, "\(kept)")

            let store = try journey.storeRecords(of: email)
            #expect(store.records == ["photo-consent images kundfoto-2026-03.jpg"])
            #expect(try await journey.rows("customer", emails: [email]) == customer, "the shop is as it was")
            // The consent register, as the officer sees it on the person's page.
            try await AdminBrowserTests().find(journey.browser, journey.server, email)
            #expect(try await journey.browser.shows("Vera Vik"))
            let consent = try await journey.browser.text().components(separatedBy: "\n").first {
                $0.contains("foto-2026-1")
            }
            #expect(consent?.contains("återkallat") == true, "the withdrawal is registered: \(consent ?? "no consent")")
        }
    }

    // MARK: - Helpers

    struct Field {
        let key: String
        let value: String
        let proposed: Bool
    }

    /// The rectification form's fields, in the page's order.
    static func fields(_ browser: Browser) async throws -> [Field] {
        let found = try await browser.evaluate(
            """
            return [...document.querySelectorAll('#corrections .fix')].map(f => [
              f.querySelector('input[type=hidden]').value, f.querySelector('input:not([type=hidden])').value,
              f.querySelector('.proposed') !== null ? 'yes' : 'no'])
            """)
        return (found as? [[String]] ?? []).map { Field(key: $0[0], value: $0[1], proposed: $0[2] == "yes") }
    }

    /// The id of the person's one record in the store.
    static func recordID(_ journey: RequestJourney, _ email: String) throws -> String {
        let json = try JSONSerialization.jsonObject(with: Data(try journey.gallra(["subject", "export", email]).utf8))
        let activities = (json as? [String: Any])?["activities"] as? [[String: Any]] ?? []
        let records = activities.flatMap { $0["records"] as? [[String: Any]] ?? [] }.filter {
            $0["table"] as? String == nil
        }
        return try #require(records.first?["id"] as? String)
    }

    /// axe, nothing wider than the screen, and a screenshot: at a desktop's width and a phone's.
    static func look(_ browser: Browser, _ name: String) async throws {
        try await browser.lookAtDesktopAndPhone(name, into: RequestQueueBrowserTests.screenshots, phone: 390)
    }
}
