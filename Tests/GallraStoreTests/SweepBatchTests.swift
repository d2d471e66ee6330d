import Foundation
import GallraConnectors
import GallraCore
import GallraDatabase
import GallraTestSupport
import SQLKit
import Testing

@testable import GallraStore

@Suite("The sweep in many batches", .serialized, .acting())
struct SweepBatchTests {
    static let calendar = ZonedCalendar.stockholm
    static func at(_ text: String) -> Date { calendar.parseInstant(text)! }

    /// Twelve people: some with demo records only (60 days), some also with website visits
    /// (anonymised after 365 days) or with a support case that waits for the contract's end; one
    /// under a legal hold. Their records' expiries interleave, so each batch holds several people's
    /// records and one person's records fall in different batches.
    static func populate(_ store: Store) async throws -> (people: [String], held: String) {
        var people: [String] = []
        for person in 0..<12 {
            let subject = try await store.subjects.add(email: "person\(person)@example.se")
            people.append(subject)
            var records: [NewRecord] = []
            for day in 0..<3 {
                let collected = at("2025-0\(1 + day)-\(10 + person)")
                records.append(
                    NewRecord(
                        subject: subject, activity: "product-demo", category: "contact_details",
                        value: "demo \(person)/\(day)", collected: collected))
            }
            if person % 3 == 1 {
                records.append(
                    NewRecord(
                        subject: subject, activity: "website-visits", category: "ip_address",
                        value: "192.0.2.\(person)", collected: at("2024-06-\(10 + person)")))
            }
            if person % 3 == 2 {
                records.append(
                    NewRecord(
                        subject: subject, activity: "support", category: "case_content",
                        value: "ärende \(person)", collected: at("2025-01-02")))
            }
            _ = try await store.records.add(records)
        }
        let held = people[3]
        _ = try await store.holds.add(subject: held, activity: nil, reason: "tvist", until: nil)
        return (people, held)
    }

    /// A person with one demo record collected on each of `days` in January 2025 (all expired by 2026).
    static func person(_ email: String, demosOn days: Range<Int>, in store: Store) async throws -> (
        subject: String, records: [String]
    ) {
        let subject = try await store.subjects.add(email: email)
        var records: [String] = []
        for day in days {
            records.append(
                try await store.records.add(
                    subject: subject, activity: "product-demo", category: "contact_details", value: "demo \(day)",
                    collected: at("2025-01-\(day)")))
        }
        return (subject, records)
    }

    static func subjects(in test: TestStore) async throws -> Set<String> {
        Set(try await test.rows("SELECT id FROM subjects").map { try $0.decode(column: "id", as: String.self) })
    }

    @Test(
        "Batches of three, read ahead on PostgreSQL: the same result as one batch, every erasure in the log",
        arguments: TestBackend.available)
    func smallBatches(backend: TestBackend) async throws {
        var reports: [SweepReport] = []
        var survivors: [Set<String>] = []
        for batchSize in [3, 5_000] {
            let test = try await TestStore.make(backend)
            let store = try await test.openWithRegister()
            let (people, held) = try await Self.populate(store)
            let report = try await store.sweep.run(now: Self.at("2026-01-01"), batchSize: batchSize)
            reports.append(report)
            let remaining = try await Self.subjects(in: test)
            survivors.append(Set(people.indices.filter { remaining.contains(people[$0]) }.map { "person\($0)" }))
            // The demo records of 11 people (36 less the held one's 3); the visits of 4 anonymised.
            #expect(report.erased == 33)
            #expect(report.anonymised == 4)
            #expect(report.held == 3)
            // Demo only, or demo and visits: erased whole; the support case keeps four; the hold one.
            #expect(report.subjectsErased == 7)
            #expect(remaining.contains(held))
            let audit = try await test.auditText()
            let evidence = try await test.erasureEvidence()
            #expect(evidence.filter { $0.action == "record.erase" }.count == 33)
            #expect(evidence.filter { $0.action == "record.anonymise" }.count == 4)
            #expect(Set(evidence.map(\.record)) == Set(report.items.map(\.record)))
            #expect(audit.components(separatedBy: "subject.erase").count - 1 == 7)
            #expect(!audit.contains("example.se") && !audit.contains("192.0.2"))
            try await expectIntactAudit(store)
            // Nothing is left to do.
            let again = try await store.sweep.run(now: Self.at("2026-01-01"), batchSize: batchSize)
            #expect(again.items.isEmpty && again.subjectsErased == 0)
            await store.close()
        }
        #expect(survivors[0] == survivors[1])
        #expect(survivors[0] == ["person2", "person3", "person5", "person8", "person11"])
        // The report lists what went in expiry order, whatever the batch size.
        #expect(reports[0].items.map(\.expired) == reports[1].items.map(\.expired))
        #expect(reports[0].items.map(\.expired) == reports[0].items.map(\.expired).sorted())
    }

    @Test(
        "A record removed or changed after the sweep read it is left alone, and no evidence claims otherwise",
        arguments: TestBackend.available)
    func staleRows(backend: TestBackend) async throws {
        let test = try await TestStore.make(backend)
        let store = try await test.openWithRegister()
        let (subject, records) = try await Self.person("kvar@example.se", demosOn: 10..<12, in: store)
        let (kept, gone) = (records[0], records[1])
        // What a sweep read a moment ago: where both rows were (on PostgreSQL); then one record is
        // removed by someone else and the other updated, which moves its row.
        var location: String? = nil
        if backend == .postgres {
            let connection = try await StoreConnection.open(test.location)
            location = try await connection.sql.raw("SELECT ctid::text AS at FROM records WHERE id = \(bind: kept)")
                .first()?.decode(column: "at", as: String.self)
            await connection.close()
            try await test.raw("UPDATE records SET system = 'crm' WHERE id = '\(kept)'")
        }
        try await test.raw("DELETE FROM records WHERE id = '\(gone)'")
        let stale = [
            Removal(
                record: gone, location: location, subject: subject, activity: "product-demo", action: .erase,
                grounds: "a test"),
            Removal(
                record: kept, location: location, subject: subject, activity: "product-demo", action: .erase,
                grounds: "a test"),
        ]
        let outcome = try await store.data.transaction { _ in
            try await store.sweep.remove(
                backend == .postgres ? stale : [stale[0]], at: Clock.nowMillis(), in: store.data, evidence: .byGrounds)
        }
        #expect(outcome.removed.isEmpty)
        #expect(outcome.emptied.isEmpty)
        #expect(try await Self.subjects(in: test) == [subject])
        let audit = try await test.auditText()
        #expect(!audit.contains("record.erase"))
        try await expectIntactAudit(store)
        // The next sweep judges the record again, and this time erases it and its subject.
        let report = try await store.sweep.run(now: Self.at("2026-01-01"))
        #expect(report.items.map(\.record) == [kept])
        #expect(report.subjectsErased == 1)
        try await expectIntactAudit(store)
        await store.close()
    }

    @Test(
        "A subject whose last records go in one removal is erased, though one of them was removed by someone else first",
        arguments: TestBackend.available)
    func lastRecordsPartlyGone(backend: TestBackend) async throws {
        let test = try await TestStore.make(backend)
        let store = try await test.openWithRegister()
        let (subject, records) = try await Self.person("sist@example.se", demosOn: 10..<12, in: store)
        let removals = records.map {
            Removal(record: $0, subject: subject, activity: "product-demo", action: .erase, grounds: "a test")
        }
        try await test.raw("DELETE FROM records WHERE id = '\(removals[0].record)'")
        let outcome = try await store.data.transaction { _ in
            try await store.sweep.remove(removals, at: Clock.nowMillis(), in: store.data, evidence: .byGrounds)
        }
        #expect(outcome.removed.map(\.record) == [removals[1].record])
        #expect(outcome.emptied == [subject])
        #expect(try await Self.subjects(in: test).isEmpty)
        try await expectIntactAudit(store)
        await store.close()
    }

    @Test("PostgreSQL: a record changed or removed while the sweep waits for it is judged as it is then")
    func changedWhileSweeping() async throws {
        guard TestBackend.available.contains(.postgres) else { return }
        let test = try await TestStore.make(.postgres)
        let store = try await test.openWithRegister()
        let (subject, records) = try await Self.person("samtidig@example.se", demosOn: 10..<14, in: store)
        // Another transaction holds two of the records: it moves one's expiry past the sweep and
        // removes the other. The sweep reads both as expired and waits for them.
        let other = try await StoreConnection.open(test.location)
        try await other.sql.raw("BEGIN").run()
        try await other.sql.raw(
            "UPDATE records SET expires_at = \(bind: Self.at("2030-01-01").millis) WHERE id = \(bind: records[1])"
        ).run()
        try await other.sql.raw("DELETE FROM records WHERE id = \(bind: records[2])").run()
        let sweep = Task { try await store.sweep.run(now: Self.at("2026-01-01")) }
        #expect(try await Self.blockedSessions(seenFrom: other) == 1)
        try await other.sql.raw("COMMIT").run()
        await other.close()
        let report = try await sweep.value
        // The moved record is kept; the removed one is nobody's erasure to claim; the subject stays.
        #expect(report.items.map(\.record) == [records[0], records[3]])
        #expect(report.subjectsErased == 0)
        #expect(try await test.erasureEvidence().map(\.record) == [records[0], records[3]])
        #expect(try await Self.subjects(in: test) == [subject])
        try await expectIntactAudit(store)
        await store.close()
    }

    @Test("PostgreSQL: a record added for a person while the sweep erases their last one: the batch is tried again")
    func recordArrivesWhileErasing() async throws {
        guard TestBackend.available.contains(.postgres) else { return }
        let test = try await TestStore.make(.postgres)
        let store = try await test.openWithRegister()
        let (subject, records) = try await Self.person("ny@example.se", demosOn: 10..<11, in: store)
        // Another writer adds a record for the person the way Gallra's writes go: the rows first,
        // then the audit log's head, which the sweep holds. The sweep waits for the new row to
        // commit before it erases the person; the writer waits for the head: a deadlock, which
        // PostgreSQL breaks by failing one of the two.
        let other = try await StoreConnection.open(test.location)
        try await other.sql.raw("BEGIN").run()
        let added = "0190aaaa-0000-7000-8000-000000000001"
        try await other.sql.raw(
            """
            INSERT INTO records (id, subject_id, activity, category, value_sealed, collected_at, expires_at, created_at)
            VALUES (\(bind: added), \(bind: subject), 'product-demo', 'contact_details', '\\x00',
                \(bind: Self.at("2025-12-31").millis), \(bind: Self.at("2026-03-01").millis), 0)
            """
        ).run()
        let sweep = Task { try await store.sweep.run(now: Self.at("2026-01-01")) }
        #expect(try await Self.blockedSessions(seenFrom: other) == 1)
        let writerWon: Bool
        do {
            try await other.sql.raw("UPDATE audit_head SET seq = seq WHERE id = 1").run()
            try await other.sql.raw("COMMIT").run()
            writerWon = true
        } catch {
            try await other.sql.raw("ROLLBACK").run()
            writerWon = false
        }
        await other.close()
        let report = try await sweep.value
        #expect(report.items.map(\.record) == records)
        // The person stays with the new record, or, had the writer failed, is erased.
        #expect(try await Self.subjects(in: test) == (writerWon ? [subject] : []))
        #expect(report.subjectsErased == (writerWon ? 0 : 1))
        try await expectIntactAudit(store)
        await store.close()
    }

    /// Waits until one session of the database waits for a lock (at most five seconds); how many do.
    static func blockedSessions(seenFrom connection: StoreConnection) async throws -> Int {
        var waiting = 0
        for _ in 0..<500 where waiting == 0 {
            try await Task.sleep(for: .milliseconds(10))
            waiting =
                try await connection.sql.raw(
                    """
                    SELECT count(*) AS n FROM pg_stat_activity
                    WHERE datname = current_database() AND wait_event_type = 'Lock'
                    """
                ).first()?.decode(column: "n", as: Int.self) ?? 0
        }
        return waiting
    }
}
