import Foundation
import GallraDatabase
import SQLKit
import Testing

/// A person's request carried from the public form to the outcome mail, through real parts:
/// `gallra serve --demo` mailing by msmtp to aiosmtpd on loopback, a connected SQLite database
/// (the company's shop, named by a systems file applied with `gallra systems apply`), and one
/// Chromium session for the person and the privacy officer.
final class RequestJourney: @unchecked Sendable {
    let smtp: MailDeliveryTests.SMTPServer
    let server: DemoServer
    let browser: Browser
    /// The company's own database, connected by the systems file.
    let shop: URL

    /// The register's activities as the Swedish mail names them.
    enum Activity {
        static let purchases = "Köp av produkt eller tjänst via någon av våra kanaler/kundreskontra"
        static let newsletter = "Anmälan till gratistjänst såsom BL Nyhetsbrev"
        static let invoicing = "Kundreskontra och fakturering"
        static let demo = "Test av produkt/tjänst (demo)"
        static let directMail = "Adressuttag för direktreklam"
        static let photos = "Register för samtycke foto, filmning, ljudupptagning av kunder"
    }

    /// The shop: customers (the purchases activity, with a restriction mark) and an address list
    /// for direct mail, each found by the e-mail address.
    static let systems = """
        version: 1
        systems:
          crm:
            database: "sqlite:SHOP"
            tables:
              - table: customer
                key: [id]
                activity: customer-purchases
                person: { email: email }
                columns: { name: name, email: email, phone: phone }
                events: { collected: created_at, contract.end: contract_ended_at }
                on_expiry: erase
                restrict: restricted
              - table: mailing
                key: [id]
                activity: direct-mail
                person: { email: email }
                columns: { email: email, address: address }
                events: { collected: added_at }
                on_expiry: erase
        """

    /// Whether the real SMTP path can run here: msmtp and aiosmtpd (the test command installs both).
    static var available: Bool { MailDeliveryTests.SMTPServer.available && Browser.driverPath != nil }

    private init(smtp: MailDeliveryTests.SMTPServer, server: DemoServer, browser: Browser, shop: URL) {
        self.smtp = smtp
        self.server = server
        self.browser = browser
        self.shop = shop
    }

    /// The server, its mail, the shop with its systems file in force, and a browser.
    static func start() async throws -> RequestJourney {
        let smtp = try MailDeliveryTests.SMTPServer.start()
        let server: DemoServer
        do {
            server = try DemoServer(["--sendmail", smtp.sendmail])
        } catch {
            smtp.stop()
            throw error
        }
        let shop = smtp.mailbox.appendingPathComponent("shop.sqlite")
        do {
            try await server.ready()
            let connection = try await StoreConnection.open(.sqlite(path: shop.path), foreign: false)
            for statement in [
                """
                CREATE TABLE customer (id INTEGER PRIMARY KEY, email TEXT, phone TEXT, name TEXT, created_at TEXT,
                contract_ended_at TEXT, restricted INTEGER NOT NULL DEFAULT 0)
                """,
                "CREATE INDEX customer_email ON customer (lower(email))",
                "CREATE TABLE mailing (id INTEGER PRIMARY KEY, email TEXT, address TEXT, added_at TEXT)",
                "CREATE INDEX mailing_email ON mailing (lower(email))",
            ] {
                try await connection.sql.raw(SQLQueryString(statement)).run()
            }
            await connection.close()
            let file = smtp.mailbox.appendingPathComponent("systems.yaml")
            try systems.replacingOccurrences(of: "SHOP", with: shop.path).write(
                to: file, atomically: true, encoding: .utf8)
            let applied = try server.gallra(["systems", "apply", file.path])
            try #require(applied.status == 0, "systems apply: \(applied.stderr)")
            let browser = try await Browser(width: 1280, height: 1000)
            return RequestJourney(smtp: smtp, server: server, browser: browser, shop: shop)
        } catch {
            server.stop()
            smtp.stop()
            throw error
        }
    }

    func stop() async {
        await browser.quit()
        server.stop()
        smtp.stop()
    }

    /// Runs `body` on a fresh journey, stopped afterwards whatever happens.
    static func run(_ body: (RequestJourney) async throws -> Void) async throws {
        let journey = try await start()
        do {
            try await body(journey)
        } catch {
            await journey.stop()
            throw error
        }
        await journey.stop()
    }

    // MARK: - The person, in the store and in the shop

    /// Runs a `gallra` command on the demo's store; it must succeed.
    @discardableResult
    func gallra(_ arguments: [String]) throws -> String {
        let result = try server.gallra(arguments)
        try #require(result.status == 0, "\(arguments): \(result.stderr)")
        return result.stdout
    }

    /// A person in Gallra's store, with records (activity, category, value).
    func addPerson(email: String, name: String, records: [(String, String, String)]) throws {
        try gallra(["subject", "add", "--email", email, "--name", name])
        for (activity, category, value) in records {
            try gallra(
                ["record", "add", "--subject", email, "--activity", activity, "--category", category, "--value", value])
        }
    }

    /// Runs statements on the shop, each with its values bound.
    func shop(_ statements: [SQLQueryString]) async throws {
        let connection = try await StoreConnection.open(.sqlite(path: shop.path), foreign: false)
        do {
            for statement in statements { try await connection.sql.raw(statement).run() }
        } catch {
            await connection.close()
            throw error
        }
        await connection.close()
    }

    /// The rows of a shop table whose e-mail column is one of `emails`, each column as text,
    /// ordered by id.
    func rows(_ table: String, emails: [String]) async throws -> [[String: String]] {
        let connection = try await StoreConnection.open(.sqlite(path: shop.path), foreign: false)
        var query = SQLQueryString("SELECT * FROM ")
        query.appendInterpolation(unsafeRaw: table == "mailing" ? "mailing" : "customer")
        query.appendLiteral(" WHERE email IN (")
        for (index, email) in emails.enumerated() {
            if index > 0 { query.appendLiteral(", ") }
            query.appendInterpolation(bind: email)
        }
        query.appendLiteral(") ORDER BY id")
        let found: [[String: String]]
        do {
            found = try await connection.sql.raw(query).all().map { row in
                var values: [String: String] = [:]
                for column in row.allColumns {
                    // try?: a column read as the first type it holds; NULL is left out
                    if let number = try? row.decode(column: column, as: Int64.self) {
                        values[column] = String(number)
                    } else if let text = try? row.decode(column: column, as: String.self) {
                        values[column] = text
                    }
                }
                return values
            }
        } catch {
            await connection.close()
            throw error
        }
        await connection.close()
        return found
    }

    /// What `gallra subject export` says of the person: each record in the store (connected rows
    /// carry a table) as "activity category value", sorted, and each activity whose processing
    /// is not active as "activity restricted|stopped".
    func storeRecords(of email: String) throws -> (records: [String], limits: [String]) {
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(try gallra(["subject", "export", email]).utf8))
                as? [String: Any])
        var records: [String] = []
        var limits: [String] = []
        for activity in json["activities"] as? [[String: Any]] ?? [] {
            let id = activity["id"] as? String ?? "?"
            if let processing = activity["processing"] as? String, processing != "active" {
                limits.append("\(id) \(processing)")
            }
            for record in activity["records"] as? [[String: Any]] ?? [] where record["table"] as? String == nil {
                records.append("\(id) \(record["category"] as? String ?? "?") \(record["value"] as? String ?? "?")")
            }
        }
        return (records.sorted(), limits.sorted())
    }

    // MARK: - The person asks

    /// The person's side, in the browser: the public form (the kind, what they write, their
    /// address), the confirmation link in the mail that comes, the confirmation; returns the
    /// request's short reference from the receipt. `activities`: those the person ticks (an
    /// objection, withdrawal or restriction); none, all of them. One place for the form's steps.
    func ask(_ kind: String, email: String, details: String = "", activities: [String] = [], lang: String = "sv")
        async throws -> String
    {
        try await browser.open(URL(string: "\(server.url)/privacy/request?lang=\(lang)")!)
        try await browser.click("#kind-\(kind)")
        // The purposes are folded away until the person opens them.
        if !activities.isEmpty { try await browser.click("details.activities summary") }
        for activity in activities { try await browser.click("#activity-\(activity)") }
        if !details.isEmpty { try await browser.type(details, into: "#details") }
        try await browser.type(email, into: "#email")
        try await browser.click("form button[type=submit]")
        let confirmation = try await mail(to: email, count: 1)[0]
        let link = try MailDeliveryTests.link(in: confirmation.raw)
        try await browser.open(URL(string: link)!)
        try await browser.click("form button[type=submit]")
        #expect(
            try await browser.shows(lang == "sv" ? "Din begäran är registrerad" : "Your request is registered"),
            "the request is registered once the person confirms")
        let receipt = try await mail(to: email, count: 2)[1]
        let pattern = lang == "sv" ? /ärendenummer ([0-9]{4}-[0-9]{4,})/ : /reference ([0-9]{4}-[0-9]{4,})/
        return String(try #require(receipt.text.firstMatch(of: pattern)?.1, "no reference in \(receipt.text)"))
    }

    // MARK: - The officer

    /// Signs in to the admin UI (after signing out whoever is signed in).
    func signIn(_ email: String = "admin@example.se", password: String? = nil) async throws {
        try await browser.open(URL(string: "\(server.url)/admin")!)
        if try await browser.path() != "/admin/login" {
            try await browser.click("form.signout button")
            // Signed out once the sign-in page is shown.
            for _ in 0..<50 where try await browser.path() != "/admin/login" {
                try await Task.sleep(for: .milliseconds(100))
                try await browser.open(URL(string: "\(server.url)/admin")!)
            }
        }
        try await AdminBrowserTests().signIn(
            browser, server, email: email, password: try password ?? #require(server.adminPassword))
        #expect(try await browser.path() == "/admin", "signed in as \(email)")
    }

    /// An officer who reads the admin UI in English.
    func addEnglishOfficer() throws -> (email: String, password: String) {
        let password = "ett långt lösenord för test"
        let added = try server.gallra(
            ["user", "add", "eve@example.se", "--lang", "en", "--role", "privacy_officer", "--password-stdin"],
            input: password + "\n")
        try #require(added.status == 0, "\(added.stderr)")
        return ("eve@example.se", password)
    }

    /// Opens the request's page by the reference the person quotes.
    func openRequest(_ reference: String) async throws {
        try await browser.open(URL(string: "\(server.url)/admin/requests/\(reference)")!)
        #expect(try await browser.shows(reference), "the request's page")
    }

    /// The officer carries the request out from its page: the work by hand in the systems Gallra
    /// does not reach marked done, then completed (an erasure after its confirmation page).
    func carryOut(_ reference: String, english: Bool = false) async throws {
        try await openRequest(reference)
        while try await browser.evaluate("return document.querySelector(\"form[action*='/tasks/'] button\") !== null")
            as? Bool == true
        {
            try await browser.click("form[action*='/tasks/'] button")
            _ = try await browser.shows(reference)
        }
        if try await browser.evaluate("return document.querySelector(\"a[href$='/confirm']\") !== null") as? Bool
            == true
        {
            try await browser.click("a[href$='/confirm']")
            try await browser.click("form[action$='/complete'] button")
        } else {
            try await browser.click("form[action$='/complete'] button")
        }
        #expect(try await browser.shows(english ? "What was done" : "Vad som gjordes"), "the request is completed")
    }

    // MARK: - Mail

    struct Mail {
        /// The message as the SMTP server received it, line ends as "\n".
        let raw: String
        /// Its text, decoded.
        let text: String

        /// The "– …" lines under the line `heading`, up to the next blank line.
        func items(under heading: String) -> [String] {
            let lines = text.components(separatedBy: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let start = lines.firstIndex(of: heading) else { return [] }
            return lines[(start + 1)...].prefix { $0.hasPrefix("– ") }.map { String($0.dropFirst(2)) }
        }
    }

    /// The messages the SMTP server received for `address`, in the order sent, once there are
    /// at least `count`.
    func mail(to address: String, count: Int) async throws -> [Mail] {
        let deadline = ContinuousClock.now + .seconds(30)
        while true {
            let files =
                // try?: a mailbox not yet created holds no message
                (try? FileManager.default.contentsOfDirectory(
                    at: smtp.delivered, includingPropertiesForKeys: [.contentModificationDateKey])) ?? []
            var found: [(Date, Mail)] = []
            for file in files {
                let raw = try String(contentsOf: file, encoding: .utf8).replacingOccurrences(of: "\r\n", with: "\n")
                guard raw.contains("To: \(address)\n") else { continue }
                let date = try file.resourceValues(forKeys: [.contentModificationDateKey]).contentModificationDate
                found.append(
                    (
                        date ?? .distantPast,
                        Mail(raw: raw, text: MailDeliveryTests.text(of: raw).joined(separator: "\n"))
                    ))
            }
            if found.count >= count { return found.sorted { $0.0 < $1.0 }.map(\.1) }
            if ContinuousClock.now >= deadline {
                throw WebDriverError(description: "\(found.count) of \(count) messages to \(address) arrived")
            }
            try await Task.sleep(for: .milliseconds(200))
        }
    }

    /// The outcome: the message after the confirmation and the receipt.
    func outcome(to address: String) async throws -> Mail {
        try await mail(to: address, count: 3)[2]
    }
}
