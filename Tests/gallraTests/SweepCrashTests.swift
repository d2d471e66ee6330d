import Foundation
import GallraCore
import GallraDatabase
import GallraStore
import GallraTestSupport
import SQLKit
import Testing

/// kill -9 a real sweep process mid-run, run it again, and compare with an uninterrupted sweep
/// of an identical copy: the same records gone, the same kept, one piece of evidence per erasure.
@Suite("The sweep survives kill -9", .serialized, .acting())
struct SweepCrashTests {
    static var backends: [String] {
        ProcessInfo.processInfo.environment["GALLRA_TEST_POSTGRES_URL"] == nil ? ["sqlite"] : ["sqlite", "postgres"]
    }

    struct Copy {
        let directory: URL
        let database: String

        var environment: [String: String] {
            [
                "GALLRA_DATABASE": database, "GALLRA_KEY_FILE": directory.appendingPathComponent("gallra.key").path,
                "GALLRA_ACTOR": "test",
            ]
        }
    }

    @Test("Killed mid-run and run again: the same result as an uninterrupted sweep", arguments: backends)
    func killNine(backend: String) async throws {
        let (interrupted, twin) = try await twins(backend)
        let sweep = ["sweep", "--now", "2030-01-01", "--batch-size", "200"]

        let partial = try await GallraProcess.killMidRun(
            sweep, environment: interrupted.environment, in: interrupted.directory, attempts: 6,
            waitMilliseconds: 150, longerBy: 100
        ) {
            let left = try await recordIDs(interrupted).count
            return left > 0 && left < 4_000
        }
        #expect(partial, "the sweep was never caught mid-run")

        let again = try GallraProcess.run(sweep, environment: interrupted.environment, in: interrupted.directory)
        #expect(again.status == 0, "\(again.stderr)")
        let whole = try GallraProcess.run(sweep, environment: twin.environment, in: twin.directory)
        #expect(whole.status == 0, "\(whole.stderr)")

        #expect(try await recordIDs(interrupted) == (try await recordIDs(twin)))
        #expect(try await recordIDs(interrupted).count == 1_000)
        let anonymised = try await recordIDs(interrupted, table: "anonymised_records")
        #expect(anonymised.count == 1_000)
        #expect(anonymised == (try await recordIDs(twin, table: "anonymised_records")))
        let evidence = try await erasureEvidence(interrupted)
        #expect(evidence.count == 3_000, "one piece of evidence per erasure, no more")
        #expect(Set(evidence).count == evidence.count)
        #expect(Set(evidence).isDisjoint(with: try await recordIDs(interrupted)))
        let verify = try GallraProcess.run(
            ["audit", "verify"], environment: interrupted.environment, in: interrupted.directory)
        #expect(verify.status == 0, "\(verify.stderr)")
        // No half-erased subject: a subject is either whole (with its identifiers) or entirely gone.
        #expect(try await count("subject_identifiers", interrupted) == (try await count("subjects", interrupted)))
        #expect(try await count("subjects", interrupted) == (try await count("subjects", twin)))
    }

    /// 1,000 subjects with 4 records each: 3 expired by 2030, 1 waiting for its contract to end.
    func twins(_ backend: String) async throws -> (Copy, Copy) {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("gallra-crash-\(UUID().uuidString)")
        let a = base.appendingPathComponent("a")
        let b = base.appendingPathComponent("b")
        for directory in [a, b] {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        }
        let database: String
        if backend == "sqlite" {
            database = "sqlite:" + a.appendingPathComponent("gallra.sqlite").path
        } else {
            let url = ProcessInfo.processInfo.environment["GALLRA_TEST_POSTGRES_URL"]!
            let name = "crash_" + UUID().uuidString.prefix(8).lowercased()
            let admin = try await StoreConnection.open(.postgres(url: url))
            try await admin.sql.raw("CREATE DATABASE \(unsafeRaw: name)").run()
            await admin.close()
            database = url.replacingOccurrences(of: "/gallra_test?", with: "/\(name)?")
        }
        let store = try await Store.open(
            database: try DatabaseLocation(parsing: database), keyFile: a.appendingPathComponent("gallra.key").path)
        let register = try String(
            contentsOf: packageRoot.appendingPathComponent("examples/exempel-programvara.yaml"), encoding: .utf8)
        try await store.versions.apply(yaml: register, file: "register")
        let subjects = try await store.subjects.add(
            (0..<1_000).map { NewSubject(email: "p\($0)@example.se", name: "P \($0)") })
        let collected = ZonedCalendar.stockholm.parseInstant("2025-01-01")!
        let kinds = [
            ("product-demo", "contact_details", "demo"), ("website-visits", "ip_address", "10.0.0.1"),
            ("phone-contact", "recordings", "samtal.wav"), ("support", "case_content", "ärende"),
        ]
        let records = subjects.flatMap { subject in
            kinds.map { NewRecord(subject: subject, activity: $0.0, category: $0.1, value: $0.2, collected: collected) }
        }
        for chunk in stride(from: 0, to: records.count, by: 1_000) {
            _ = try await store.records.add(Array(records[chunk..<min(chunk + 1_000, records.count)]))
        }
        await store.close()
        try FileManager.default.copyItem(
            at: a.appendingPathComponent("gallra.key"), to: b.appendingPathComponent("gallra.key"))
        if backend == "sqlite" {
            for file in try FileManager.default.contentsOfDirectory(atPath: a.path)
            where file.hasPrefix("gallra.sqlite") {
                try FileManager.default.copyItem(at: a.appendingPathComponent(file), to: b.appendingPathComponent(file))
            }
            return (
                Copy(directory: a, database: database),
                Copy(directory: b, database: "sqlite:" + b.appendingPathComponent("gallra.sqlite").path)
            )
        }
        let name = String(database.split(separator: "/").last!.split(separator: "?").first!)
        let admin = try await StoreConnection.open(
            .postgres(url: ProcessInfo.processInfo.environment["GALLRA_TEST_POSTGRES_URL"]!))
        try await admin.sql.raw("CREATE DATABASE \(unsafeRaw: name)_twin TEMPLATE \(unsafeRaw: name)").run()
        await admin.close()
        return (
            Copy(directory: a, database: database),
            Copy(directory: b, database: database.replacingOccurrences(of: "/\(name)?", with: "/\(name)_twin?"))
        )
    }

    func recordIDs(_ copy: Copy, table: String = "records") async throws -> Set<String> {
        let connection = try await StoreConnection.open(try DatabaseLocation(parsing: copy.database))
        let ids = try await connection.sql.raw("SELECT id FROM \(unsafeRaw: table)").all()
            .map { try $0.decode(column: "id", as: String.self) }
        await connection.close()
        return Set(ids)
    }

    func count(_ table: String, _ copy: Copy) async throws -> Int {
        let connection = try await StoreConnection.open(try DatabaseLocation(parsing: copy.database))
        let n = try await connection.sql.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table)").first()?.decode(
            column: "n", as: Int.self)
        await connection.close()
        return n ?? -1
    }

    /// The record ids named by erase and anonymise entries of the audit log.
    func erasureEvidence(_ copy: Copy) async throws -> [String] {
        let connection = try await StoreConnection.open(try DatabaseLocation(parsing: copy.database))
        let details = try await connection.sql.raw(
            "SELECT detail FROM audit_log WHERE action IN ('record.erase', 'record.anonymise')"
        ).all().map { try $0.decode(column: "detail", as: String.self) }
        await connection.close()
        // "GROUNDS: N records: RECORD (subject SUBJECT), …"
        return details.flatMap { $0.matches(of: #/([0-9a-f-]{36}) \(subject /#).map { String($0.1) } }
    }
}
