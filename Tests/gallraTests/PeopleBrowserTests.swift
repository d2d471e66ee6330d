import Foundation
import HummingbirdOTP
import Testing

/// The users of Gallra in a real Chromium (issue 32, item 3): an admin adds a privacy officer,
/// who signs in with the one-time password and must choose their own; the admin demotes them,
/// disables them (their open session, in a second browser, ends at its next request) and
/// enables them again; they enrol two-step sign-in from the key shown beside the QR code, sign in
/// with the app's code, and with a recovery code, once. Every new page is checked with axe and
/// kept as a screenshot.
@Suite(
    "People in a real browser", .serialized,
    .enabled(if: Browser.driverPath != nil || Browser.mustRun, "Chromium and chromedriver are not installed"))
struct PeopleBrowserTests {
    static let screenshots = packageRoot.appendingPathComponent(".build/screenshots/people")

    func look(_ browser: Browser, _ name: String) async throws {
        try await browser.look(name, width: 1280, into: Self.screenshots, suffixed: false)
    }

    /// Signs in; returns the path the browser lands on.
    func signIn(_ browser: Browser, _ server: DemoServer, _ email: String, _ password: String, code: String = "")
        async throws -> String
    {
        try await browser.open(URL(string: "\(server.url)/admin/login")!)
        try await browser.type(email, into: "#email")
        try await browser.type(password, into: "#password")
        if !code.isEmpty { try await browser.type(code, into: "#code") }
        try await browser.click("form.narrow button")
        var path = try await browser.path()
        for _ in 0..<50 where path == "/admin/login" {
            try await Task.sleep(for: .milliseconds(200))
            path = try await browser.path()
        }
        return path
    }

    func signOut(_ browser: Browser) async throws {
        try await browser.click("form.signout button")
        var path = try await browser.path()
        for _ in 0..<50 where path != "/admin/login" {
            try await Task.sleep(for: .milliseconds(200))
            path = try await browser.path()
        }
        #expect(path == "/admin/login", "signed out")
    }

    /// The RFC 4648 base32 key shown on the page, back to the secret's bytes.
    static func secret(fromKey key: String) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
        var bits = 0
        var value = 0
        var bytes: [UInt8] = []
        for character in key.uppercased() where character != " " {
            guard let index = alphabet.firstIndex(of: character) else { continue }
            value = (value << 5 | index) & 0xFFFF
            bits += 5
            if bits >= 8 {
                bytes.append(UInt8((value >> (bits - 8)) & 0xFF))
                bits -= 8
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func code(_ secret: String, at date: Date) -> String {
        String(format: "%06d", TOTP(secret: secret).compute(date: date))
    }

    @Test("A user added, demoted, disabled (their session ends) and enabled; two-step sign-in enrolled and used")
    func people() async throws {
        let server = try DemoServer()
        defer { server.stop() }
        try await server.ready()
        try FileManager.default.createDirectory(at: Self.screenshots, withIntermediateDirectories: true)
        let adminPassword = try #require(server.adminPassword)
        let admin = try await Browser(width: 1280, height: 1000)
        let klara = try await Browser(width: 1280, height: 1000)
        do {
            #expect(try await signIn(admin, server, "admin@example.se", adminPassword) == "/admin")
            try await admin.click("a[href='/admin/users']")
            #expect(try await admin.shows("De personer som loggar in i Gallra"))
            #expect(try await admin.text().contains("admin@example.se"))
            try await look(admin, "users-sv")

            // Klara, a privacy officer who reads English, with a one-time password.
            try await admin.type("klara@example.se", into: "#new-email")
            _ = try await admin.evaluate(
                "document.querySelector('#new-role').value = 'privacy_officer'; document.querySelector('#new-lang').value = 'en'; return true"
            )
            try await admin.click("form[action='/admin/users'] button")
            #expect(try await admin.shows("klara@example.se har lagts till."))
            let oneTime =
                try await admin.evaluate("return document.querySelector('#handover-secret').textContent")
                as? String ?? ""
            #expect(oneTime.count == 20)
            try await look(admin, "user-added-sv")

            // She signs in with it, and must choose her own before anything else.
            #expect(try await signIn(klara, server, "klara@example.se", oneTime) == "/admin/account")
            #expect(try await klara.shows("Choose a new password before you go on"))
            try await look(klara, "account-must-change-en")
            try await klara.open(URL(string: "\(server.url)/admin/incidents")!)
            #expect(try await klara.path() == "/admin/account", "no other page until it is changed")
            let own = "Klaras eget långa lösenord"
            try await klara.type(oneTime, into: "#current")
            try await klara.type(own, into: "#new")
            try await klara.type(own, into: "#again")
            try await klara.click("form[action='/admin/account/password'] button")
            #expect(try await klara.shows("Your password is changed"))
            try await klara.open(URL(string: "\(server.url)/admin/incidents")!)
            #expect(try await klara.path() == "/admin/incidents", "a privacy officer reads the incidents")
            #expect(try await !klara.text().contains("You may not see this."))

            // Demoted to support for one activity: her next page is a support user's.
            try await admin.open(URL(string: "\(server.url)/admin/users")!)
            let href = try await admin.evaluate(
                "return [...document.querySelectorAll('main a')].find(a => a.textContent == 'klara@example.se').getAttribute('href')"
            )
            try await admin.open(URL(string: "\(server.url)\(href as? String ?? "")")!)
            let text = try await admin.text()
            #expect(text.contains("klara@example.se"))
            try await look(admin, "user-sv")
            _ = try await admin.evaluate("document.querySelector('#role').value = 'support'; return true")
            try await admin.type("support", into: "#activities")
            try await admin.click("form[action$='/role'] button")
            #expect(try await admin.shows("Rollen är nu: Supportmedarbetare (support)."))
            try await klara.open(URL(string: "\(server.url)/admin/incidents")!)
            #expect(try await klara.shows("You may not see this."), "demoted, she no longer reads the incidents")

            // Disabled: her open session ends at its next request.
            try await admin.click("form[action$='/disable'] button")
            #expect(try await admin.shows("Användaren är avstängd"))
            #expect(try await admin.text().contains("Avstängd"))
            try await klara.open(URL(string: "\(server.url)/admin")!)
            #expect(try await klara.path() == "/admin/login", "her session ended")
            #expect(
                try await signIn(klara, server, "klara@example.se", own) == "/admin/login", "and she cannot sign in")
            try await admin.click("form[action$='/enable'] button")
            #expect(try await admin.shows("Användaren kan logga in igen."))
            #expect(try await signIn(klara, server, "klara@example.se", own) == "/admin")

            // Two-step sign-in from the key beside the QR code.
            try await klara.open(URL(string: "\(server.url)/admin/account")!)
            try await look(klara, "account-en")
            try await klara.click("form[action='/admin/account/totp'] button")
            #expect(try await klara.shows("Scan the code with your authenticator app"))
            #expect(
                try await klara.evaluate("return document.querySelectorAll('.qr-code svg path').length") as? Int == 1,
                "the QR code is drawn")
            try await look(klara, "account-qr-en")
            let key =
                try await klara.evaluate("return document.querySelector('#totp-key').textContent") as? String ?? ""
            let secret = Self.secret(fromKey: key)
            #expect(secret.count == 20)
            try await klara.type("000000", into: "#totp-code")
            try await klara.click("form[action='/admin/account/totp/confirm'] button")
            let wrongRefused = try await klara.shows("That is not the code the app shows now")
            if !wrongRefused { #expect(Self.code(secret, at: Date()) == "000000", "a wrong code is refused") }
            try await klara.type(Self.code(secret, at: Date()), into: "#totp-code")
            try await klara.click("form[action='/admin/account/totp/confirm'] button")
            #expect(try await klara.shows("Two-step sign-in is on."))
            let codes =
                try await klara.evaluate(
                    "return [...document.querySelectorAll('#recovery-codes code')].map(c => c.textContent)")
                as? [String] ?? []
            #expect(codes.count == 10)
            try await look(klara, "account-recovery-en")
            try await signOut(klara)

            // The password alone no longer signs her in; with the app's next code it does.
            #expect(try await signIn(klara, server, "klara@example.se", own) == "/admin/login")
            #expect(
                try await signIn(
                    klara, server, "klara@example.se", own, code: Self.code(secret, at: Date().addingTimeInterval(30)))
                    == "/admin")
            try await signOut(klara)
            // A recovery code in place of the app's, once.
            let recovery = try #require(codes.first)
            #expect(try await signIn(klara, server, "klara@example.se", own, code: recovery) == "/admin")
            try await signOut(klara)
            #expect(
                try await signIn(klara, server, "klara@example.se", own, code: recovery) == "/admin/login",
                "a recovery code works once")
            try await admin.open(URL(string: "\(server.url)/admin/users")!)
            #expect(try await admin.text().contains("På"), "the list shows her two-step sign-in")
            try await look(admin, "users-after-sv")

            // A reset by invitation: the old password stops working; the link sets a new one, once.
            try await admin.open(URL(string: "\(server.url)\(href as? String ?? "")")!)
            try await admin.click("form[action$='/reset'] input[value='invite'] ~ button")
            #expect(try await admin.shows("Inbjudningslänken, som visas bara den här gången."))
            let link =
                try await admin.evaluate("return document.querySelector('#handover-secret').textContent")
                as? String ?? ""
            #expect(link.hasPrefix("\(server.url)/invitation/gallra_"), "\(link)")
            try await klara.open(URL(string: link)!)
            // In Klara's own language, which the admin chose for her, whatever her browser's.
            #expect(try await klara.shows("For klara@example.se."))
            try await look(klara, "invitation-en")
            let chosen = "Klaras nya långa lösenord"
            try await klara.type(chosen, into: "#new")
            try await klara.type(chosen, into: "#again")
            try await klara.click("form.narrow button")
            #expect(try await klara.shows("Your password is saved."))
            try await look(klara, "invitation-done-en")
            try await klara.open(URL(string: link)!)
            #expect(try await klara.shows("Inbjudningslänken fungerar inte längre"), "the link works once")
            // The app's last code is taken already (no replay): another recovery code, with the new password.
            #expect(try await signIn(klara, server, "klara@example.se", chosen, code: codes[1]) == "/admin")

            // The audit chain holds each change, naming her by id, never her address.
            let audit = try server.gallra(["audit", "list", "--action", "user.disable"]).stdout
            #expect(audit.contains("user.disable"))
            #expect(!audit.contains("klara@example.se"))
        } catch {
            await admin.quit()
            await klara.quit()
            throw error
        }
        await admin.quit()
        await klara.quit()
    }
}
