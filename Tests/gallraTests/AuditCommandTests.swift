import Foundation
import Testing

/// `gallra audit checkpoint` and `gallra audit verify`, run as a user would (issue 29, finding 6).
@Suite("CLI: audit checkpoints")
struct AuditCommandTests {
    typealias Workspace = StoreCommandTests.Workspace

    @Test("audit checkpoint anchors the head; audit verify finds the tail cut since, with exit status 1")
    func checkpointAndCut() throws {
        let work = try Workspace()
        try work.succeed([
            "register", "apply", packageRoot.appendingPathComponent("examples/exempel-programvara.yaml").path,
        ])
        try work.succeed(["subject", "add", "--email", "anna@example.se"])
        let file = work.directory.appendingPathComponent("gallra.key.audit-checkpoints").path

        let unanchored = try work.run(["audit", "verify"])
        #expect(unanchored.status == 0)
        #expect(unanchored.stdout == "The audit log is intact: 2 entries.\n")
        #expect(
            unanchored.stderr
                == "No audit checkpoints were found in \"gallra.key.audit-checkpoints\": a tail cut from the log would not be noticed; gallra audit checkpoint writes one.\n"
        )

        try work.succeed(["subject", "add", "--email", "bertil@example.se"])
        let written = try work.succeed(["audit", "checkpoint"])
        #expect(written.hasPrefix("Checkpoint of entry 3 (hash "))
        #expect(written.hasSuffix("…) appended to \"gallra.key.audit-checkpoints\"."))
        let attributes = try FileManager.default.attributesOfItem(atPath: file)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        #expect(
            try work.succeed(["audit", "verify"]) == "The audit log is intact: 3 entries; 1 checkpoint agrees with it.")

        // Someone with the database, not the key file: entry 3 removed and the head moved back.
        let database = work.directory.appendingPathComponent("gallra.sqlite").path
        let cut = try GallraProcess.runTool(
            "/usr/bin/env",
            [
                "python3", "-c",
                """
                import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute("DELETE FROM audit_log WHERE seq=3"); \
                c.execute("UPDATE audit_head SET seq=2, hash=(SELECT hash FROM audit_log WHERE seq=2)"); c.commit()
                """,
                database,
            ])
        #expect(cut.status == 0, "\(cut.stderr)")
        let verify = try work.run(["audit", "verify"])
        #expect(verify.status == 1)
        #expect(verify.stderr.hasPrefix("The audit log is broken: entries after 2 were removed: the checkpoint of "))
        #expect(verify.stderr.hasSuffix(" saw entry 3.\n"))
    }

    @Test("A line in the checkpoints file not signed with the key file fails audit verify")
    func forgedLine() throws {
        let work = try Workspace()
        try work.succeed([
            "register", "apply", packageRoot.appendingPathComponent("examples/exempel-programvara.yaml").path,
        ])
        try work.succeed(["subject", "add", "--email", "anna@example.se"])
        try work.succeed(["audit", "checkpoint", "--audit-checkpoints", "anchor.txt"])
        let file = work.directory.appendingPathComponent("anchor.txt")
        let genuine = try String(contentsOf: file, encoding: .utf8)
        // The same checkpoint, claiming a later entry.
        try (genuine + genuine.replacingOccurrences(of: "seq=2 ", with: "seq=9 ")).write(
            to: file, atomically: true, encoding: .utf8)
        let verify = try work.run(["audit", "verify", "--audit-checkpoints", "anchor.txt"])
        #expect(verify.status == 1)
        #expect(
            verify.stderr.hasPrefix("The audit log is broken: line 2 of the checkpoints file \"anchor.txt\""),
            "\(verify.stderr)")
        #expect(verify.stderr.contains("has a bad signature"))
        let key = try work.succeed(["audit", "public-key"])
        #expect(Data(base64Encoded: key)?.count == 32, "an Ed25519 public key: \(key)")
    }
}
