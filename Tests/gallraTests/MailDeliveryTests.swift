import Foundation
import GallraDatabase
import Testing

/// Mail through real parts: msmtp (Debian) to aiosmtpd (PyPI) on loopback, and an outbox that
/// survives a killed server.
@Suite(
    "Mail through a real SMTP server", .serialized,
    .enabled(
        if: (FileManager.default.isExecutableFile(atPath: "/usr/bin/msmtp")
            && ProcessInfo.processInfo.environment["GALLRA_TEST_PYTHONPATH"] != nil)
            || ProcessInfo.processInfo.environment["GALLRA_REQUIRE_MAIL"] == "1",
        "msmtp or aiosmtpd (GALLRA_TEST_PYTHONPATH) is not installed"))
struct MailDeliveryTests {
    /// The confirmation link in a delivered message (its text part is base64).
    static func link(in message: String, to page: String = "confirm") throws -> String {
        let text = try #require(text(of: message).first { $0.contains("/privacy/\(page)/") }, "no link in \(message)")
        let pattern = try Regex("http://127\\.0\\.0\\.1:\\d+/privacy/\(page)/[A-Za-z0-9_-]+(\\?lang=[a-z]{2})?")
        return String(try #require(text.firstMatch(of: pattern)).0)
    }

    /// A message's parts, decoded from base64.
    static func text(of message: String) -> [String] {
        message.components(separatedBy: "\n\n").compactMap { part -> String? in
            let lines = part.components(separatedBy: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
                .prefix { !$0.hasPrefix("--") }
            return Data(base64Encoded: lines.joined()).map { String(decoding: $0, as: UTF8.self) }
        }.filter { !$0.isEmpty }
    }

    /// Files in a directory (a Maildir's new/, or a mail directory), waited for.
    static func messages(in directory: URL, atLeast count: Int) async throws -> [String] {
        for _ in 0..<100 {
            let files =
                (try? FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)) ?? []
            if files.count >= count {
                return try files.map { try String(contentsOf: $0, encoding: .utf8) }
            }
            try await Task.sleep(for: .milliseconds(200))
        }
        return []
    }

    /// A real SMTP server (aiosmtpd) on loopback, delivering to a Maildir.
    struct SMTPServer {
        let process: Process
        let mailbox: URL
        let port: Int

        /// Where delivered messages appear.
        var delivered: URL { mailbox.appendingPathComponent("box/new") }
        /// The `--sendmail` command that hands a message to it through msmtp.
        var sendmail: String { "msmtp --host=127.0.0.1 --port=\(port) --from=dataskydd@exempel.se -t" }

        static var available: Bool {
            FileManager.default.isExecutableFile(atPath: "/usr/bin/msmtp")
                && ProcessInfo.processInfo.environment["GALLRA_TEST_PYTHONPATH"] != nil
        }

        static func start() throws -> SMTPServer {
            let python = try #require(ProcessInfo.processInfo.environment["GALLRA_TEST_PYTHONPATH"])
            let mailbox = FileManager.default.temporaryDirectory.appendingPathComponent(
                "gallra-smtp-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: mailbox, withIntermediateDirectories: true)
            let port = try GallraProcess.freeLoopbackPort()
            let smtp = Process()
            smtp.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            smtp.arguments = [
                "python3", "-m", "aiosmtpd", "-n", "-l", "127.0.0.1:\(port)", "-c", "aiosmtpd.handlers.Mailbox",
                mailbox.appendingPathComponent("box").path,
            ]
            smtp.environment = ProcessEnvironment.current.merging(["PYTHONPATH": python]) { $1 }
            smtp.standardOutput = FileHandle.nullDevice
            smtp.standardError = FileHandle.nullDevice
            try ProcessEnvironment.launch(smtp)
            return SMTPServer(process: smtp, mailbox: mailbox, port: port)
        }

        func stop() {
            process.terminate()
            try? FileManager.default.removeItem(at: mailbox)
        }
    }

    @Test("A request confirmed through mail that went by msmtp to a real SMTP server")
    func throughSMTP() async throws {
        let smtp = try SMTPServer.start()
        let mailbox = smtp.mailbox
        defer { smtp.stop() }
        let server = try DemoServer(["--sendmail", smtp.sendmail])
        defer { server.stop() }
        try await server.ready()
        let before = try server.gallra(["request", "list", "--json"]).stdout
        let answer = try server.submitRequest(kind: "erasure", email: "anna.andersson@example.se")
        #expect(answer.contains("Titta i din e-post"))
        let delivered = try await Self.messages(in: mailbox.appendingPathComponent("box/new"), atLeast: 1)
        let message = try #require(delivered.first, "the SMTP server received the confirmation")
        #expect(message.contains("To: anna.andersson@example.se"))
        let link = try Self.link(in: message)
        #expect(link.hasPrefix(server.url), "the link is built from the server's base URL")
        let page = try GallraProcess.runTool("/usr/bin/curl", ["-s", link])
        #expect(page.stdout.contains("Bekräfta begäran"))
        #expect(try server.gallra(["request", "list", "--json"]).stdout == before, "opening the link changed nothing")
        let confirmed = try GallraProcess.runTool("/usr/bin/curl", ["-s", "-X", "POST", link, "-d", "lang=sv"])
        #expect(confirmed.stdout.contains("Din begäran är registrerad"))
        let after =
            try JSONSerialization.jsonObject(
                with: Data(try server.gallra(["request", "list", "--json"]).stdout.utf8)) as? [[String: Any]]
        let beforeCount = (try JSONSerialization.jsonObject(with: Data(before.utf8)) as? [Any])?.count ?? 0
        #expect(after?.count == beforeCount + 1, "the request is in the register")
        let receipts = try await Self.messages(in: mailbox.appendingPathComponent("box/new"), atLeast: 2)
        #expect(receipts.count == 2, "and the receipt went by SMTP too")
    }

    @Test(
        "A server killed while handing a message over never sends it again and says so; the message waiting behind it goes after the restart"
    )
    func outboxSurvivesAKill() async throws {
        // Its mail command hangs, so the first message is being handed over when the server is
        // killed, and the second waits behind it.
        let server = try DemoServer(["--sendmail", "sleep 30"])
        try await server.ready()
        _ = try server.submitRequest(kind: "access", email: "bertil.berg@example.se", lang: "en")
        try await Task.sleep(for: .seconds(3))
        _ = try server.submitRequest(kind: "access", email: "cecilia.carlsson@example.se", lang: "en")
        try await Task.sleep(for: .seconds(1))
        server.kill()
        _ = try? GallraProcess.runTool("/usr/bin/pkill", ["-f", "^sleep 30$"])
        let mail = server.directory.appendingPathComponent("mail")
        let restarted = Process()
        restarted.executableURL = GallraProcess.executable
        restarted.arguments = [
            "serve", "--port", "\(server.port)", "--sweep-at", "off", "--database", "sqlite:gallra-demo.sqlite",
            "--key-file", "gallra-demo.key", "--mail-dir", mail.path,
        ]
        restarted.currentDirectoryURL = server.directory
        restarted.standardOutput = FileHandle.nullDevice
        restarted.standardError = FileHandle.nullDevice
        try ProcessEnvironment.launch(restarted)
        defer {
            restarted.terminate()
            restarted.waitUntilExit()
            server.stop()
        }
        let sent = try await Self.messages(in: mail, atLeast: 1)
        #expect(sent.count == 1, "the message waiting at the kill was sent after the restart")
        #expect(sent.first?.contains("To: cecilia.carlsson@example.se") == true)
        // At most once: the message the killed server was handing over may have gone, so it is
        // not sent again; its record says it was given up, and why, never that it was sent.
        try await Task.sleep(for: .seconds(3))
        #expect(try await Self.messages(in: mail, atLeast: 1).count == 1, "the interrupted message was not sent again")
        let database = try await StoreConnection.open(
            .sqlite(path: server.directory.appendingPathComponent("gallra-demo.sqlite").path))
        let given = try await database.sql.raw(
            "SELECT sent_at, last_error FROM outbox WHERE failed_at IS NOT NULL"
        ).all()
        await database.close()
        #expect(given.count == 1, "the interrupted message is given up")
        let interrupted = try #require(given.first)
        #expect(try interrupted.decode(column: "sent_at", as: Int64?.self) == nil, "and not recorded sent")
        #expect(try interrupted.decode(column: "last_error", as: String?.self)?.contains("may have gone") == true)
    }
}
