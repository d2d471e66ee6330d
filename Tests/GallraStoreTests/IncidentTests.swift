import Foundation
import GallraCore
import GallraTestSupport
import Testing

@testable import GallraStore

@Suite("The incident register", .serialized, .acting())
struct IncidentTests {
    static let calendar = ZonedCalendar.stockholm
    static func at(_ text: String) -> Date { calendar.parseInstant(text)! }

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
        await #expect { try await store.incidents.close(id) } throws: { "\($0)".contains("risk is not assessed") }
        try await store.incidents.update(
            id,
            IncidentChange(
                consequences: "Adresserna kan användas för skräppost", measures: "Ursäkt skickad; utskick via BCC",
                risk: .risk))
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
        for secret in ["Nyhetsbrevet", "skräppost", "Omfattningen", "anna@example.se"] {
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
            aware: Date().addingTimeInterval(-3_600), description: "Krypterad bärbar dator stulen",
            IncidentChange(risk: .risk))
        await #expect { try await store.incidents.recordNoNotification(small, reason: "Disken är krypterad") } throws: {
            "\($0)".contains("risk none")
        }
        try await store.incidents.update(small, IncidentChange(risk: Incident.Risk.none))
        try await store.incidents.recordNoNotification(
            small, reason: "Disken är krypterad (AES-256), nyckeln inte röjd")
        try await store.incidents.close(small)

        let big = try await store.incidents.open(
            aware: Date().addingTimeInterval(-3_600), description: "Kunddatabas exponerad", IncidentChange(risk: .high))
        try await store.incidents.notifyAuthority(big, at: Date(), reference: nil, delayReasons: nil)
        await #expect { try await store.incidents.close(big) } throws: { "\($0)".contains("Art. 34(3) exemption") }
        try await store.incidents.exemptFromInforming(big, .c, reason: "Offentligt meddelande på webbplatsen")
        try await store.incidents.close(big)
        #expect(try await store.incidents.list(openOnly: true).isEmpty)
        #expect(try await store.incidents.list().count == 2)
        try await expectIntactAudit(store)
        await store.close()
    }
}
