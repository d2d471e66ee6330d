import Foundation
import GallraConnectors
import GallraCore
import GallraDatabase
import GallraTestSupport
import SQLKit
import Testing

@testable import GallraStore

@Suite("The sweep enforces retention", .serialized, .acting())
struct SweepTests {
    static let calendar = ZonedCalendar.stockholm
    static func at(_ text: String) -> Date { calendar.parseInstant(text)! }

    /// One customer with data under several of the seed register's activities.
    struct Scenario {
        let test: TestStore
        let store: Store
        let subject: String
        var records: [String: String] = [:]

        static func make(_ backend: TestBackend) async throws -> Scenario {
            let test = try await TestStore.make(backend)
            let store = try await test.openWithRegister()
            let subject = try await store.subjects.add(email: "kund@example.se", name: "Karin Kund")
            var scenario = Scenario(test: test, store: store, subject: subject)
            let add: [(String, String, String, String)] = [
                ("open-case-files", "customer-files", "customer_files", "2025-01-31"),
                ("closed-case-files", "customer-files", "customer_files", "2025-01-31"),
                ("invoices", "accounts-payable", "billing", "2024-06-01"),
                ("support", "support", "case_content", "2025-02-01"),
                ("visit", "website-visits", "ip_address", "2025-01-10"),
                ("remote", "remote-control", "customer_files", "2025-05-05T10:00:00+02:00"),
            ]
            for (name, activity, category, collected) in add {
                scenario.records[name] = try await store.records.add(
                    subject: subject, activity: activity, category: category, value: "värde: \(name)",
                    collected: SweepTests.at(collected))
            }
            try await store.records.addEvents(
                subject: subject, scope: .record(scenario.records["closed-case-files"]!),
                events: [(.caseClosed, SweepTests.at("2025-03-01"))])
            try await store.records.addEvents(
                subject: subject, scope: .activity("accounts-payable"),
                events: [(.fiscalYearEnd, SweepTests.at("2024-12-31"))])
            return scenario
        }

        func remaining() async throws -> Set<String> {
            let connection = try await StoreConnection.open(test.location)
            defer { Task { await connection.close() } }
            let rows = try await connection.sql.raw("SELECT id FROM records").all()
            let ids = Set(try rows.map { try $0.decode(column: "id", as: String.self) })
            return Set(records.filter { ids.contains($0.value) }.map(\.key))
        }

        func anonymised() async throws -> [String] {
            let connection = try await StoreConnection.open(test.location)
            defer { Task { await connection.close() } }
            return try await connection.sql.raw("SELECT activity, category FROM anonymised_records").all().map {
                "\(try $0.decode(column: "activity", as: String.self))/\(try $0.decode(column: "category", as: String.self))"
            }
        }
    }

    static let timeline: [(String, Set<String>)] = [
        (
            "2025-03-07T23:59:59+01:00",
            ["open-case-files", "closed-case-files", "invoices", "support", "visit", "remote"]
        ),
        // min(case.closed + 7d, collected + 12mo): the closed case's files go a week after closing.
        ("2025-03-08", ["open-case-files", "invoices", "support", "visit", "remote"]),
        // "Ingen": gone at collection, to the second.
        ("2025-05-05T09:59:59+02:00", ["open-case-files", "invoices", "support", "visit", "remote"]),
        ("2025-05-05T10:00:00+02:00", ["open-case-files", "invoices", "support", "visit"]),
        // The visit is anonymised after 365 days.
        ("2026-01-09T23:59:59+01:00", ["open-case-files", "invoices", "support", "visit"]),
        ("2026-01-10", ["open-case-files", "invoices", "support"]),
        // The open case's files go at the 12-month cap.
        ("2026-01-30T23:59:59+01:00", ["open-case-files", "invoices", "support"]),
        ("2026-01-31", ["invoices", "support"]),
        // Bokföringslagen: kept through 2031, across the year boundary.
        ("2031-12-31T23:59:59+01:00", ["invoices", "support"]),
        ("2032-01-01", ["support"]),
        // contract.end + 3y with the contract still running: kept, waiting.
        ("2099-01-01", ["support"]),
    ]

    @Test("Exactly the right records go, at exactly the right instant", arguments: TestBackend.available)
    func timeline(backend: TestBackend) async throws {
        let scenario = try await Scenario.make(backend)
        for (instant, expected) in Self.timeline {
            let report = try await scenario.store.sweep.run(now: Self.at(instant))
            #expect(try await scenario.remaining() == expected, "at \(instant)")
            #expect(report.waiting == 1)
        }
        #expect(try await scenario.anonymised() == ["website-visits/ip_address"])
        guard case .intact = try await scenario.store.verifyAudit() else {
            Issue.record("the audit chain broke")
            return
        }
        await scenario.store.close()
    }

    @Test("Every erasure leaves evidence: record, activity, rule, expiry and moment", arguments: TestBackend.available)
    func evidence(backend: TestBackend) async throws {
        let scenario = try await Scenario.make(backend)
        _ = try await scenario.store.sweep.run(now: Self.at("2026-02-01"))
        let connection = try await StoreConnection.open(scenario.test.location)
        let rows = try await connection.sql.raw(
            "SELECT action, activity, detail FROM audit_log WHERE action IN ('record.erase', 'record.anonymise', 'sweep.summary') ORDER BY seq"
        ).all()
        let entries = try rows.map {
            (
                try $0.decode(column: "action", as: String.self), try $0.decode(column: "activity", as: String?.self),
                try $0.decode(column: "detail", as: String.self)
            )
        }
        await connection.close()
        // Each of the 4 records named once, with its subject, activity and grounds.
        let evidence = try await scenario.test.erasureEvidence()
        #expect(evidence.count == 4)
        #expect(Set(evidence.map(\.record)).count == 4)
        #expect(evidence.allSatisfy { $0.subject == scenario.subject })
        let files = try #require(evidence.first { $0.record == scenario.records["open-case-files"]! })
        #expect(files.action == "record.erase")
        #expect(files.activity == "customer-files")
        #expect(
            files.grounds
                == "rule min(case.closed + 7d, collected + 12mo), expired 2026-01-31T00:00:00+01:00, acted 2026-02-01T00:00:00+01:00"
        )
        #expect(evidence.contains { $0.action == "record.anonymise" && $0.activity == "website-visits" })
        #expect(entries.last?.0 == "sweep.summary")
        #expect(entries.last?.2.contains("3 erased, 1 anonymised") == true)
        await scenario.store.close()
    }

    @Test("A subject with nothing left is erased with their identifiers and key", arguments: TestBackend.available)
    func subjectErased(backend: TestBackend) async throws {
        let test = try await TestStore.make(backend)
        let store = try await test.openWithRegister()
        let subject = try await store.subjects.add(email: "demo@example.se", name: "Dora Demo")
        _ = try await store.records.add(
            subject: subject, activity: "product-demo", category: "contact_details", value: "Dora",
            collected: Self.at("2025-01-01"))
        let report = try await store.sweep.run(now: Self.at("2025-03-03"))
        #expect(report.erased == 1 && report.subjectsErased == 1)
        await #expect(throws: GallraError.notFound("No subject has the e-mail address given.")) {
            _ = try await store.subjects.resolve("demo@example.se")
        }
        let keyring = try await StoreConnection.open(test.location.defaultKeyring)
        let keys = try await keyring.sql.raw(
            "SELECT COUNT(*) AS n FROM subject_keys WHERE subject_id = \(bind: subject)"
        ).first()
        #expect(try keys?.decode(column: "n", as: Int.self) == 0)
        await keyring.close()
        let connection = try await StoreConnection.open(test.location)
        for table in ["subjects", "subject_identifiers", "events", "erased_subjects"] {
            #expect(
                try await connection.sql.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table)").first()?.decode(
                    column: "n", as: Int.self) == 0, "\(table)")
        }
        await connection.close()
        await store.close()
    }

    @Test("A dry run changes nothing and reports exactly what the sweep then does", arguments: TestBackend.available)
    func dryRun(backend: TestBackend) async throws {
        let scenario = try await Scenario.make(backend)
        let before = try await scenario.remaining()
        let audit = try await scenario.store.verifyAudit()
        let dry = try await scenario.store.sweep.run(now: Self.at("2026-02-01"), dryRun: true)
        #expect(try await scenario.remaining() == before)
        #expect(try await scenario.store.verifyAudit() == audit)
        let real = try await scenario.store.sweep.run(now: Self.at("2026-02-01"))
        #expect(dry.items.map(\.record) == real.items.map(\.record))
        #expect(dry.items.map(\.action) == real.items.map(\.action))
        #expect(
            (dry.erased, dry.anonymised, dry.held, dry.waiting) == (
                real.erased, real.anonymised, real.held, real.waiting
            ))
        await scenario.store.close()
    }

    @Test(
        "A held record is never erased, is reported held, and goes once the hold ends", arguments: TestBackend.available
    )
    func holds(backend: TestBackend) async throws {
        let scenario = try await Scenario.make(backend)
        let store = scenario.store
        let hold = try await store.holds.add(
            subject: "kund@example.se", activity: "customer-files", reason: "Tvist om leverans", until: nil)
        _ = try await store.holds.add(
            subject: "kund@example.se", activity: "website-visits", reason: "Revision", until: Self.at("2026-03-01"))
        let held = try await store.sweep.run(now: Self.at("2026-02-01"))
        #expect(held.held == 3)
        #expect(
            try await scenario.remaining() == ["open-case-files", "closed-case-files", "invoices", "support", "visit"])
        let forecast = try await store.sweep.forecast(from: Self.at("2026-02-01"), days: 30)
        #expect(forecast.held == 3)
        try await store.holds.release(hold)
        _ = try await store.sweep.run(now: Self.at("2026-02-02"))
        #expect(try await scenario.remaining() == ["invoices", "support", "visit"])
        // The dated hold runs out by itself.
        _ = try await store.sweep.run(now: Self.at("2026-03-01"))
        #expect(try await scenario.remaining() == ["invoices", "support"])
        await store.close()
    }

    @Test("A shorter rule erases nothing before a dry run has reported it", arguments: TestBackend.available)
    func shorterRule(backend: TestBackend) async throws {
        let test = try await TestStore.make(backend)
        let store = try await test.openWithRegister()
        let subject = try await store.subjects.add(email: "p@example.se")
        let record = try await store.records.add(
            subject: subject, activity: "prospects", category: "contact_details", value: "P",
            collected: Self.at("2025-01-01"))
        // 3 years → 30 days: the record is suddenly long expired.
        let shorter = try exampleRegister().replacingOccurrences(
            of: "retention: \"collected + 3y\"\n    retention_text: { sv: \"3 år\" }\n    systems: [crm]",
            with: "retention: \"collected + 30d\"\n    retention_text: { sv: \"30 dagar\" }\n    systems: [crm]")
        #expect(shorter != (try exampleRegister()))
        try await store.versions.apply(yaml: shorter, file: "v2.yaml")
        let first = try await store.sweep.run(now: Self.at("2025-06-01"))
        #expect(first.erased == 0 && first.awaitingReview == 1)
        let dry = try await store.sweep.run(now: Self.at("2025-06-01"), dryRun: true)
        #expect(dry.items.map(\.record) == [record])
        // The one thing a dry run changes, it says: which version it marked reviewed.
        #expect(dry.reviewedVersions == [2])
        #expect(try await store.sweep.run(now: Self.at("2025-06-01"), dryRun: true).reviewedVersions.isEmpty)
        let real = try await store.sweep.run(now: Self.at("2025-06-01"))
        #expect(real.items.map(\.record) == [record])
        await store.close()
    }

    @Test("Two sweeps at once: only one acts", arguments: TestBackend.available)
    func lock(backend: TestBackend) async throws {
        let scenario = try await Scenario.make(backend)
        let other = try await scenario.test.open()
        try await scenario.store.sweep.acquireSweepLock()
        await #expect {
            _ = try await other.sweep.run(now: Self.at("2026-02-01"))
        } throws: { "\($0)".hasPrefix("Another sweep is running") }
        #expect(try await scenario.remaining().count == 6)
        try await scenario.store.sweep.releaseSweepLock()

        // Both started together: every record goes once, with one piece of evidence each.
        let store = scenario.store
        let first = Task { try await store.sweep.run(now: Self.at("2026-02-01")) }
        let second = Task { try await other.sweep.run(now: Self.at("2026-02-01")) }
        let results = [await first.result, await second.result]
        let erased = results.compactMap { try? $0.get() }.map { $0.erased + $0.anonymised }
        #expect(erased.reduce(0, +) == 4)
        #expect(try await scenario.remaining() == ["invoices", "support"])
        guard case .intact = try await other.verifyAudit() else {
            Issue.record("the audit chain broke")
            return
        }
        await other.close()
        await scenario.store.close()
    }

    @Test("Forecast: per activity and day, and what waits for which event", arguments: TestBackend.available)
    func forecast(backend: TestBackend) async throws {
        let scenario = try await Scenario.make(backend)
        let forecast = try await scenario.store.sweep.forecast(from: Self.at("2026-01-01"), days: 31)
        #expect(forecast.overdue == 2)
        #expect(
            forecast.expiring.map { "\($0.date) \($0.activity) \($0.records)" } == [
                "2026-01-10 website-visits 1", "2026-01-31 customer-files 1",
            ])
        #expect(forecast.waiting.map { "\($0.records) \($0.events)" } == ["1 contract.end"])
        await scenario.store.close()
    }
}

@Suite("The sweep on the English example register", .serialized, .acting())
struct EnglishRegisterSweepTests {
    /// "As long as you hold the position, or as long as the agreement is valid": kept until both have ended.
    @Test("max(position.end, contract.end) waits for both events", arguments: TestBackend.available)
    func contactPerson(backend: TestBackend) async throws {
        let test = try await TestStore.make(backend)
        let store = try await test.open()
        let yaml = try String(
            contentsOf: packageRoot.appendingPathComponent("examples/customer-contacts.yaml"), encoding: .utf8)
        try await store.versions.apply(yaml: yaml, file: "customer-contacts.yaml")
        let subject = try await store.subjects.add(email: "contact@example.com", name: "Chris Contact")
        _ = try await store.records.add(
            subject: subject, activity: "contact-person", category: "position", value: "CFO")
        try await store.records.addEvents(
            subject: subject, scope: .subject, events: [(.contractEnd, SweepTests.at("2025-06-30"))])
        var report = try await store.sweep.run(now: SweepTests.at("2030-01-01"))
        #expect(report.erased == 0 && report.waiting == 1)
        try await store.records.addEvents(
            subject: subject, scope: .subject, events: [(.positionEnd, SweepTests.at("2025-09-01"))])
        report = try await store.sweep.run(now: SweepTests.at("2025-08-31"))
        #expect(report.erased == 0 && report.waiting == 0)
        report = try await store.sweep.run(now: SweepTests.at("2025-09-01"))
        #expect(report.erased == 1 && report.subjectsErased == 1)
        await store.close()
    }
}
