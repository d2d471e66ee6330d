import ArgumentParser
import Foundation
import GallraCore
import GallraServer
import GallraServices
import Hummingbird
import ServiceLifecycle
import UnixSignals

/// `gallra serve`: the HTTP API on the store (loopback by default).
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract:
            "Serve the JSON API (/api/v1, described at /api/v1/openapi.json), sweep daily and remind the privacy officers, until stopped.",
        discussion: """
            Programs send a token from `gallra token create` as "Authorization: Bearer <token>". With --demo, a fresh \
            demo store (gallra-demo.sqlite in the working directory unless --database says otherwise) is loaded with the \
            example register and a few hundred fictional people, and an admin login is printed once.
            """)

    @Option(help: "The address to listen on.") var host = "127.0.0.1"
    @Option(help: "The port.") var port = 8080
    @Option(help: "The local time of the daily sweep, HH:MM, or \"off\".") var sweepAt = "02:15"
    @Option(
        help:
            "The local time of the privacy officers' daily reminder of requests due and incidents on their 72-hour clock, HH:MM, or \"off\"; sent only with --mail-dir or --sendmail."
    )
    var remindersAt = "07:30"
    @Option(help: "The reminder lists the requests overdue or due within this many days.") var remindersWithin = 7
    @Flag(help: "Serve a fresh demo store with fictional people; prints an admin login.") var demo = false
    @Flag(help: "Admins sign in only with a second factor (gallra user totp EMAIL).") var adminTwoFactor = false
    @Option(
        help:
            "The address people reach the server at: every link in an e-mail is built from it; https makes cookies Secure (default http://HOST:PORT)."
    )
    var baseURL: String?
    @Option(help: "Write outgoing mail as RFC 5322 files in this directory (the default: ./gallra-mail).")
    var mailDir: String?
    @Option(help: "Pipe outgoing mail to this sendmail-compatible command instead, e.g. \"msmtp -t\".")
    var sendmail: String?
    @Option(help: "The sender's address of outgoing mail (default: the controller's e-mail in the register).")
    var mailFrom: String?
    @Option(
        help:
            "A directory of the controller's own wording of the e-mails, files like confirm.sv.txt (confirm, receipt, unsubscribed, report, outcome, extended, reminder; sv, en): \"Subject: …\", an empty line, the text with {{placeholders}}."
    )
    var mailTemplates: String?
    @Option(
        help:
            "A reverse proxy in front of the server (an address or range, e.g. 127.0.0.1 or 10.0.0.0/8; repeatable): only its X-Forwarded-For names the client that sign-in and request limits count."
    )
    var trustedProxy: [String] = []
    @Option(
        help:
            "Serve /metrics to a scraper that sends \"Authorization: Bearer TOKEN\" (at least 16 characters; better: the environment variable GALLRA_METRICS_TOKEN, which ps does not show). Without one, /metrics is not served."
    )
    var metricsToken: String?
    @Option(help: "The register the demo store loads (by default the example register built into gallra).")
    var demoRegister: String?
    @OptionGroup var store: StoreOptions

    func run() async throws {
        try await reportingGallraErrors {
            let schedule = DailyTime(parsing: sweepAt)
            guard schedule != nil || sweepAt == "off" else {
                throw CLIError("--sweep-at takes a local time HH:MM, such as 02:15, or off.")
            }
            if mailDir != nil && sendmail != nil { throw CLIError("Give --mail-dir or --sendmail, not both.") }
            let reminders = try reminderPlan()
            let templates = try mailTemplates.map(MailTemplates.overriding(from:)) ?? .builtIn
            let proxies: TrustedProxies
            do {
                proxies = try TrustedProxies(parsing: trustedProxy)
            } catch {
                throw CLIError("--trusted-proxy: \(error)")
            }
            let metricsToken = (self.metricsToken ?? ProcessInfo.processInfo.environment["GALLRA_METRICS_TOKEN"])
                .flatMap { $0.isEmpty ? nil : $0 }
            if let metricsToken, metricsToken.count < 16 {
                throw CLIError(
                    "The metrics token (--metrics-token or GALLRA_METRICS_TOKEN) needs at least 16 characters.")
            }
            var options = store
            if demo { options = try DemoStore.prepare(options) }
            // A smaller writer cache than the command line's: the server stays within its memory
            // budget. On PostgreSQL, more readers: a server's callers each wait for round trips.
            var settings = options.settings
            settings.writerCacheMiB = 16
            settings.readersOnPostgres = 16
            let opened = try await Gallra.open(settings)
            do {
                try await Self.warnOfOlderDatabase(opened, as: options.party)
                if demo { try await DemoStore.load(into: opened, register: demoRegister, as: options.party, url: url) }
                var configuration = ServerConfiguration(
                    host: host, port: port, sweepAt: schedule, secureCookies: url.hasPrefix("https:"),
                    adminsNeedSecondFactor: adminTwoFactor)
                configuration.baseURL = url
                configuration.mailTemplates = templates
                configuration.trustedProxies = proxies
                configuration.metricsToken = metricsToken
                if let mailFrom {
                    configuration.mailFrom = mailFrom
                } else {
                    configuration.mailFrom = try await Self.controllerAddress(opened)
                }
                configuration.mail = sendmail.map { .sendmail($0) } ?? .directory(mailDir ?? "gallra-mail")
                configuration.reminders = reminders
                let app = buildApplication(gallra: opened, configuration: configuration)
                try await Self.run(app)
            } catch {
                await opened.close()
                throw error
            }
            await opened.close()
        }
    }

    /// The daily reminder as asked for: only where mail is meant to reach someone (a directory or
    /// command given), not into the default directory nobody reads.
    func reminderPlan() throws -> ReminderPlan {
        guard (1...366).contains(remindersWithin) else {
            throw CLIError("--reminders-within takes a number of days from 1 to 366.")
        }
        if remindersAt == "off" { return .off("--reminders-at off") }
        guard let time = DailyTime(parsing: remindersAt) else {
            throw CLIError("--reminders-at takes a local time HH:MM, such as 07:30, or off.")
        }
        guard mailDir != nil || sendmail != nil else { return .off("no mail transport: give --mail-dir or --sendmail") }
        return .daily(at: time, within: remindersWithin)
    }

    /// A database older than the erasure journal (restored from a backup) would bring back people
    /// erased since: said on standard error at start. Not refused: a process killed between an
    /// erasure's journal entry and its commit leaves the same trace, which the next sweep completes.
    static func warnOfOlderDatabase(_ gallra: Gallra, as party: Party) async throws {
        let behind: Int
        do {
            behind = try await gallra.erasuresNotReflected(by: party)
        } catch let error as GallraError {
            // A journal that does not hold is for `gallra restore` to refuse; serving goes on.
            printError("Warning: \(error.description)")
            return
        }
        guard behind > 0 else { return }
        printError(
            "Warning: \(behind) erasures in the erasure journal \"\(gallra.erasureJournalPath)\" are not reflected in the database. If it was restored from a backup, stop and run gallra restore first (docs/backup-restore.md)."
        )
    }

    /// The controller's address from the register in force, if any.
    static func controllerAddress(_ gallra: Gallra) async throws -> String? {
        try await gallra.controllerAddress()
    }

    var url: String {
        guard let baseURL else { return "http://\(host.contains(":") ? "[\(host)]" : host):\(port)/" }
        return baseURL.hasSuffix("/") ? baseURL : baseURL + "/"
    }
}

/// The store `gallra serve --demo` serves.
enum DemoStore {
    static let database = "gallra-demo.sqlite"
    static let keyFile = "gallra-demo.key"
    static let admin = "admin@example.se"

    /// The demo's own files in the working directory, removed first so that the store is fresh;
    /// a database named with --database is used as it is, and must hold no register yet.
    static func prepare(_ options: StoreOptions) throws -> StoreOptions {
        var options = options
        guard options.database == nil && ProcessInfo.processInfo.environment["GALLRA_DATABASE"] == nil else {
            return options
        }
        // The audit checkpoints of an earlier demo saw a chain this fresh store does not have.
        for file in [database, database + ".keyring", database + "-wal", database + "-shm", keyFile]
            + [
                database + ".keyring-wal", database + ".keyring-shm", keyFile + ".audit-checkpoints",
                keyFile + ".erasures",
            ]
        {
            // try?: a demo file that cannot be removed is found again below, and the demo refuses a store that holds a register
            try? FileManager.default.removeItem(atPath: file)
        }
        options.database = "sqlite:\(database)"
        options.keyFile = keyFile
        options.keyring = nil
        return options
    }

    /// `register`: a register file to load instead of the example built in (`DemoRegister`), so
    /// that the demo runs from any folder.
    static func load(into gallra: Gallra, register: String?, as party: Party, url: String) async throws {
        // try?: only the demo store: a register that cannot be read is loaded over by nothing, the load refuses
        if (try? await gallra.register(by: party)) != nil {
            throw CLIError("The database given already holds a register; --demo loads only into an empty store.")
        }
        let load = try await gallra.loadDemo(
            registerYAML: try register.map(RegisterFile.read) ?? DemoRegister.yaml,
            file: register ?? DemoRegister.file, population: 300, by: party)
        let user = try await gallra.addUser(email: admin, access: Access(role: .admin), language: "sv", by: party)
        // Written straight to standard output: the server runs on, and a buffered line would wait.
        FileHandle.standardOutput.write(
            Data(
                """
                Gallra's demo: the register "\(load.register.register.controller.name)" and 303 fictional people.
                  \(url)
                  Sign in as \(admin) with the password \(user.password) (shown once).
                  The JSON API: \(url)api/v1 (gallra token create --database sqlite:\(database) --key-file \(keyFile) …)

                """.utf8))
    }
}

extension ServeCommand {
    /// Runs the server until SIGTERM or SIGINT. The requests in flight then get ten seconds to end
    /// and five more once cancelled; a request still waiting after that (a connected database that
    /// stopped answering) does not keep the process alive: shutdown is bounded.
    static func run(_ app: some ApplicationProtocol) async throws {
        var configuration = ServiceGroupConfiguration(
            services: [app], gracefulShutdownSignals: [.sigterm, .sigint], logger: app.logger)
        configuration.maximumGracefulShutdownDuration = .seconds(10)
        configuration.maximumCancellationDuration = .seconds(5)
        try await ServiceGroup(configuration: configuration).run()
    }
}
