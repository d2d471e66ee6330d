import Foundation
import Testing

/// The public privacy pages in a real Chromium: the notice, the request form, the message the
/// person receives, the link, the confirmation, and the request in the admin UI; checked with
/// axe-core and kept as screenshots in both languages.
@Suite(
    "The public privacy pages in a real browser", .serialized,
    .enabled(if: Browser.driverPath != nil || Browser.mustRun, "Chromium and chromedriver are not installed"))
struct PrivacyBrowserTests {
    static let screenshots = packageRoot.appendingPathComponent(".build/screenshots/public")

    func look(_ browser: Browser, _ name: String) async throws {
        if let axe = AdminBrowserTests.axe {
            let problems = try await browser.accessibilityProblems(axe: axe)
            #expect(problems.isEmpty, "\(name): \(problems.joined(separator: "; "))")
        }
        try await browser.fitToPage(width: 1280)
        try await browser.screenshot().write(to: Self.screenshots.appendingPathComponent("\(name).png"))
    }

    @Test("From the form to the registered request, in Swedish and English, the mail through a real SMTP server")
    func fromFormToRegister() async throws {
        // Through msmtp to aiosmtpd when the test command installed them; else a mail directory.
        let smtp = MailDeliveryTests.SMTPServer.available ? try MailDeliveryTests.SMTPServer.start() : nil
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "gallra-mail-\(UUID().uuidString)")
        let mail = smtp?.delivered ?? directory
        let server = try DemoServer(smtp.map { ["--sendmail", $0.sendmail] } ?? ["--mail-dir", directory.path])
        defer {
            server.stop()
            smtp?.stop()
            try? FileManager.default.removeItem(at: directory)
        }
        try await server.ready()
        try FileManager.default.createDirectory(at: Self.screenshots, withIntermediateDirectories: true)
        let browser = try await Browser(width: 1280, height: 1000)
        do {
            let flows = [("sv", "cecilia.ceder@example.se", "access"), ("en", "ny@example.se", "erasure")]
            for (index, (lang, email, kind)) in flows.enumerated() {
                try await browser.open(URL(string: "\(server.url)/privacy?lang=\(lang)")!)
                try await look(browser, "notice-\(lang)")
                try await browser.open(URL(string: "\(server.url)/privacy/request?lang=\(lang)")!)
                // The form, with the purposes a person may name opened, also on a phone.
                try await browser.click("details.activities summary")
                try await browser.lookAtDesktopAndPhone("request-\(lang)", into: Self.screenshots)
                try await browser.click("#kind-\(kind)")
                try await browser.type(email, into: "#email")
                try await browser.click("form button[type=submit]")
                try await look(browser, "sent-\(lang)")
                let message = try #require(
                    // Each earlier flow sent a confirmation and a receipt.
                    try await MailDeliveryTests.messages(in: mail, atLeast: 2 * index + 1).first {
                        $0.contains("To: \(email)")
                    })
                let link = try MailDeliveryTests.link(in: message.replacingOccurrences(of: "\r\n", with: "\n"))
                try await browser.open(URL(string: link)!)
                try await look(browser, "confirm-\(lang)")
                try await browser.click("form button[type=submit]")
                let done = try await browser.text()
                #expect(done.contains(lang == "sv" ? "Din begäran är registrerad" : "Your request is registered"))
                try await look(browser, "done-\(lang)")
                try await browser.open(URL(string: link)!)
                #expect(
                    try await browser.text().contains(lang == "sv" ? "Länken fungerar inte" : "The link does not work"),
                    "a used link says so")
            }
            // The privacy officer sees the requests, and carries out Cecilia's request for a copy.
            try await browser.open(URL(string: "\(server.url)/admin/login")!)
            try await browser.type("admin@example.se", into: "#email")
            try await browser.type(try #require(server.adminPassword), into: "#password")
            try await browser.click("form.narrow button")
            try await browser.open(URL(string: "\(server.url)/admin/requests")!)
            let listed = try await browser.text()
            #expect(listed.contains("tillgång") && listed.contains("radering"))
            let receipt = try #require(
                try await MailDeliveryTests.messages(in: mail, atLeast: 4).first {
                    $0.contains("To: cecilia.ceder@example.se") && !$0.contains("Subject: =?UTF-8?B?QmVrcsOkZnRh")
                })
            let reference = String(
                try #require(
                    MailDeliveryTests.text(of: receipt.replacingOccurrences(of: "\r\n", with: "\n")).first?
                        .firstMatch(of: /ärendenummer ([0-9]{4}-[0-9]{4,})/)?.1))
            try await browser.open(URL(string: "\(server.url)/admin/requests/\(reference)")!)
            try await browser.click("form[action$='/complete'] button")
            #expect(try await browser.text().contains("Länk till utdraget:"))
            try await browser.click("form.signout button")

            // The person follows the link in the mail, writes the address again and sees the copy.
            let reportMail = try #require(
                try await MailDeliveryTests.messages(in: mail, atLeast: 5).first {
                    MailDeliveryTests.text(of: $0.replacingOccurrences(of: "\r\n", with: "\n"))
                        .contains { $0.contains("/privacy/download/") }
                })
            let download = try MailDeliveryTests.link(
                in: reportMail.replacingOccurrences(of: "\r\n", with: "\n"), to: "download")
            try await browser.open(URL(string: download)!)
            try await look(browser, "download-sv")
            try await browser.type("cecilia.ceder@example.se", into: "#email")
            try await browser.click("form button[type=submit]")
            let copy = try await browser.text()
            #expect(copy.contains("Registerutdrag enligt artikel 15"))
            try await browser.fitToPage(width: 1280)
            try await browser.screenshot().write(to: Self.screenshots.appendingPathComponent("copy-sv.png"))

            // Unsubscribing, in English: carried out at once, the page says what stopped.
            try await browser.open(URL(string: "\(server.url)/privacy/request?lang=en&kind=unsubscribe")!)
            try await browser.type("Too many mailings", into: "#details")
            try await browser.type("cecilia.ceder@example.se", into: "#email")
            try await browser.click("form button[type=submit]")
            let confirmation = try #require(
                try await MailDeliveryTests.messages(in: mail, atLeast: 6).first {
                    $0.contains("To: cecilia.ceder@example.se") && $0.contains("Subject: Confirm")
                })
            try await browser.open(
                URL(string: try MailDeliveryTests.link(in: confirmation.replacingOccurrences(of: "\r\n", with: "\n")))!)
            try await browser.click("form button[type=submit]")
            #expect(try await browser.text().contains("You will get no more mailings"))
            try await look(browser, "unsubscribed-en")
        } catch {
            await browser.quit()
            throw error
        }
        await browser.quit()
    }
}
