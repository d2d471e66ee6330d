import Foundation
import Testing

/// The documents Gallra writes for people, looked at in a real Chromium: laid out without
/// overflowing the page, titled and marked with their language, and saved as screenshots in
/// .build/screenshots for a person to look at.
@Suite(
    "Documents in a real browser", .serialized,
    .enabled(if: Browser.driverPath != nil || Browser.mustRun, "Chromium and chromedriver are not installed"))
struct DocumentBrowserTests {
    static let screenshots = packageRoot.appendingPathComponent(".build/screenshots")

    /// A store with the Swedish example, a customer with data, and an incident that affected her.
    static func documents() throws -> (StoreCommandTests.Workspace, [(name: String, lang: String, file: URL)]) {
        let work = try StoreCommandTests.Workspace()
        try work.succeed([
            "register", "apply", packageRoot.appendingPathComponent("examples/exempel-programvara.yaml").path,
        ])
        try work.succeed(["subject", "add", "--email", "karin@example.se", "--name", "Karin Kund"])
        for (activity, category, value) in [
            ("support", "case_content", "Skrivaren skriver inte ut <fakturor> & kvitton"),
            ("customer-invoicing", "billing", "Faktura 1001, 4 500 kr"),
            ("newsletter", "email", "karin@example.se"),
        ] {
            try work.succeed([
                "record", "add", "--subject", "karin@example.se", "--activity", activity, "--category", category,
                "--value", value, "--collected", "2025-03-01",
            ])
        }
        let incident = try work.succeed([
            "incident", "open", "--aware", "2025-10-01T09:00:00+02:00", "--description",
            "Nyhetsbrevet skickades med alla mottagare synliga", "--data-category", "email", "--risk", "risk",
            "--consequences", "Adressen kan ha spridits", "--measures", "Ursäkt och nya rutiner",
        ])
        try work.succeed(["incident", "update", incident, "--affected", "karin@example.se"])
        var documents: [(String, String, URL)] = []
        for lang in ["sv", "en"] {
            for (name, arguments) in [
                ("art30", ["register", "export", "--format", "html", "--lang", lang]),
                ("notice", ["notice", "--lang", lang]),
                ("access-report", ["subject", "export", "karin@example.se", "--format", "html", "--lang", lang]),
            ] {
                let file = work.directory.appendingPathComponent("\(name)-\(lang).html")
                let result = try work.run(arguments)
                #expect(result.status == 0, "\(arguments): \(result.stderr)")
                try Data(result.stdout.utf8).write(to: file)
                documents.append((name, lang, file))
            }
        }
        return (work, documents)
    }

    @Test("Every document renders on a 1280-pixel screen without overflowing, in Swedish and English")
    func rendered() async throws {
        let (_, documents) = try Self.documents()
        try FileManager.default.createDirectory(at: Self.screenshots, withIntermediateDirectories: true)
        let browser = try await Browser(width: 1280, height: 1000)
        do {
            try await look(at: documents, in: browser)
        } catch {
            await browser.quit()
            throw error
        }
        await browser.quit()
        let report = try String(contentsOf: documents.first { $0.name == "access-report" }!.file, encoding: .utf8)
        #expect(report.contains("Skrivaren skriver inte ut &lt;fakturor&gt; &amp; kvitton"))
        #expect(report.contains("Nyhetsbrevet skickades med alla mottagare synliga"))
    }

    private func look(at documents: [(name: String, lang: String, file: URL)], in browser: Browser) async throws {
        for document in documents {
            _ = try await browser.command("window/rect", ["width": 1280, "height": 1000])
            try await browser.open(document.file)
            let page = try #require(
                try await browser.evaluate(
                    """
                    return { lang: document.documentElement.lang, title: document.title,
                             h1: document.querySelector('h1').innerText,
                             overflow: document.documentElement.scrollWidth - window.innerWidth,
                             headings: document.querySelectorAll('h2, h3').length,
                             text: document.body.innerText }
                    """) as? [String: Any])
            #expect(page["lang"] as? String == document.lang, "\(document.name)")
            #expect(page["title"] as? String == page["h1"] as? String)
            #expect((page["overflow"] as? Int ?? 1) <= 0, "\(document.name)-\(document.lang) overflows the page")
            #expect((page["headings"] as? Int ?? 0) >= 3)
            let text = page["text"] as? String ?? ""
            #expect(!text.contains("&amp;") && !text.contains("&lt;"), "escaped text shows as markup")
            try await browser.fitToPage(width: 1280)
            let png = try await browser.screenshot()
            #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
            try png.write(to: Self.screenshots.appendingPathComponent("\(document.name)-\(document.lang).png"))
        }
    }
}
