import Foundation
import GallraCore
import GallraServices
import GallraTestSupport
import SQLKit
import Testing

@testable import GallraStore

@Suite("The privacy officers' daily reminder", .serialized)
struct ReminderTests {
    static let setup = Party.user("setup")
    static let settings = SelfServiceSettings(baseURL: "https://gallra.example.se", sender: "gallra@example.se")

    /// Wednesday 2 December 2026, 07:30 in Stockholm: the day the reminder is for.
    static let now = Date(timeIntervalSince1970: 1_796_193_000)

    /// A message's parts, decoded (they are base64), and its To header.
    static func read(_ message: Data) -> (to: String, text: String) {
        let raw = String(decoding: message, as: UTF8.self)
        let to = raw.components(separatedBy: "\r\n").first { $0.hasPrefix("To: ") }.map { String($0.dropFirst(4)) }
        let parts = raw.components(separatedBy: "\r\n\r\n").dropFirst().compactMap { part -> String? in
            let lines = part.components(separatedBy: "\r\n").prefix { !$0.hasPrefix("--") }
            return Data(base64Encoded: lines.joined()).map { String(decoding: $0, as: UTF8.self) }
        }.filter { !$0.isEmpty }
        return (to ?? "", parts.first ?? "")
    }

    /// The reminders waiting in the outbox, opened: recipient and text.
    static func reminders(in store: Store) async throws -> [(to: String, text: String)] {
        try await store.outbox.due(limit: 100).filter { $0.purpose == "reminder" }.map { read($0.message) }
    }

    @Test(
        "Each privacy officer gets one mail in their language with what is due, once a day; no one else; no person named",
        arguments: TestBackend.available)
    func remindsOfficers(backend: TestBackend) async throws {
        let test = try await TestStore.make(backend)
        let store = try await test.openWithRegister(by: Self.setup)
        let gallra = Gallra(store: store)
        let calendar = try await store.versions.calendar()
        #expect(calendar.rfc3339(Self.now) == "2026-12-02T07:30:00+01:00")
        _ = try await gallra.addUser(
            email: "olle.ombud@foretaget.se", access: Access(role: .privacyOfficer), language: "sv", by: Self.setup)
        _ = try await gallra.addUser(
            email: "emma.officer@foretaget.se", access: Access(role: .privacyOfficer), language: "en", by: Self.setup)
        _ = try await gallra.addUser(
            email: "sam.support@foretaget.se", access: Access(role: .support, activities: ["product-demo"]),
            language: "sv", by: Self.setup)
        _ = try await gallra.addUser(
            email: "slutat@foretaget.se", access: Access(role: .privacyOfficer), language: "sv", by: Self.setup)
        try await test.raw("UPDATE users SET disabled_at = 1 WHERE email = 'slutat@foretaget.se'")
        let karin = try await Acting.as(Self.setup) {
            try await store.subjects.add(email: "karin.kund@example.se", name: "Karin Kund", phone: "+46701234567")
        }
        let bo = try await Acting.as(Self.setup) {
            try await store.subjects.add(email: "bo.bengtsson@example.se", name: "Bo Bengtsson")
        }
        // Deadlines one month after receipt (Art. 12(3)), all on working days: 20 November
        // (overdue by 12 days), 7 December (5 days left), 22 December (20 days left).
        let overdue = try await gallra.openRequest(
            .erasure, subject: karin, received: CivilDate(iso: "2026-10-20"), by: Self.setup)
        let soon = try await gallra.openRequest(
            .access, subject: bo, received: CivilDate(iso: "2026-11-07"), by: Self.setup)
        let later = try await gallra.openRequest(
            .rectification, subject: karin, received: CivilDate(iso: "2026-11-22"), by: Self.setup)
        let reference = { (id: String) in try await store.requests.request(id).reference ?? "" }
        let (overdueRef, soonRef, laterRef) = (
            try await reference(overdue), try await reference(soon), try await reference(later)
        )
        #expect(try await store.requests.request(soon).deadline.description == "2026-12-07")
        // Aware 30 hours ago: 42 hours left. Aware 80 hours ago: late by 8. A third is notified.
        let onClock = try await gallra.openIncident(
            aware: Self.now.addingTimeInterval(-30 * 3_600),
            description: "Ett brev till Karin Kund skickades till fel mottagare", affected: [karin], by: Self.setup)
        let late = try await gallra.openIncident(
            aware: Self.now.addingTimeInterval(-80 * 3_600), description: "En borttappad dator", by: Self.setup)
        let notified = try await gallra.openIncident(
            aware: Self.now.addingTimeInterval(-10 * 3_600), description: "Ett felskickat utskick", by: Self.setup)
        _ = try await gallra.recordNotification(
            notified.incident.id, IncidentNotification(authorityNotified: Self.now, reference: "IMY-7"),
            by: Self.setup)

        let run = try await gallra.remindOfficers(now: Self.now, settings: Self.settings)
        guard case .queued(let records) = run.outcome else {
            Issue.record("the reminder was not queued: \(run.outcome)")
            return
        }
        #expect(records.count == 2, "one message for each privacy officer not disabled")
        #expect(records.allSatisfy { $0.purpose == "reminder" && $0.stateName == "queued" })
        let mail = try await Self.reminders(in: store)
        #expect(mail.map(\.to).sorted() == ["emma.officer@foretaget.se", "olle.ombud@foretaget.se"])
        let swedish = try #require(mail.first { $0.to == "olle.ombud@foretaget.se" }?.text)
        let english = try #require(mail.first { $0.to == "emma.officer@foretaget.se" }?.text)
        #expect(swedish.contains("\(overdueRef) radering: sista dag 2026-11-20, försenad 12 dagar"), "\(swedish)")
        #expect(swedish.contains("\(soonRef) tillgång: sista dag 2026-12-07, 5 dagar kvar"))
        #expect(english.contains("\(overdueRef) erasure: due 2026-11-20, overdue by 12 days"), "\(english)")
        #expect(english.contains("\(soonRef) access: due 2026-12-07, 5 days left"))
        #expect(swedish.contains("incident upptäckt 2026-12-01 01:30: anmäl senast 2026-12-04 01:30, 42 timmar kvar"))
        #expect(
            swedish.contains("incident upptäckt 2026-11-28 23:30: anmäl senast 2026-12-01 23:30, försenad med 8 timmar")
        )
        #expect(english.contains("incident known since 2026-12-01 01:30: notify by 2026-12-04 01:30, 42 hours left"))
        #expect(
            english.contains("incident known since 2026-11-28 23:30: notify by 2026-12-01 23:30, overdue by 8 hours"))
        #expect(swedish.contains("https://gallra.example.se/admin"))
        #expect(english.contains("Requests overdue or to be answered within 7 days"))
        #expect(swedish.contains("Begäranden som är försenade eller ska besvaras inom 7 dagar"))
        for text in [swedish, english] {
            #expect(!text.contains(laterRef), "the request due in 20 days is not listed")
            #expect(!text.contains("2026-12-01 21:30"), "the notified incident is not listed")
            for personal in ["Karin", "Kund", "karin.kund", "Bo Bengtsson", "bo.bengtsson", "46701234567", karin, bo] {
                #expect(!text.contains(personal), "the mail names no data subject: \(personal)")
            }
        }
        // The recorded day and one audit entry that names no one.
        let audit = try await test.rows("SELECT detail FROM audit_log WHERE action = 'reminder.queued'")
        #expect(audit.count == 1)
        let detail = try audit.first?.decode(column: "detail", as: String.self) ?? ""
        #expect(detail.hasPrefix("daily reminder of 2026-12-02: 2 requests due within 7 days (1 overdue)"), "\(detail)")

        // The same day again (a restart, a second server): nothing more.
        let again = try await gallra.remindOfficers(now: Self.now.addingTimeInterval(3_600), settings: Self.settings)
        guard case .queuedBefore = again.outcome else {
            Issue.record("a second run queued: \(again.outcome)")
            return
        }
        #expect(try await Self.reminders(in: store).count == 2)

        // A day with nothing due (a month earlier, the incidents notified): no mail.
        for incident in [onClock, late] {
            _ = try await gallra.recordNotification(
                incident.incident.id,
                IncidentNotification(authorityNotified: Self.now, reference: "IMY-8", delayReasons: "Upptäcktes sent"),
                by: Self.setup)
        }
        let quiet = try await gallra.remindOfficers(
            now: Self.now.addingTimeInterval(-31 * 86_400), settings: Self.settings)
        guard case .nothingDue = quiet.outcome else {
            Issue.record("a day with nothing due: \(quiet.outcome)")
            return
        }
        #expect(try await Self.reminders(in: store).count == 2)
        #expect(try await test.rows("SELECT day FROM reminder_days").count == 1)
        try await expectIntactAudit(store)
        await store.close()
    }

    @Test("Two reminders of the same day at once queue one mail per officer", arguments: TestBackend.available)
    func concurrentRuns(backend: TestBackend) async throws {
        let test = try await TestStore.make(backend)
        let store = try await test.openWithRegister(by: Self.setup)
        let gallra = Gallra(store: store)
        _ = try await gallra.addUser(
            email: "olle.ombud@foretaget.se", access: Access(role: .privacyOfficer), language: "sv", by: Self.setup)
        _ = try await gallra.openIncident(
            aware: Self.now.addingTimeInterval(-3_600), description: "En borttappad dator", by: Self.setup)
        // A second store on the same database: a second server.
        let other = try await test.open()
        async let first = gallra.remindOfficers(now: Self.now, settings: Self.settings)
        async let second = Gallra(store: other).remindOfficers(now: Self.now, settings: Self.settings)
        let outcomes = try await [first.outcome, second.outcome]
        let queued = outcomes.filter { if case .queued = $0 { true } else { false } }
        #expect(queued.count == 1, "\(outcomes)")
        #expect(try await Self.reminders(in: store).count == 1)
        await other.close()
        await store.close()
    }

    @Test("The controller's own wording of the reminder replaces Gallra's", arguments: TestBackend.available)
    func ownWording(backend: TestBackend) async throws {
        let test = try await TestStore.make(backend)
        let store = try await test.openWithRegister(by: Self.setup)
        let gallra = Gallra(store: store)
        _ = try await gallra.addUser(
            email: "olle.ombud@foretaget.se", access: Access(role: .privacyOfficer), language: "sv", by: Self.setup)
        _ = try await gallra.openIncident(
            aware: Self.now.addingTimeInterval(-3_600), description: "En borttappad dator", by: Self.setup)
        let templates = test.directory.appendingPathComponent("templates")
        try FileManager.default.createDirectory(at: templates, withIntermediateDirectories: true)
        try Data("Subject: Att göra {{day}}\n\nGod morgon!\n{{incidents}}\n{{link}}\n".utf8).write(
            to: templates.appendingPathComponent("reminder.sv.txt"))
        let settings = SelfServiceSettings(
            baseURL: "https://gallra.example.se/", sender: "gallra@example.se",
            templates: try MailTemplates.overriding(from: templates.path))
        _ = try await gallra.remindOfficers(now: Self.now, settings: settings)
        let text = try #require(try await Self.reminders(in: store).first?.text)
        #expect(text.hasPrefix("God morgon!\n– incident "), "\(text)")
        #expect(text.contains("71 timmar kvar"))
        await store.close()
    }
}
