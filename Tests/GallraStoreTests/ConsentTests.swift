import Foundation
import GallraCore
import GallraTestSupport
import Testing

@testable import GallraStore

@Suite("The consent register", .serialized, .acting())
struct ConsentTests {
    static func at(_ text: String) -> Date { ZonedCalendar.stockholm.parseInstant(text)! }

    @Test(
        "Consent-based data is stored only under a consent in force; withdrawal starts its retention",
        arguments: TestBackend.available)
    func lifecycle(backend: TestBackend) async throws {
        let test = try await TestStore.make(backend)
        let store = try await test.openWithRegister()
        let subject = try await store.subjects.add(email: "foto@example.se")
        await #expect {
            _ = try await store.records.add(
                subject: subject, activity: "photo-consent", category: "images", value: "bild.jpg")
        } throws: { "\($0)".contains("no consent in force") }

        _ = try await store.consents.give(
            subject: "foto@example.se", activity: "photo-consent", wordingVersion: "foto-v1", channel: "paper",
            at: Self.at("2025-04-01"))
        let record = try await store.records.add(
            subject: subject, activity: "photo-consent", category: "images", value: "bild.jpg",
            collected: Self.at("2025-04-02"))
        #expect(
            try await store.subjects.export(subject).records.first?.waitingFor == ["campaign.end", "consent.withdrawn"])

        // min(campaign.end, consent.withdrawn): withdrawal sets the expiry.
        try await store.consents.withdraw(
            subject: subject, activity: "photo-consent", channel: "email", at: Self.at("2025-06-01"))
        let export = try await store.subjects.export(subject)
        #expect(export.records.first { $0.id == record }?.expires == Self.at("2025-06-01"))
        let history = try await store.consents.list(subject: subject)
        #expect(history.count == 1)
        #expect(history[0].wordingVersion == "foto-v1" && history[0].channel == "paper")
        #expect(history[0].withdrawn == Self.at("2025-06-01"))

        // New data needs a new consent; the history keeps both.
        await #expect {
            _ = try await store.records.add(
                subject: subject, activity: "photo-consent", category: "images", value: "ny.jpg")
        } throws: { "\($0)".contains("no consent in force") }
        _ = try await store.consents.give(
            subject: subject, activity: "photo-consent", wordingVersion: "foto-v2", channel: "web", at: Date())
        #expect(try await store.consents.list(subject: subject).map(\.wordingVersion) == ["foto-v1", "foto-v2"])

        let report = try await store.sweep.run(now: Self.at("2025-06-01"))
        #expect(report.items.map(\.record) == [record])
        guard case .intact = try await store.verifyAudit() else {
            Issue.record("the audit chain broke")
            return
        }
        await store.close()
    }

    @Test("Consent is refused for an activity that does not rest on it", arguments: TestBackend.available)
    func wrongBasis(backend: TestBackend) async throws {
        let store = try await TestStore.make(backend).openWithRegister()
        let subject = try await store.subjects.add(email: "x@example.se")
        await #expect {
            _ = try await store.consents.give(
                subject: subject, activity: "support", wordingVersion: "v1", channel: "web", at: Date())
        } throws: { "\($0)" == "Activity \"support\" does not rest on consent; its legal basis is contract." }
        await #expect {
            try await store.consents.withdraw(subject: subject, activity: "photo-consent", channel: "web", at: Date())
        } throws: { "\($0)" == "The subject has no consent in force for \"photo-consent\"." }
        await store.close()
    }
}
