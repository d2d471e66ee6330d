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
        let records = try #require(json["records"] as? [[String: Any]])
        #expect(records.first?["id"] as? String == record)
        #expect(records.first?["value"] as? String == "Skrivaren fungerar inte")
        #expect(records.first?["expires"] as? String == "2028-06-30T00:00:00+02:00")
        #expect(records.first?["legal_basis"] as? [String] == ["contract"])
        #expect(try work.succeed(["audit", "verify"]) == "The audit log is intact: 5 entries.")

        let csv = try work.succeed(["register", "export", "--format", "csv"])
        #expect(csv.hasPrefix("id,name,purpose,data_subjects,data,legal_basis,law,retention,retention_text"))
        #expect(
            csv.contains(
                "customer-files,Överföring av kundfiler,Support,customers,customer_files,contract,,\"min(case.closed + 7d, collected + 12mo)\""
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
            #expect(result.stderr.hasPrefix("A subject with this e-mail address already exists: "))
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
}
