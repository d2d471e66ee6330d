import Foundation
import GallraConnectors
import GallraCore
import GallraDatabase
import GallraTestSupport
import SQLKit
import Testing

@testable import GallraStore

/// Issue 29, finding 6: whoever can write the database (but has no key file) can neither rewrite
/// the audit chain nor cut its tail unnoticed.
@Suite("The audit log cannot be rewritten by whoever writes the database", .serialized, .acting())
struct AuditKeyedChainTests {
    /// A store with a few writes and a read: entries 1 to 8.
    func populated(_ backend: TestBackend) async throws -> (TestStore, Store) {
        let test = try await TestStore.make(backend)
        let store = try await test.openWithRegister()
        for n in 1...3 {
            let subject = try await store.subjects.add(email: "person\(n)@example.se", name: "Person \(n)")
            _ = try await store.records.add(
                subject: subject, activity: "support", category: "case_content", value: "Ärende \(n)")
        }
        _ = try await store.subjects.export("person2@example.se")
        return (test, store)
    }

    @Test("The plain SHA-256 of entries written before the chain was keyed is what it always was")
    func legacyDigest() {
        // Computed apart, with Python's hashlib, from the canonical form "64:<prev>|1:1|…".
        let digest = AuditEntry.digest(
            seq: 1, at: 1_700_000_000_000, actor: "user:anna", action: "subject.add", subject: nil, activity: nil,
            detail: "register version 1", previousHash: AuditChain.genesis, keyed: nil)
        #expect(digest == "26a77cfa8b0de98623cf99163b4e702e73774ba9c26888dbde16555bff13bafb")
    }

    @Test(
        "An entry altered, with every later hash recomputed as plain SHA-256, is named",
        arguments: TestBackend.available)
    func rewrittenChain(backend: TestBackend) async throws {
        let (test, store) = try await populated(backend)
        try await test.rewriteWithPlainSHA256(from: 4) { $0.detail = "record forged" }
        let rewritten = try await test.auditEntries().dropFirst(3)
        #expect(
            rewritten.allSatisfy { $0.hash == $0.computedHash(keyed: nil) },
            "a whole chain by plain SHA-256 from entry 4 on: what verify took for intact before it was keyed")
        guard case .broken(let seq, let reason) = try await store.verifyAudit() else {
            Issue.record("the rewritten chain was taken for intact")
            return
        }
        #expect(seq == 4)
        #expect(reason == "entry 4 was altered: its hash does not match its contents")
        await store.close()
    }

    @Test(
        "Entries cut from the end, with the head moved back, are found by the checkpoint that saw them",
        arguments: TestBackend.available)
    func cutTail(backend: TestBackend) async throws {
        let (test, store) = try await populated(backend)
        let checkpoint = try await store.checkpointAudit()
        #expect(checkpoint.seq == 8)
        try await test.cutAudit(after: 6)
        guard case .broken(let seq, let reason) = try await store.verifyAudit() else {
            Issue.record("the cut tail went unnoticed")
            return
        }
        #expect(seq == 7)
        #expect(reason == "entries after 6 were removed: the checkpoint of \(checkpoint.at) saw entry 8")
        // The database alone still reads as a whole chain: only the checkpoint tells.
        try FileManager.default.removeItem(atPath: store.auditCheckpointsPath)
        let check = try await store.checkAudit()
        #expect(check.verification == .intact(entries: 6))
        #expect(check.checkpoints == nil)
        await store.close()
    }

    @Test(
        "A chain rewritten up to a checkpoint, cut and written on past it, is found",
        arguments: TestBackend.available)
    func rewrittenPastCheckpoint(backend: TestBackend) async throws {
        let (test, store) = try await populated(backend)
        _ = try await store.checkpointAudit()
        try await test.cutAudit(after: 5)
        _ = try await store.subjects.add(email: "person4@example.se")
        _ = try await store.subjects.add(email: "person5@example.se")
        _ = try await store.subjects.add(email: "person6@example.se")
        guard case .broken(let seq, let reason) = try await store.verifyAudit() else {
            Issue.record("the rewritten tail went unnoticed")
            return
        }
        #expect(seq == 8)
        #expect(reason.hasPrefix("the chain was rewritten: entry 8 is not the entry the checkpoint of"))
        await store.close()
    }

    @Test(
        "Checkpoints: the file is created 0600, one line each, and an unchanged head is not written again",
        arguments: TestBackend.available)
    func checkpointFile(backend: TestBackend) async throws {
        let (test, store) = try await populated(backend)
        #expect(store.auditCheckpointsPath == test.keyFile + ".audit-checkpoints")
        let first = try await store.checkpointAudit()
        #expect(try await store.checkpointAudit(unlessAt: first) == nil)
        _ = try await store.subjects.add(email: "person4@example.se")
        let second = try #require(try await store.checkpointAudit(unlessAt: first))
        #expect(second.seq == 9)
        let attributes = try FileManager.default.attributesOfItem(atPath: store.auditCheckpointsPath)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let lines = try String(contentsOfFile: store.auditCheckpointsPath, encoding: .utf8).split(separator: "\n")
        #expect(lines == [Substring(first.line), Substring(second.line)])
        #expect(lines[0].hasPrefix("seq=8 hash=\(first.hash) at=\(first.at) keyed-from=1 signature="))
        let check = try await store.checkAudit()
        #expect(check.verification == .intact(entries: 9))
        #expect(check.checkpoints == 2)
        await store.close()
    }

    @Test(
        "A checkpoint line with a forged signature, or one that is not a checkpoint, is reported",
        arguments: TestBackend.available.flatMap { backend in
            [
                (backend, "forged", "line 2 of the checkpoints file"),
                (backend, "garbage", "line 2 of the checkpoints file"),
            ]
        })
    func forgedCheckpoint(backend: TestBackend, kind: String, place: String) async throws {
        let (_, store) = try await populated(backend)
        let genuine = try await store.checkpointAudit()
        // Someone without the key file claims the chain reached entry 12.
        let signature = Data((0..<64).map { _ in UInt8.random(in: 0...255) }).base64EncodedString()
        let line =
            kind == "forged"
            ? "seq=12 hash=\(String(repeating: "ab", count: 32)) at=\(genuine.at) keyed-from=1 signature=\(signature)"
            : "seq=12 hash=xyz"
        let handle = try #require(FileHandle(forWritingAtPath: store.auditCheckpointsPath))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data((line + "\n").utf8))
        try handle.close()
        guard case .broken(_, let reason) = try await store.verifyAudit() else {
            Issue.record("the \(kind) checkpoint went unnoticed")
            return
        }
        #expect(reason.hasPrefix(place))
        #expect(
            reason.hasSuffix(
                kind == "forged"
                    ? "(the checkpoint of \(genuine.at), entry 12) has a bad signature: it was not written with this key file, or was changed"
                    : "is not a checkpoint"))
        await store.close()
    }

    @Test(
        "A chain written before it was keyed opens intact, goes on keyed, and its old entries are still guarded",
        arguments: TestBackend.available)
    func legacyChain(backend: TestBackend) async throws {
        let (test, store) = try await populated(backend)
        await store.close()
        try await test.makeLegacyChain()

        let reopened = try await test.open()
        #expect(reopened.migrationsRun == 1)
        #expect(try await reopened.verifyAudit() == .intact(entries: 8))
        let keyedFrom = try await test.rows("SELECT keyed_from FROM audit_head WHERE id = 1")
        #expect(try keyedFrom.first?.decode(column: "keyed_from", as: Int64.self) == 9)
        _ = try await reopened.subjects.add(email: "person4@example.se")
        let checkpoint = try await reopened.checkpointAudit()
        #expect(checkpoint.keyedFrom == 9)
        #expect(try await reopened.verifyAudit() == .intact(entries: 9))
        // Entry 9 is keyed: its plain SHA-256 is not its hash.
        let entries = try await test.auditEntries()
        #expect(entries[8].hash != entries[8].computedHash(keyed: nil))
        await reopened.close()

        // An old entry altered and the old part recomputed: the first keyed entry binds it.
        try await test.rewriteWithPlainSHA256(from: 3, through: 8) { $0.detail = "record forged" }
        let tampered = try await test.open()
        guard case .broken(let seq, let reason) = try await tampered.verifyAudit() else {
            Issue.record("a rewritten old entry went unnoticed")
            return
        }
        #expect(seq == 9)
        #expect(
            reason
                == "entry 9 was altered, or the entries before it were rewritten: its hash does not match its contents")
        await tampered.close()
    }

    @Test(
        "Moving where keyed hashing starts, to pass rewritten entries off as old ones, is found",
        arguments: TestBackend.available)
    func keyedStartMoved(backend: TestBackend) async throws {
        let (test, store) = try await populated(backend)
        let checkpoint = try await store.checkpointAudit()
        try await test.raw("UPDATE audit_head SET keyed_from = 100 WHERE id = 1")
        try await test.rewriteWithPlainSHA256(from: 1) { _ in }
        guard case .broken(_, let reason) = try await store.verifyAudit() else {
            Issue.record("the moved start went unnoticed")
            return
        }
        #expect(
            reason
                == "keyed hashing was moved to start at entry 100: the checkpoint of \(checkpoint.at) saw it start at entry 1"
        )
        await store.close()
    }
}

extension AuditKeyedChainTests {
    @Test(
        "Master keys rotated and the retired ones removed: the chain and its checkpoints still verify",
        arguments: TestBackend.available)
    func keyRotation(backend: TestBackend) async throws {
        let (test, store) = try await populated(backend)
        _ = try await store.checkpointAudit()
        _ = try await store.keys.rotate()
        #expect(try await store.keys.removeRetired() == [1])
        await store.close()
        let reopened = try await test.open()
        _ = try await reopened.subjects.add(email: "person4@example.se")
        _ = try await reopened.checkpointAudit()
        let check = try await reopened.checkAudit()
        // 8, the rotation and the removal (audited), and the subject added after them.
        #expect(check.verification == .intact(entries: 11))
        #expect(check.checkpoints == 2)
        await reopened.close()
    }

    @Test(
        "A checkpoint line is read strictly: anything but the exact form is not a checkpoint",
        arguments: [
            "", " ", "seq=", "seq=1", "seq=-1 hash=HEX at=2025-01-01T00:00:00Z keyed-from=1 signature=SIG",
            "seq=99999999999999999999 hash=HEX at=2025-01-01T00:00:00Z keyed-from=1 signature=SIG",
            "seq=1 hash=HEX0 at=2025-01-01T00:00:00Z keyed-from=1 signature=SIG",
            "seq=1 hash=HEX at=2025-01-01 keyed-from=1 signature=SIG",
            "seq=1 hash=HEX at=2025-01-01T00:00:00Z keyed-from=0 signature=SIG",
            "seq=1 hash=HEX at=2025-01-01T00:00:00Z keyed-from=1 signature=AAAA",
            "seq=1  hash=HEX at=2025-01-01T00:00:00Z keyed-from=1 signature=SIG",
            "seq=1 hash=HEX at=2025-01-01T00:00:00Z keyed-from=1 signature=SIG extra",
            "seq=１ hash=HEX at=2025-01-01T00:00:00Z keyed-from=1 signature=SIG",
        ])
    func strictLines(template: String) {
        let line =
            template
            .replacingOccurrences(of: "HEX", with: String(repeating: "a", count: 64))
            .replacingOccurrences(of: "SIG", with: Data(count: 64).base64EncodedString())
        #expect(AuditCheckpoint.parse(Substring(line)) == nil)
        let valid = "seq=1 hash=\(String(repeating: "a", count: 64)) at=2025-01-01T00:00:00Z keyed-from=1 signature="
        #expect(AuditCheckpoint.parse(Substring(valid + Data(count: 64).base64EncodedString())) != nil)
    }
}

extension TestStore {
    /// Every audit entry, in order, as stored.
    func auditEntries() async throws -> [AuditEntry] {
        try await rows("SELECT \(AuditEntry.columns) FROM audit_log ORDER BY seq").map(AuditEntry.init(row:))
    }

    /// What someone with write access to the database can do: change entry `first`, recompute the
    /// hashes from it on (through `last`, or to the end) with plain SHA-256, as the chain was hashed
    /// before it was keyed, chain the next entry to them, and move the head.
    func rewriteWithPlainSHA256(
        from first: Int64, through last: Int64? = nil, change: (inout AuditEntry) -> Void
    ) async throws {
        var entries = try await auditEntries()
        let end = Int(last ?? entries.last?.seq ?? 0)
        change(&entries[Int(first) - 1])
        for index in Int(first - 1)..<end {
            if index > 0 { entries[index].previousHash = entries[index - 1].hash }
            entries[index].hash = entries[index].computedHash(keyed: nil)
        }
        if end < entries.count { entries[end].previousHash = entries[end - 1].hash }
        let connection = try await StoreConnection.open(location)
        for entry in entries[Int(first - 1)..<min(end + 1, entries.count)] {
            try await connection.sql.raw(
                """
                UPDATE audit_log SET detail = \(bind: entry.detail), prev_hash = \(bind: entry.previousHash),
                hash = \(bind: entry.hash) WHERE seq = \(bind: entry.seq)
                """
            ).run()
        }
        if let head = entries.last, end == entries.count {
            try await connection.sql.raw(
                "UPDATE audit_head SET seq = \(bind: head.seq), hash = \(bind: head.hash) WHERE id = 1"
            ).run()
        }
        await connection.close()
    }

    /// Removes the entries after `seq` and moves the head back to it, as someone with write access
    /// to the database would, to hide what they record.
    func cutAudit(after seq: Int64) async throws {
        let kept = try #require(try await auditEntries().first { $0.seq == seq })
        let connection = try await StoreConnection.open(location)
        try await connection.sql.raw("DELETE FROM audit_log WHERE seq > \(bind: seq)").run()
        try await connection.sql.raw(
            "UPDATE audit_head SET seq = \(bind: kept.seq), hash = \(bind: kept.hash) WHERE id = 1"
        ).run()
        await connection.close()
    }

    /// Turns the store's chain into one written before the chain was keyed: every entry hashed
    /// with plain SHA-256, and the keying migration not yet run.
    func makeLegacyChain() async throws {
        try await rewriteWithPlainSHA256(from: 1) { _ in }
        try await raw("ALTER TABLE audit_head DROP COLUMN keyed_from")
        try await raw("DELETE FROM gallra_schema WHERE version = \(Migrations.keyedAudit.version)")
    }
}
