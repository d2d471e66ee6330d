import Foundation
import Testing

/// A real Chromium, driven over the W3C WebDriver protocol by chromedriver on 127.0.0.1.
final class Browser: @unchecked Sendable {
    private let driver: Process
    private let base: URL
    private let session: String

    /// chromedriver from Debian's package, or nil when it is not installed.
    static var driverPath: String? {
        ["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"].first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
    }

    /// Browser tests are skipped where no Chromium is installed, except under the test command,
    /// which installs it and sets GALLRA_REQUIRE_BROWSER.
    static var mustRun: Bool { ProcessInfo.processInfo.environment["GALLRA_REQUIRE_BROWSER"] == "1" }

    init(width: Int, height: Int) async throws {
        let path = try #require(Browser.driverPath, "chromedriver is not installed")
        let port = try GallraProcess.freeLoopbackPort()
        driver = Process()
        driver.executableURL = URL(fileURLWithPath: path)
        driver.arguments = ["--port=\(port)", "--allowed-ips=127.0.0.1"]
        driver.standardOutput = FileHandle.nullDevice
        driver.standardError = FileHandle.nullDevice
        try ProcessEnvironment.launch(driver)
        base = URL(string: "http://127.0.0.1:\(port)")!
        var ready = false
        for _ in 0..<100 where !ready {
            try await Task.sleep(nanoseconds: 100_000_000)
            ready = (try? await Browser.request(base.appendingPathComponent("status"), method: "GET")) != nil
        }
        let capabilities: [String: Any] = [
            "capabilities": [
                "alwaysMatch": [
                    "goog:chromeOptions": [
                        "args": [
                            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                            "--hide-scrollbars", "--window-size=\(width),\(height)", "--lang=sv-SE",
                        ],
                        // A Swedish browser, as the people at the demo company use: pages with no
                        // signed-in user (sign-in, invitations, the public pages) follow it.
                        "prefs": ["intl.accept_languages": "sv-SE,sv,en"],
                    ]
                ]
            ]
        ]
        let created = try await Browser.request(base.appendingPathComponent("session"), body: capabilities)
        session = try #require((created["value"] as? [String: Any])?["sessionId"] as? String)
    }

    func open(_ file: URL) async throws {
        _ = try await command("url", ["url": file.absoluteString])
    }

    /// The element the CSS selector finds first; an error when there is none.
    func element(_ selector: String) async throws -> String {
        let found = try await command("element", ["using": "css selector", "value": selector])
        let value = try #require(found["value"] as? [String: Any], "no element \(selector)")
        return try #require(value.values.first as? String)
    }

    /// Types into the element the selector finds, as a person would.
    func type(_ text: String, into selector: String) async throws {
        let id = try await element(selector)
        _ = try await command("element/\(id)/clear", [:])
        _ = try await command("element/\(id)/value", ["text": text])
    }

    func click(_ selector: String) async throws {
        _ = try await command("element/\(try await element(selector))/click", [:])
    }

    /// The page's visible text.
    func text() async throws -> String {
        try await evaluate("return document.body.innerText") as? String ?? ""
    }

    /// Whether the page's text comes to hold `needle` within `limit`: for the page a click
    /// navigates to, which a loaded machine may still be loading when the click returns.
    func shows(_ needle: String, within limit: Duration = .seconds(10)) async throws -> Bool {
        let deadline = ContinuousClock.now + limit
        while true {
            if try await text().contains(needle) { return true }
            if ContinuousClock.now >= deadline { return false }
            try await Task.sleep(for: .milliseconds(200))
        }
    }

    /// The path of the page shown.
    func path() async throws -> String {
        try await evaluate("return location.pathname + location.search") as? String ?? ""
    }

    /// Runs axe-core (from the file given) on the page; returns its serious and critical findings.
    func accessibilityProblems(axe script: String) async throws -> [String] {
        _ = try await evaluate(script + "\nreturn true;")
        let result = try await command(
            "execute/async",
            [
                "script": """
                const done = arguments[arguments.length - 1];
                axe.run(document).then(r => done(r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
                  .map(v => v.id + ': ' + v.help + ' (' + v.nodes.map(n => n.target.join(' ')).join(', ') + ')')));
                """,
                "args": [],
            ])
        return result["value"] as? [String] ?? []
    }

    /// Runs JavaScript in the page and returns its result.
    func evaluate(_ script: String) async throws -> Any? {
        try await command("execute/sync", ["script": script, "args": []])["value"]
    }

    /// Makes the window as tall as the page (up to `limit` pixels), so a screenshot holds all of it.
    func fitToPage(width: Int, limit: Int = 12_000) async throws {
        // From a window of ordinary height: a page filling the window measures as tall as the last one.
        _ = try await command("window/rect", ["width": width, "height": 900])
        let height = try await evaluate("return document.documentElement.scrollHeight") as? Int ?? 1_000
        _ = try await command("window/rect", ["width": width, "height": min(height + 120, limit)])
    }

    /// A PNG of the window.
    func screenshot() async throws -> Data {
        let response = try await Browser.request(
            base.appendingPathComponent("session/\(session)/screenshot"), method: "GET")
        let text = try #require(response["value"] as? String)
        return try #require(Data(base64Encoded: text))
    }

    func quit() async {
        _ = try? await Browser.request(base.appendingPathComponent("session/\(session)"), method: "DELETE")
        driver.terminate()
        // Polled, not waitUntilExit(), which spins the run loop of a cooperative thread on Linux.
        for _ in 0..<50 where driver.isRunning { try? await Task.sleep(nanoseconds: 100_000_000) }
        if driver.isRunning { kill(driver.processIdentifier, SIGKILL) }
    }

    func command(_ path: String, _ body: [String: Any]) async throws -> [String: Any] {
        try await Browser.request(base.appendingPathComponent("session/\(session)/\(path)"), body: body)
    }

    /// One WebDriver call, made with curl: a plain HTTP client on loopback.
    private static func request(_ url: URL, method: String = "POST", body: [String: Any]? = nil) async throws
        -> [String: Any]
    {
        var arguments = ["-sS", "--max-time", "60", "-X", method, "-w", "\n%{http_code}", url.absoluteString]
        // The body goes through a file: a script such as axe-core is longer than an argument may be.
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("webdriver-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: file) }
        if let body {
            try JSONSerialization.data(withJSONObject: body).write(to: file)
            arguments += ["-H", "Content-Type: application/json", "--data-binary", "@\(file.path)"]
        }
        let result = try GallraProcess.runTool("/usr/bin/curl", arguments)
        guard result.status == 0 else { throw WebDriverError(description: "\(url.path): \(result.stderr)") }
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        let status = Int(lines.last ?? "") ?? 0
        let payload = lines.dropLast().joined(separator: "\n")
        let json = try JSONSerialization.jsonObject(with: Data(payload.utf8)) as? [String: Any] ?? [:]
        if status >= 400 { throw WebDriverError(description: "\(url.path): \(status) \(json)") }
        return json
    }
}

struct WebDriverError: Error, CustomStringConvertible {
    let description: String
}
