import Foundation
import GallraConnectors
import GallraCore
import GallraDatabase
import GallraTestSupport
import SQLKit
import Testing

@testable import GallraStore

/// One contract, two databases: every test here runs on SQLite and on PostgreSQL.
@Suite("Store contract", .serialized, .acting())
struct StoreContractTests {
    @Test("Identifiers are normalised: one person written two ways is one subject", arguments: TestBackend.available)
    func identifiers(backend: TestBackend) async throws {
        let store = try await TestStore.make(backend).openWithRegister()
        let id = try await store.subjects.add(
            email: "Anna@Example.se ", name: "Anna Andersson", personalNumber: "19811218-9876")
        #expect(try await store.subjects.resolve("anna@example.se") == id)
        #expect(try await store.subjects.resolve("811218-9876") == id)
        #expect(try await store.subjects.resolve("198112189876") == id)
        #expect(try await store.subjects.resolve(id.uppercased()) == id)
        await #expect(throws: GallraError.self) {
            _ = try await store.subjects.add(email: "ANNA@example.se")
        }
        await #expect(throws: GallraError.notFound("No subject has the e-mail address given.")) {
            _ = try await store.subjects.resolve("bertil@example.se")
        }
        await store.close()
    }

    @Test(
        "Records are exported with their activity, legal basis, retention and expiry", arguments: TestBackend.available)
    func recordsAndExport(backend: TestBackend) async throws {
        let store = try await TestStore.make(backend).openWithRegister()
        let calendar = ZonedCalendar.stockholm
        let subject = try await store.subjects.add(email: "anna@example.se", name: "Anna Andersson")
        let ticket = try await store.records.add(
            subject: "anna@example.se", activity: "support", category: "case_content", value: "Skrivaren fungerar inte",
            collected: calendar.parseInstant("2025-01-10"), system: "support")
        let file = try await store.records.add(
            subject: subject, activity: "customer-files", category: "customer_files", value: "bokslut.sie",
            collected: calendar.parseInstant("2025-01-31"))
        try await store.records.addEvents(
            subject: subject, scope: .subject, events: [(.contractEnd, calendar.parseInstant("2025-12-31")!)])
        // The narrowest scope wins: this activity's contract ended earlier.
        try await store.records.addEvents(
            subject: subject, scope: .activity("support"),
            events: [(.contractEnd, calendar.parseInstant("2025-06-30")!)])

        let export = try await store.subjects.export("anna@example.se")
        #expect(export.name == "Anna Andersson")
        #expect(export.identifiers.map(\.value) == ["anna@example.se"])
        let support = try #require(export.records.first { $0.id == ticket })
        #expect(support.value == "Skrivaren fungerar inte")
        #expect(support.activity.legalBasis == [.contract])
        #expect(support.expires.map(calendar.rfc3339) == "2028-06-30T00:00:00+02:00")
        #expect(support.system == "support")
        // min(case.closed + 7d, collected + 12mo) with the case still open: the cap applies.
        let files = try #require(export.records.first { $0.id == file })
        #expect(files.expires.map(calendar.rfc3339) == "2026-01-31T00:00:00+01:00")
        // A record event closes the case: the record's own event is narrower still.
        try await store.records.addEvents(
            subject: subject, scope: .record(file), events: [(.caseClosed, calendar.parseInstant("2025-03-01")!)])
        let again = try await store.subjects.export(subject)
        #expect(again.records.first { $0.id == file }?.expires.map(calendar.rfc3339) == "2025-03-08T00:00:00+01:00")
        let json = again.json.description
        #expect(json.contains(#""retention": "min(case.closed + 7d, collected + 12mo)""#))
        #expect(try JSONSerialization.jsonObject(with: Data(json.utf8)) is [String: Any])
        await store.close()
    }

    @Test("A pending rule is stored as waiting for its events", arguments: TestBackend.available)
    func pending(backend: TestBackend) async throws {
        let store = try await TestStore.make(backend).openWithRegister()
        let subject = try await store.subjects.add(email: "c@example.se")
        _ = try await store.consents.give(
            subject: subject, activity: "photo-consent", wordingVersion: "v1", channel: "web", at: Date())
        _ = try await store.records.add(
            subject: subject, activity: "photo-consent", category: "images", value: "bild.jpg")
        let record = try #require(try await store.subjects.export(subject).records.first)
        #expect(record.expires == nil)
        #expect(record.waitingFor == ["campaign.end", "consent.withdrawn"])
        await store.close()
    }

    @Test("Bad input is refused with one sentence, and nothing is half-written", arguments: TestBackend.available)
    func refusals(backend: TestBackend) async throws {
        let test = try await TestStore.make(backend)
        let store = try await test.openWithRegister()
        let subject = try await store.subjects.add(email: "d@example.se")
        let before = try await counts(test)
        let cases: [(String, () async throws -> Void)] = [
            (
                "The register has no activity \"suport\".",
                { _ = try await store.records.add(subject: subject, activity: "suport", category: "email", value: "x") }
            ),
            (
                "The register knows no data category \"shoe_size\".",
                {
                    _ = try await store.records.add(
                        subject: subject, activity: "support", category: "shoe_size", value: "x")
                }
            ),
            (
                "Activity \"support\" does not process \"email\"; the register lists contact_details, case_content.",
                {
                    _ = try await store.records.add(
                        subject: subject, activity: "support", category: "email", value: "x")
                }
            ),
            (
                "No subject has the e-mail address given.",
                {
                    _ = try await store.records.add(
                        subject: "nobody@example.se", activity: "support", category: "case_content", value: "x")
                }
            ),
            (
                "The register knows no event \"contract.ends\".",
                {
                    try await store.records.addEvents(
                        subject: subject, scope: .subject, events: [(EventName(validating: "contract.ends")!, Date())])
                }
            ),
        ]
        for (message, action) in cases {
            await #expect {
                try await action()
            } throws: { error in
                "\(error)" == message
            }
        }
        #expect(try await counts(test) == before)
        await store.close()
    }

    @Test(
        "Register versions: a changed rule is audited and recomputes expiries; a refused one changes nothing",
        arguments: TestBackend.available)
    func registerVersions(backend: TestBackend) async throws {
        let test = try await TestStore.make(backend)
        let store = try await test.openWithRegister()
        let calendar = ZonedCalendar.stockholm
        let subject = try await store.subjects.add(email: "e@example.se")
        _ = try await store.records.add(
            subject: subject, activity: "product-demo", category: "contact_details", value: "e@example.se",
            collected: calendar.parseInstant("2025-01-01"))
        #expect(
            try await store.subjects.export(subject).records[0].expires.map(calendar.rfc3339)
                == "2025-03-02T00:00:00+01:00")

        let shorter = try exampleRegister().replacingOccurrences(
            of: #"retention: "collected + 60d""#, with: #"retention: "collected + 30d""#)
        let v2 = try await store.versions.apply(yaml: shorter, file: "v2.yaml")
        #expect(v2.version == 2)
        #expect(
            try await store.subjects.export(subject).records[0].expires.map(calendar.rfc3339)
                == "2025-01-31T00:00:00+01:00")
        #expect(
            try await store.versions.version(1)?.register.activity("product-demo")?.retention.description
                == "collected + 60d")

        let broken = shorter.replacingOccurrences(of: "systems: [support]", with: "systems: [suport]")
        let before = try await counts(test)
        await #expect(throws: RegisterError.self) { try await store.versions.apply(yaml: broken, file: "bad.yaml") }
        #expect(try await counts(test) == before)
        #expect(try await store.versions.current()?.version == 2)

        let connection = try await StoreConnection.open(test.location)
        let changes = try await connection.sql.raw(
            "SELECT activity, detail FROM audit_log WHERE action = 'register.retention-changed'"
        ).all()
        #expect(changes.count == 1)
        #expect(try changes.first?.decode(column: "detail", as: String.self) == "collected + 60d -> collected + 30d")
        await connection.close()
        await store.close()
    }

    /// Rows in the tables a refused operation must not touch.
    func counts(_ test: TestStore) async throws -> [Int] {
        let connection = try await StoreConnection.open(test.location)
        var result: [Int] = []
        for table in ["subjects", "subject_identifiers", "records", "events", "audit_log", "register_versions"] {
            let row = try await connection.sql.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table)").first()
            result.append(try row?.decode(column: "n", as: Int.self) ?? -1)
        }
        await connection.close()
        return result
    }
}
