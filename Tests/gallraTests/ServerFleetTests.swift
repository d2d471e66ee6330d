import Foundation
import GallraDatabase
import SQLKit
import Testing

/// Three `gallra serve` on one PostgreSQL (issue 35, item 1), as a browser, a program and the
/// people writing in meet them: a session and its anti-forgery token good on every server, one
/// sweep when all are asked at once, and every mail once at a real SMTP server.
@Suite(
    "Several servers on one PostgreSQL", .serialized,
    .enabled(
        if: (ServerFleet.postgresURL != nil && MailDeliveryTests.SMTPServer.available)
            || ProcessInfo.processInfo.environment["GALLRA_REQUIRE_POSTGRES"] == "1",
        "no PostgreSQL (GALLRA_TEST_POSTGRES_URL) or no SMTP server (msmtp, aiosmtpd)"))
struct ServerFleetTests {
    @Test("Signed in on one server, going on on another; one sweep among three; each mail once")
    func threeServers() async throws {
        let smtp = try MailDeliveryTests.SMTPServer.start()
        defer { smtp.stop() }
        let fleet = try await ServerFleet(count: 3, options: ["--sendmail", smtp.sendmail])
        defer { fleet.stop() }
        let jar = fleet.directory.appendingPathComponent("cookies").path

        // Signed in on the first server…
        let signIn = try Self.signIn(fleet.url(0), jar: jar)
        #expect(signIn.hasPrefix("303"), "signed in: \(signIn)")
        let first = try GallraProcess.runTool("/usr/bin/curl", ["-s", "-b", jar, "\(fleet.url(0))/admin"])
        let sessionToken = try #require(
            first.stdout.firstMatch(of: /action="\/admin\/logout">\s*<input type="hidden" name="csrf" value="([^"]+)"/)?
                .1, "the first server's page has a sign-out form")
        // …the second server knows the session and shows the same person signed in…
        let second = try GallraProcess.runTool("/usr/bin/curl", ["-s", "-b", jar, "\(fleet.url(1))/admin"])
        #expect(second.stdout.contains(ServerFleet.admin), "the second server shows who is signed in")
        // …refuses a forged form…
        let forged = try GallraProcess.runTool(
            "/usr/bin/curl",
            [
                "-s", "-o", "/dev/null", "-w", "%{http_code}", "-b", jar, "-X", "POST",
                "\(fleet.url(1))/admin/logout", "--data-urlencode", "csrf=not-the-token",
            ])
        #expect(forged.stdout == "403", "a form without the session's token is refused: \(forged.stdout)")
        // …and takes the first server's token: signing out there ends the session on all three.
        let signOut = try GallraProcess.runTool(
            "/usr/bin/curl",
            [
                "-s", "-o", "/dev/null", "-w", "%{http_code} %{redirect_url}", "-b", jar, "-X", "POST",
                "\(fleet.url(1))/admin/logout", "--data-urlencode", "csrf=\(String(sessionToken))",
            ])
        #expect(signOut.stdout.contains("/admin/login"), "signed out on the second server: \(signOut.stdout)")
        let third = try Self.page(fleet.url(2), jar: jar)
        #expect(third.contains("/admin/login"), "the third server sends the signed-out browser to sign in")
        // Signed in again, on the third; disabled from the command line: no server lets them on.
        #expect(try Self.signIn(fleet.url(2), jar: jar).hasPrefix("303"))
        #expect(try Self.page(fleet.url(0), jar: jar).hasPrefix("200"), "signed in again")
        // (Gallra keeps one admin who can sign in: a second one first.)
        _ = try fleet.gallra(
            ["user", "add", "reserv@example.se", "--role", "admin", "--password-stdin"], input: ServerFleet.password)
        _ = try fleet.gallra(["user", "disable", ServerFleet.admin])
        for n in 0..<3 {
            #expect(try Self.page(fleet.url(n), jar: jar).contains("/admin/login"), "server \(n + 1) ended the session")
        }

        // A sweep asked of all three at once: one sweeps, the others say another sweep runs.
        let token = try fleet.gallra(["token", "create", "--name", "sweeper", "--role", "admin"])
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let answers = try Curls.atOnce(
            (0..<3).map {
                [
                    "-X", "POST", "-H", "Authorization: Bearer \(token)", "-H", "Content-Type: application/json",
                    "-d", "{}", "\(fleet.url($0))/api/v1/sweep",
                ]
            })
        let swept = answers.filter { $0.status == 200 }
        let refused = answers.filter { $0.status == 503 }
        #expect(swept.count == 1, "one server swept: \(answers.map(\.status))")
        #expect(refused.count == 2, "the other two did not: \(answers.map(\.status))")
        for answer in refused {
            #expect(answer.body.contains("Another sweep is running"), "and said why: \(answer.body)")
        }
        let report = try #require(swept.first?.body)
        #expect(!report.contains("\"erased\": 0,"), "the sweep that ran erased what had expired: \(report.prefix(200))")
        #expect(try await fleet.count("SELECT count(*) AS n FROM audit_log WHERE action = 'sweep.summary'") == 1)
        let again = try GallraProcess.runTool(
            "/usr/bin/curl",
            [
                "-s", "-X", "POST", "-H", "Authorization: Bearer \(token)", "-H", "Content-Type: application/json",
                "-d", "{\"dry_run\": true}", "\(fleet.url(2))/api/v1/sweep",
            ])
        #expect(
            again.stdout.contains("\"erased\": 0,"), "nothing is left for another sweep: \(again.stdout.prefix(200))")

        // Twelve people write in, four on each server: twelve messages reach the SMTP server, each
        // once, though three senders share one outbox.
        let people = (0..<12).map { "skribent\($0)@example.se" }
        for (n, email) in people.enumerated() {
            _ = try Self.submit(
                fleet.url(n % 3), email: email, jar: fleet.directory.appendingPathComponent("door-\(n)"))
        }
        var delivered = try await MailDeliveryTests.messages(in: smtp.delivered, atLeast: 12)
        try await Task.sleep(for: .seconds(5))
        delivered = try await MailDeliveryTests.messages(in: smtp.delivered, atLeast: 12)
        #expect(delivered.count == 12, "each message once: \(delivered.count)")
        for email in people {
            #expect(delivered.filter { $0.contains("To: \(email)") }.count == 1, "one message to \(email)")
        }
        #expect(try await fleet.count("SELECT count(*) AS n FROM outbox WHERE sent_at IS NOT NULL") == 12)
        #expect(try await fleet.count("SELECT count(*) AS n FROM outbox WHERE failed_at IS NOT NULL") == 0)
        let verify = try fleet.gallra(["audit", "verify"])
        #expect(verify.contains("intact"), "\(verify)")
    }

    /// Signs the admin in on `server`, as a browser would: the answer's status and where it leads.
    static func signIn(_ server: String, jar: String) throws -> String {
        let form = try GallraProcess.runTool("/usr/bin/curl", ["-s", "-c", jar, "\(server)/admin/login"])
        let token = try #require(form.stdout.firstMatch(of: /name="csrf" value="([^"]+)"/)?.1)
        return try GallraProcess.runTool(
            "/usr/bin/curl",
            [
                "-s", "-o", "/dev/null", "-w", "%{http_code} %{redirect_url}", "-b", jar, "-c", jar, "-X", "POST",
                "\(server)/admin/login", "--data-urlencode", "csrf=\(token)", "--data-urlencode",
                "email=\(ServerFleet.admin)", "--data-urlencode", "password=\(ServerFleet.password)",
            ]
        ).stdout
    }

    /// The admin overview of `server` for the browser's cookies: its status and where it leads.
    static func page(_ server: String, jar: String) throws -> String {
        try GallraProcess.runTool(
            "/usr/bin/curl",
            ["-s", "-o", "/dev/null", "-w", "%{http_code} %{redirect_url}", "-b", jar, "\(server)/admin"]
        ).stdout
    }

    /// Submits the public request form of `server` as a browser would; the page answered.
    static func submit(_ server: String, email: String, jar: URL) throws -> String {
        let form = try GallraProcess.runTool("/usr/bin/curl", ["-s", "-c", jar.path, "\(server)/privacy/request"])
        let token = try #require(form.stdout.firstMatch(of: /name="csrf" value="([^"]+)"/)?.1)
        return try GallraProcess.runTool(
            "/usr/bin/curl",
            [
                "-s", "-b", jar.path, "-X", "POST", "\(server)/privacy/request", "--data-urlencode", "csrf=\(token)",
                "--data-urlencode", "lang=sv", "--data-urlencode", "kind=access", "--data-urlencode", "email=\(email)",
                "--data-urlencode", "website=",
            ]
        ).stdout
    }
}

/// Two servers behind Debian's nginx (issue 35, item 1): the client is the one nginx names, and
/// only nginx is believed.
@Suite(
    "Several servers behind nginx", .serialized,
    .enabled(
        if: (ServerFleet.postgresURL != nil && ReverseProxy.available)
            || ProcessInfo.processInfo.environment["GALLRA_REQUIRE_PROXY"] == "1",
        "no PostgreSQL (GALLRA_TEST_POSTGRES_URL) or no nginx (apt-get install nginx-light)"))
struct ReverseProxyTests {
    @Test(
        "The sign-in limit counts the client nginx names, across both servers; a forged X-Forwarded-For is not believed"
    )
    func clientFromTheProxy() async throws {
        let fleet = try await ServerFleet(count: 2, options: ["--trusted-proxy", "127.0.0.2"])
        defer { fleet.stop() }
        let proxy = try await ReverseProxy(servers: fleet.ports)
        defer { proxy.stop() }
        let jar = fleet.directory.appendingPathComponent("cookies")
        // Twenty failed sign-ins from 127.0.0.3 through nginx, each for another account (one
        // account allows five), taken in turn by the two servers: the twenty-first is refused.
        for n in 0..<20 {
            let status = try Self.signIn(proxy.url, from: "127.0.0.3", email: "ingen\(n)@example.se", jar: jar)
            #expect(status == 401, "attempt \(n + 1) is checked: \(status)")
        }
        #expect(proxy.upstreams.count == 2, "both servers counted attempts: \(proxy.upstreams)")
        #expect(try Self.signIn(proxy.url, from: "127.0.0.3", email: "ingen20@example.se", jar: jar) == 429)
        // Another client through nginx is not refused; nor is it when it claims to be the refused one
        // in a header of its own: nginx adds the address it saw, and that one counts.
        #expect(try Self.signIn(proxy.url, from: "127.0.0.4", email: "ingen21@example.se", jar: jar) == 401)
        #expect(
            try Self.signIn(
                proxy.url, from: "127.0.0.4", email: "ingen22@example.se", forwardedFor: "127.0.0.3", jar: jar)
                == 401)
        // Straight to a server, not through nginx, a header naming another client is not believed:
        // the refused client stays refused, and another is not refused in its name.
        #expect(
            try Self.signIn(
                fleet.url(0), from: "127.0.0.3", email: "ingen23@example.se", forwardedFor: "127.0.0.9", jar: jar)
                == 429)
        #expect(
            try Self.signIn(
                fleet.url(1), from: "127.0.0.5", email: "ingen24@example.se", forwardedFor: "127.0.0.3", jar: jar)
                == 401)
        // The administrator signs in through nginx from a client of their own.
        #expect(
            try Self.signIn(
                proxy.url, from: "127.0.0.6", email: ServerFleet.admin, password: ServerFleet.password, jar: jar) == 303
        )
    }

    /// One sign-in through the form, from the loopback address `from`; the answer's status.
    static func signIn(
        _ server: String, from address: String, email: String, password: String = "fel lösenord som är långt",
        forwardedFor: String? = nil, jar: URL
    ) throws -> Int {
        let header = forwardedFor.map { ["-H", "X-Forwarded-For: \($0)"] } ?? []
        let form = try GallraProcess.runTool(
            "/usr/bin/curl", ["-s", "--interface", address, "-c", jar.path] + header + ["\(server)/admin/login"])
        let token = try #require(form.stdout.firstMatch(of: /name="csrf" value="([^"]+)"/)?.1, "\(form.stdout)")
        let answer = try GallraProcess.runTool(
            "/usr/bin/curl",
            ["-s", "--interface", address, "-o", "/dev/null", "-w", "%{http_code}", "-b", jar.path] + header + [
                "-X", "POST", "\(server)/admin/login", "--data-urlencode", "csrf=\(token)", "--data-urlencode",
                "email=\(email)", "--data-urlencode", "password=\(password)",
            ])
        return Int(answer.stdout) ?? 0
    }
}
