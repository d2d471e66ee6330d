import Foundation
import Testing

/// The store commands of `shared/spec/cli.md`, run as a user would, on a fresh SQLite store.
@Suite("CLI: the store")
struct StoreCommandTests {
    /// A working directory of its own; the default database and key file land in it.
    struct Workspace {
        let directory: URL

        init() throws {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("gallra-cli-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        }

        func run(_ arguments: [String]) throws -> GallraProcess.Result {
            try GallraProcess.run(arguments, environment: ["GALLRA_ACTOR": "test"], in: directory)
        }

        @discardableResult
        func succeed(_ arguments: [String]) throws -> String {
            let result = try run(arguments)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }

    @Test("An actor that names no acting party is refused, and nothing is written under it")
    func actorRefused() throws {
        let work = try Workspace()
        let register = packageRoot.appendingPathComponent("examples/exempel-programvara.yaml").path
        try work.succeed(["register", "apply", register])
        for actor in ["subject:0190c0de-0000-7000-8000-000000000000", "usr:anna", "user:"] {
            let result = try work.run(["subject", "add", "--email", "a@example.se", "--actor", actor])
            #expect(result.status != 0, "\(actor)")
            #expect(result.stderr.contains("user:NAME, token:NAME or system:NAME"), "\(actor): \(result.stderr)")
        }
        #expect(try work.run(["subject", "export", "a@example.se"]).status != 0, "nobody was added")
        #expect(try work.succeed(["audit", "verify"]) == "The audit log is intact: 1 entry.")
    }

    @Test("A subject's life: register, subject, records, events, export, audit")
    func lifecycle() throws {
        let work = try Workspace()
        let register = packageRoot.appendingPathComponent("examples/exempel-programvara.yaml").path
        #expect(try work.succeed(["register", "apply", register]) == "Register version 1 is in force: 24 activities.")
        let subject = try work.succeed([
            "subject", "add", "--email", "Anna@Example.se ", "--name", "Anna Andersson", "--personal-number",
            "19811218-9876",
        ])
        #expect(UUID(uuidString: subject) != nil)
        let record = try work.succeed([
            "record", "add", "--subject", "811218-9876", "--activity", "support", "--category", "case_content",
            "--value",
            "Skrivaren fungerar inte", "--collected", "2025-01-10",
        ])
        try work.succeed([
            "event", "add", "--subject", "anna@example.se", "--activity", "support", "contract.end=2025-06-30",
        ])
        let export = try work.succeed(["subject", "export", "anna@example.se"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(export.utf8)) as? [String: Any])
        #expect(json["subject"] as? String == subject)
        #expect(json["name"] as? String == "Anna Andersson")
        #expect(json["schema"] as? String == "gallra/subject-export/1")
        let activities = try #require(json["activities"] as? [[String: Any]])
        #expect(activities.map { $0["id"] as? String } == ["support"])
        let bases = try #require(activities.first?["legal_basis"] as? [[String: Any]])
        #expect(bases.map { $0["article"] as? String } == ["Art. 6(1)(b)"])
        let records = try #require(activities.first?["records"] as? [[String: Any]])
        #expect(records.first?["id"] as? String == record)
        #expect(records.first?["value"] as? String == "Skrivaren fungerar inte")
        #expect(records.first?["expires"] as? String == "2028-06-30T00:00:00+02:00")
        #expect(try work.succeed(["audit", "verify"]) == "The audit log is intact: 5 entries.")

        let csv = try work.succeed(["register", "export", "--format", "csv"])
        #expect(csv.hasPrefix("id,name,purpose,data_subjects,data,legal_basis,law,retention,retention_text"))
        #expect(
            csv.contains(
                "customer-files,Överföring av kundfiler,Att lösa supportärenden med hjälp av kundens filer,customers,customer_files,contract,,\"min(case.closed + 7d, collected + 12mo)\""
            ))
        let registerJSON = try work.succeed(["register", "export", "--format", "json", "--lang", "en"])
        #expect(registerJSON.contains(#""name": "Customer support""#))

        let attributes = try FileManager.default.attributesOfItem(
            atPath: work.directory.appendingPathComponent("gallra.key").path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
    }

    @Test(
        "Errors are one sentence, exit non-zero, and write nothing",
        arguments: [
            (
                [
                    "record", "add", "--subject", "nobody@example.se", "--activity", "support", "--category",
                    "case_content", "--value", "x",
                ], "No subject has the e-mail address given.\n"
            ),
            (
                [
                    "record", "add", "--subject", "anna@example.se", "--activity", "suport", "--category",
                    "case_content", "--value", "x",
                ], "The register has no activity \"suport\".\n"
            ),
            (
                [
                    "record", "add", "--subject", "anna@example.se", "--activity", "support", "--category", "shoe_size",
                    "--value", "x",
                ], "The register knows no data category \"shoe_size\".\n"
            ),
            (
                [
                    "record", "add", "--subject", "anna@example.se", "--activity", "support", "--category",
                    "case_content", "--value", "x", "--collected", "2025-02-30",
                ], "The collected date \"2025-02-30\" is neither YYYY-MM-DD nor an RFC 3339 instant.\n"
            ),
            (
                ["event", "add", "--subject", "anna@example.se", "contract.ends=2025-01-01"],
                "The register knows no event \"contract.ends\".\n"
            ),
            (
                ["event", "add", "--subject", "anna@example.se", "contract.end=31/12/2025"],
                "The date \"31/12/2025\" of contract.end is neither YYYY-MM-DD nor an RFC 3339 instant.\n"
            ),
            (
                ["subject", "add", "--email", "not-an-address"],
                "The e-mail address is not valid (it needs one @ and a domain).\n"
            ),
            (["subject", "add", "--email", "ANNA@example.se"], nil),
            (
                ["subject", "add", "--keyring", "mysql://127.0.0.1/keys", "--email", "ny@example.se"],
                "The keyring location must start with sqlite: or postgres://.\n"
            ),
        ] as [([String], String?)])
    func errors(arguments: [String], message: String?) throws {
        let work = try Workspace()
        try work.succeed([
            "register", "apply", packageRoot.appendingPathComponent("examples/exempel-programvara.yaml").path,
        ])
        try work.succeed(["subject", "add", "--email", "anna@example.se"])
        let result = try work.run(arguments)
        #expect(result.status != 0)
        #expect(result.stdout.isEmpty)
        if let message {
            #expect(result.stderr == message)
        } else {
            // A conflict that names nobody: no subject id in the answer (it was an oracle).
            #expect(result.stderr.hasPrefix("A subject with this e-mail address is already registered"))
            #expect(result.stderr.firstMatch(of: /[0-9a-f]{8}-[0-9a-f]{4}-/) == nil)
        }
        #expect(!result.stderr.contains("anna@example.se"), "personal data must not appear in errors")
        // Nothing half-written: the log still holds only the register and the subject.
        #expect(try work.succeed(["audit", "verify"]) == "The audit log is intact: 2 entries.")
    }

    @Test("A refused register changes nothing; audit verify names a tampered entry")
    func refusedRegisterAndTampering() throws {
        let work = try Workspace()
        let broken = packageRoot.appendingPathComponent("Tests/GallraCoreTests/Fixtures/broken-register.yaml").path
        let refused = try work.run(["register", "apply", broken])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("\(broken):24: unknown system \"suport\""))
        #expect(refused.stderr.contains("refused; nothing was stored."))
        let export = try work.run(["register", "export"])
        #expect(export.status == 1)

        try work.succeed([
            "register", "apply", packageRoot.appendingPathComponent("examples/exempel-programvara.yaml").path,
        ])
        try work.succeed(["subject", "add", "--email", "anna@example.se"])
        let database = work.directory.appendingPathComponent("gallra.sqlite").path
        let sqlite = try GallraProcess.runTool(
            "/usr/bin/env",
            [
                "python3", "-c",
                "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute(\"UPDATE audit_log SET detail='x' WHERE seq=2\"); c.commit()",
                database,
            ])
        #expect(sqlite.status == 0, "\(sqlite.stderr)")
        let verify = try work.run(["audit", "verify"])
        #expect(verify.status == 1)
        #expect(
            verify.stderr == "The audit log is broken: entry 2 was altered: its hash does not match its contents.\n")
    }

    @Test("migrate says what it ran, then that the database is up to date")
    func migrate() throws {
        let work = try Workspace()
        #expect(try work.succeed(["migrate"]) == "Ran 24 migrations.")
        #expect(try work.succeed(["migrate"]) == "The database is up to date.")
    }

    @Test("Keys rotate, the retired key is removed, and everything still reads")
    func keyRotation() throws {
        let work = try Workspace()
        try work.succeed([
            "register", "apply", packageRoot.appendingPathComponent("examples/exempel-programvara.yaml").path,
        ])
        try work.succeed(["subject", "add", "--email", "anna@example.se", "--name", "Anna"])
        #expect(
            try work.succeed(["keys", "rotate"]) == "Master key 2 is current; 1 data keys re-wrapped from older keys.")
        #expect(try work.succeed(["keys", "remove-retired"]) == "Removed master keys 1.")
        #expect(try work.succeed(["subject", "export", "anna@example.se"]).contains(#""name": "Anna""#))
        #expect(try work.succeed(["migrate"]) == "The database is up to date.")
    }

    @Test("A request from the command line: open, decide, verify, complete with a report, list what is overdue")
    func requests() throws {
        let work = try Workspace()
        try work.succeed([
            "register", "apply", packageRoot.appendingPathComponent("examples/exempel-programvara.yaml").path,
        ])
        try work.succeed(["subject", "add", "--email", "karin@example.se", "--name", "Karin Kund"])
        try work.succeed([
            "record", "add", "--subject", "karin@example.se", "--activity", "support", "--category", "case_content",
            "--value", "Ärende 4711", "--collected", "2025-03-01",
        ])
        try work.succeed([
            "record", "add", "--subject", "karin@example.se", "--activity", "customer-invoicing", "--category",
            "billing", "--value", "Faktura 1001", "--collected", "2024-06-10",
        ])
        try work.succeed([
            "event", "add", "--subject", "karin@example.se", "--activity", "customer-invoicing",
            "fiscal-year.end=2024-12-31",
        ])
        try work.succeed(["event", "add", "--subject", "karin@example.se", "contract.end=2026-06-30"])

        let erasure = try work.succeed([
            "request", "open", "erasure", "--subject", "karin@example.se", "--received", "2026-03-31", "--channel",
            "letter",
        ])
        let shown = try work.succeed(["request", "show", erasure, "--json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(shown.utf8)) as? [String: Any])
        #expect(json["kind"] as? String == "erasure")
        #expect(json["received"] as? String == "2026-03-31")
        // 30 April 2026 is a Thursday: one month to the day.
        #expect(json["deadline"] as? String == "2026-04-30")
        #expect(json["status"] as? String == "open")
        let decisions = try #require(json["decisions"] as? [[String: Any]])
        #expect(decisions.map { $0["activity"] as? String } == ["customer-invoicing", "support"])
        #expect(decisions.first?["action"] as? String == "keep")
        #expect(decisions.first?["article"] as? String == "Art. 17(3)(b)")
        #expect(decisions.first?["until"] as? String == "2032-01-01")
        #expect(decisions.last?["until"] is NSNull)
        #expect(Set(decisions.flatMap { $0.keys }) == ["activity", "action", "article", "until", "reason"])

        #expect(try work.succeed(["request", "list", "--overdue", "--today", "2026-05-01"]).contains(erasure))
        #expect(
            try work.succeed(["request", "list", "--overdue", "--today", "2026-04-30"]) == "No request is overdue.")

        let unverified = try work.run(["request", "complete", erasure])
        #expect(unverified.status == 1)
        #expect(unverified.stderr.contains("has not been verified (Art. 12(6))"))
        try work.succeed(["request", "verify", erasure, "--how", "signed letter"])
        let completed = try work.succeed(["request", "complete", erasure])
        #expect(completed.contains("support") && completed.contains("completed"))

        let access = try work.succeed([
            "request", "open", "access", "--subject", "karin@example.se", "--verified", "BankID",
        ])
        let missing = try work.run(["request", "complete", access])
        #expect(missing.status == 1 && missing.stderr.contains("give --output FILE"))
        try work.succeed(["request", "complete", access, "--output", "utdrag.html", "--lang", "sv"])
        let report = try String(
            contentsOf: work.directory.appendingPathComponent("utdrag.html"), encoding: .utf8)
        #expect(report.contains("<html lang=\"sv\">"))
        #expect(report.contains("Dina personuppgifter hos Exempel Programvara AB"))
        #expect(report.contains("Faktura 1001"))
        #expect(!report.contains("Ärende 4711"), "the support case was erased by the first request")
        #expect(report.contains("Integritetsskyddsmyndigheten"))
        let done = try work.succeed(["request", "show", access, "--json"])
        #expect(done.contains(#""sent": "left to "#) && done.contains("to answer by email; Gallra sent nothing"))
        #expect(try work.succeed(["audit", "verify"]).hasPrefix("The audit log is intact"))
    }

    @Test("An incident from the command line: the clock, a late notification with its reasons, closing")
    func incidents() throws {
        let work = try Workspace()
        try work.succeed([
            "register", "apply", packageRoot.appendingPathComponent("examples/exempel-programvara.yaml").path,
        ])
        let opened = try work.run([
            "incident", "open", "--aware", "2026-03-27T10:00:00+01:00", "--description", "Fel mottagare",
            "--data-category", "email", "--subject-category", "customers", "--approx-subjects", "40",
        ])
        #expect(opened.status == 0, "\(opened.stderr)")
        let id = opened.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(opened.stderr.contains("Notify IMY by 2026-03-30T11:00:00+02:00 (Art. 33(1))."))
        #expect(
            try work.succeed(["incident", "list", "--open", "--now", "2026-03-29T12:00:00+02:00"]).contains(
                "notify IMY by 2026-03-30T11:00:00+02:00: 23 h 0 min left"))
        let late = try work.run(["incident", "notify", id, "--imy", "2026-03-30T12:00:00+02:00"])
        #expect(late.status == 1 && late.stderr.contains("give the reasons for the delay (Art. 33(1))"))
        try work.succeed([
            "incident", "notify", id, "--imy", "2026-03-30T12:00:00+02:00", "--delay-reason", "Helgen",
            "--reference", "IMY-1",
        ])
        let early = try work.run(["incident", "close", id])
        #expect(early.status == 1 && early.stderr.contains("  - the risk assessment and its reasoning"))
        #expect(!early.stderr.contains(id), "the refusal names what is missing, not the incident's id")
        try work.succeed([
            "incident", "update", id, "--risk", "risk", "--risk-reasoning", "Bara adresser", "--nature",
            "confidentiality", "--discovered-how", "Kund ringde", "--approx-records", "40", "--consequences",
            "Skräppost", "--measures", "Ursäkt", "--contact-point", "dpo@exempel.se",
        ])
        let refusal = try work.run(["incident", "close", id])
        #expect(refusal.stderr.contains("the decision whether to tell the people affected (Art. 34)"))
        #expect(try work.run(["incident", "people", id]).stderr.contains("Give --decision or --told."))
        try work.succeed(["incident", "people", id, "--decision", "not_required", "--reason", "Ingen hög risk"])
        try work.succeed(["incident", "close", id])
        let history = try work.succeed(["incident", "history", id])
        #expect(history.contains("Version 1") && history.contains("registered"))
        #expect(history.contains("Version 2") && history.contains("changed discovered_how, nature"))
        let csv = try work.succeed(["incident", "export", "--format", "csv", "--lang", "en"])
        #expect(csv.hasPrefix("ID,Aware,Notify IMY by,What happened,How it was discovered"))
        #expect(csv.contains("Skräppost") && csv.contains("Do not tell them: the risk is not high"))
        let html = try work.succeed(["incident", "export", "--lang", "sv"])
        #expect(html.contains("<h1>Incidentregister – Exempel Programvara AB</h1>"))
        #expect(try work.succeed(["incident", "--help"]).contains("people"))
        let shown = try work.succeed(["incident", "show", id, "--json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(shown.utf8)) as? [String: Any])
        #expect(json["delay_reasons"] as? String == "Helgen")
        #expect(json["imy_notified"] as? String == "2026-03-30T12:00:00+02:00")
        #expect(json["closed"] is String)
        #expect(try work.succeed(["incident", "list", "--open"]) == "No incident is open.")
    }
}
