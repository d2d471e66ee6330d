import Foundation
import GallraCore
import GallraTestSupport
import Testing

@testable import GallraStore

@Suite("The incident register", .serialized, .acting())
struct IncidentTests {
    static let calendar = ZonedCalendar.stockholm
    static func at(_ text: String) -> Date { calendar.parseInstant(text)! }

    /// The Art. 33(3) facts an incident needs before it can be closed, with a risk assessed.
    static func facts(_ risk: Incident.Risk) -> IncidentChange {
        IncidentChange(
            discoveredHow: "En kund hörde av sig", nature: [.confidentiality], subjectCategories: ["customers"],
            dataCategories: ["email"], approximateSubjects: 1200, approximateRecords: 1200,
            consequences: "Adresserna kan användas för skräppost", measures: "Ursäkt skickad; utskick via BCC",
            contactPoint: "Dataskyddsombud, dpo@exempel.se", risk: risk, riskReasoning: "Bara e-postadresser röjda")
    }

    @Test(
        "The 72-hour clock runs in real hours, across a weekend and a change of daylight saving time",
        arguments: [
            // aware, due, moment, clock at that moment
            ("2026-03-27T10:00:00+01:00", "2026-03-30T11:00:00+02:00", "2026-03-29T12:00:00+02:00", "23 h 0 min left"),
            (
                "2026-10-23T10:00:00+02:00", "2026-10-26T09:00:00+01:00", "2026-10-26T09:30:00+01:00",
                "late by 0 h 30 min"
            ),
            ("2026-01-02T16:45:00+01:00", "2026-01-05T16:45:00+01:00", "2026-01-05T16:45:00+01:00", "0 h 0 min left"),
        ])
    func clock(aware: String, due: String, moment: String, clock: String) async throws {
        let test = try await TestStore.make(.sqlite)
        let store = try await test.openWithRegister()
        let id = try await store.incidents.open(aware: Self.at(aware), description: "Fel mottagare på utskick")
        let incident = try await store.incidents.incident(id)
        #expect(Self.calendar.rfc3339(incident.notificationDue) == due)
        #expect(incident.clock(at: Self.at(moment)) == clock)
        await store.close()
    }

    @Test(
        "A late notification needs the reasons; affected people see the incident in their access report",
        arguments: TestBackend.available)
    func lifecycle(backend: TestBackend) async throws {
        let test = try await TestStore.make(backend)
        let store = try await test.openWithRegister()
        let anna = try await store.subjects.add(email: "anna@example.se")
        _ = try await store.records.add(
            subject: anna, activity: "newsletter", category: "email", value: "anna@example.se")
        let bo = try await store.subjects.add(email: "bo@example.se")
        _ = try await store.records.add(subject: bo, activity: "newsletter", category: "email", value: "bo@example.se")

        let aware = Self.at("2026-03-27T10:00:00+01:00")
        let id = try await store.incidents.open(
            aware: aware, description: "Nyhetsbrevet skickades med alla mottagare synliga",
            IncidentChange(
                occurred: Self.at("2026-03-27T08:30:00+01:00"), subjectCategories: ["customers"],
                dataCategories: ["email"], approximateSubjects: 1200))
        await #expect { try await store.incidents.close(id) } throws: { error in
            let text = "\(error)"
            return text.contains("the risk assessment and its reasoning") && text.contains("the likely consequences")
                && !text.contains(id)
        }
        try await store.incidents.update(id, Self.facts(.risk))
        try await store.incidents.linkAffected(id, subjects: ["anna@example.se"])

        // Monday 11:01 CEST is one minute past the 72 hours.
        let late = Self.at("2026-03-30T11:01:00+02:00")
        await #expect {
            try await store.incidents.notifyAuthority(id, at: late, reference: nil, delayReasons: nil)
        } throws: {
            "\($0)".contains("give the reasons for the delay")
        }
        try await store.incidents.notifyAuthority(
            id, at: late, reference: "IMY-2026-123", delayReasons: "Omfattningen utreddes under helgen")
        let notified = try await store.incidents.incident(id)
        #expect(notified.authorityNotified == late && notified.delayReasons == "Omfattningen utreddes under helgen")
        await #expect { try await store.incidents.close(id) } throws: { error in
            "\(error)".contains("the decision whether to tell the people affected (Art. 34)")
        }
        await #expect {
            try await store.incidents.decidePeople(id, .notRequired, exemption: nil, reason: nil)
        } throws: { "\($0)".contains("Say why") }
        try await store.incidents.decidePeople(id, .notRequired, exemption: nil, reason: "Risken är inte hög")
        try await store.incidents.close(id, at: Self.at("2026-04-02"))
        await #expect { try await store.incidents.update(id, IncidentChange(risk: .high)) } throws: {
            "\($0)".contains("is closed")
        }

        let report = try await store.subjects.export(anna)
        #expect(report.incidents.map(\.id) == [id])
        #expect(report.html(.sv).contains("Personuppgiftsincidenter som berör dig"))
        #expect(report.html(.sv).contains("Nyhetsbrevet skickades med alla mottagare synliga"))
        #expect(report.json.description.contains(#""incidents": [{"id": "\#(id)""#))
        #expect(try await store.subjects.export(bo).incidents.isEmpty)

        // Kept under the incidents activity's rule: collected (awareness) + 10 years.
        #expect(try await store.sweep.run(now: Self.at("2036-03-27T09:59:00+01:00")).incidentsErased == 0)
        #expect(try await store.sweep.run(now: Self.at("2036-03-27T10:00:00+01:00")).incidentsErased == 1)
        await #expect { _ = try await store.incidents.incident(id) } throws: { "\($0)".contains("No incident") }

        let audit = try await test.auditText()
        #expect(audit.contains("incident.affect \(anna) affected by incident \(id)"))
        for secret in ["Nyhetsbrevet", "skräppost", "Omfattningen", "anna@example.se", "Risken är inte hög"] {
            #expect(!audit.contains(secret))
        }
        try await expectIntactAudit(store)
        await store.close()
    }

    @Test(
        "IMY may go unnotified only without risk; a high risk needs the people told or an exemption",
        arguments: TestBackend.available)
    func notificationDuties(backend: TestBackend) async throws {
        let test = try await TestStore.make(backend)
        let store = try await test.openWithRegister()
        let small = try await store.incidents.open(
            aware: Date().addingTimeInterval(-3_600), description: "Krypterad bärbar dator stulen", Self.facts(.risk))
        await #expect { try await store.incidents.recordNoNotification(small, reason: "Disken är krypterad") } throws: {
            "\($0)".contains("risk none")
        }
        try await store.incidents.update(small, IncidentChange(risk: Incident.Risk.none))
        try await store.incidents.recordNoNotification(
            small, reason: "Disken är krypterad (AES-256), nyckeln inte röjd")
        try await store.incidents.decidePeople(small, .notRequired, exemption: nil, reason: "Ingen risk")
        try await store.incidents.close(small)

        let big = try await store.incidents.open(
            aware: Date().addingTimeInterval(-3_600), description: "Kunddatabas exponerad", Self.facts(.high))
        try await store.incidents.notifyAuthority(big, at: Date(), reference: nil, delayReasons: nil)
        await #expect { try await store.incidents.close(big) } throws: { "\($0)".contains("(Art. 34)") }
        await #expect {
            try await store.incidents.decidePeople(big, .notRequired, exemption: nil, reason: "Vi vill inte")
        } throws: { "\($0)".contains("With a high risk the people affected must be told") }
        try await store.incidents.exemptFromInforming(big, .c, reason: "Offentligt meddelande på webbplatsen")
        try await store.incidents.close(big)
        #expect(try await store.incidents.list(openOnly: true).isEmpty)
        #expect(try await store.incidents.list().count == 2)
        try await expectIntactAudit(store)
        await store.close()
    }

    @Test(
        "Each change of the description is kept as a version, by whom; an unchanged save adds none",
        arguments: TestBackend.available)
    func versions(backend: TestBackend) async throws {
        let test = try await TestStore.make(backend)
        let store = try await test.openWithRegister()
        let id = try await Store.acting(as: .user("alice")) {
            try await store.incidents.open(
                aware: Date().addingTimeInterval(-600), description: "Fel mottagare",
                IncidentChange(nature: [.confidentiality]))
        }
        try await Store.acting(as: .user("bo")) {
            try await store.incidents.update(id, IncidentChange(approximateSubjects: 3, consequences: "Skräppost"))
            try await store.incidents.update(id, IncidentChange(consequences: "Skräppost"))
        }
        let versions = try await store.incidents.versions(id)
        #expect(versions.map(\.number) == [1, 2])
        #expect(versions.map(\.actor) == ["user:alice", "user:bo"])
        #expect(versions[0].facts.consequences == nil && versions[1].facts.consequences == "Skräppost")
        #expect(versions[1].facts.changed(from: versions[0].facts) == ["approximate_subjects", "consequences"])
        let audit = try await test.auditText()
        #expect(audit.contains("facts updated: approximate_subjects, consequences"))
        #expect(!audit.contains("Skräppost"))
        await store.close()
    }

    @Test(
        "The list puts open incidents owing IMY first, the nearest deadline first; then the others, then the closed",
        arguments: TestBackend.available)
    func urgency(backend: TestBackend) async throws {
        let test = try await TestStore.make(backend)
        let store = try await test.openWithRegister()
        let notified = try await store.incidents.open(aware: Date().addingTimeInterval(-60), description: "Anmäld")
        try await store.incidents.notifyAuthority(notified, at: Date(), reference: nil, delayReasons: nil)
        let newest = try await store.incidents.open(aware: Date().addingTimeInterval(-3_600), description: "Ny")
        let late = try await store.incidents.open(aware: Date().addingTimeInterval(-80 * 3_600), description: "Sen")
        let closed = try await store.incidents.open(
            aware: Date().addingTimeInterval(-7_200), description: "Stängd", Self.facts(Incident.Risk.none))
        try await store.incidents.recordNoNotification(closed, reason: "Ingen risk")
        try await store.incidents.decidePeople(closed, .notRequired, exemption: nil, reason: "Ingen risk")
        try await store.incidents.close(closed)
        #expect(try await store.incidents.list().map(\.id) == [late, newest, notified, closed])
        let lateIncident = try await store.incidents.incident(late)
        #expect(lateIncident.hoursLeft(at: Date()) == -8)
        await store.close()
    }
}
