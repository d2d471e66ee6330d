import Foundation
import Testing

/// The record the demo company keeps as a processor (Art. 30(2)), in a real Chromium against
/// `gallra serve --demo`: on the register page and in the exported Art. 30 document, in Swedish
/// and English, each checked with axe-core and kept as a screenshot (.build/screenshots/processor).
@Suite(
    "The record kept as a processor in a real browser", .serialized,
    .enabled(if: Browser.driverPath != nil || Browser.mustRun, "Chromium and chromedriver are not installed"))
struct ProcessorRecordBrowserTests {
    static let screenshots = packageRoot.appendingPathComponent(".build/screenshots/processor")
    static let password = "ett långt lösenord för test"

    @Test("The register page and the exported record show the processor's record, in Swedish and English")
    func shown() async throws {
        let server = try DemoServer()
        defer { server.stop() }
        try await server.ready()
        for (email, lang) in [("sara@example.se", "sv"), ("eve@example.se", "en")] {
            let added = try server.gallra(
                ["user", "add", email, "--lang", lang, "--role", "privacy_officer", "--password-stdin"],
                input: Self.password + "\n")
            #expect(added.status == 0, "\(added.stderr)")
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("processor-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer {
            // try?: a temporary folder left behind harms nothing
            try? FileManager.default.removeItem(at: folder)
        }
        let browser = try await Browser(width: 1280, height: 1000)
        do {
            for (email, lang) in [("sara@example.se", "sv"), ("eve@example.se", "en")] {
                let sv = lang == "sv"
                try await browser.open(URL(string: "\(server.url)/admin/login")!)
                try await browser.type(email, into: "#email")
                try await browser.type(Self.password, into: "#password")
                try await browser.click("form.narrow button")
                var path = try await browser.path()
                for _ in 0..<50 where path != "/admin" {
                    try await Task.sleep(for: .milliseconds(200))
                    path = try await browser.path()
                }
                try await browser.open(URL(string: "\(server.url)/admin/register")!)
                let page = try await browser.text()
                for text in [
                    sv ? "Register som personuppgiftsbiträde (art. 30.2)" : "Record as a processor (Art. 30(2))",
                    sv ? "Personuppgiftsbiträde (art. 30.2 a)" : "Processor (Art. 30(2)(a))",
                    "Kundföretaget Nord AB (556111-2222)",
                    "Dataskyddsombud Kundföretaget Nord, dpo@kundnord.se",
                    "PUBA-2025-07",
                    sv ? "Support till kundens användare" : "Support for the customer's users",
                    sv
                        ? "USA (Utskickstjänst Inc.): standardavtalsklausuler (Art. 46(2)(c))"
                        : "the United States (Utskickstjänst Inc.): standard contractual clauses (Art. 46(2)(c))",
                    sv ? "Säkerhetsåtgärder (art. 30.2 d)" : "Security measures (Art. 30(2)(d))",
                    sv ? "tvåfaktorsinloggning" : "two-factor sign-in",
                ] {
                    #expect(page.contains(text), "\(lang): \(text)")
                }
                #expect(!page.contains(sv ? "Categories of processing" : "Kategorier av behandling"))
                try await browser.look("register-\(lang)", width: 1280, into: Self.screenshots, suffixed: false)
                try await browser.click("form.signout button")

                let export = folder.appendingPathComponent("art30-\(lang).html")
                let result = try server.gallra(["register", "export", "--format", "html", "--lang", lang])
                #expect(result.status == 0, "\(result.stderr)")
                try Data(result.stdout.utf8).write(to: export)
                try await browser.open(export)
                let document = try await browser.text()
                #expect(
                    document.contains(
                        sv ? "Kategorier av behandling (art. 30.2 b)" : "Categories of processing (Art. 30(2)(b))"))
                #expect(document.contains(sv ? "Säkerhetskopiering" : "Backups"))
                // The document is a file to print, not a page of the UI: looked at, as the other documents are.
                try await browser.fitToPage(width: 1280)
                try await browser.screenshot().write(to: Self.screenshots.appendingPathComponent("art30-\(lang).png"))
            }
        } catch {
            await browser.quit()
            throw error
        }
        await browser.quit()
    }
}
