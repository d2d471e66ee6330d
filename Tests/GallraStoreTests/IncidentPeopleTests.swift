import Foundation
import GallraCore
import GallraServices
import GallraTestSupport
import Testing

@testable import GallraStore

/// Art. 34: telling the people affected, through the outbox, in each person's language; the
/// incident reads what went from the outbox rows, and closes only once it is settled.
@Suite("Telling the people affected by an incident", .serialized, .acting())
struct IncidentPeopleTests {
    static let settings = SelfServiceSettings(baseURL: "http://127.0.0.1:8080/", sender: "dataskydd@exempel.se")

    @Test(
        "A high-risk incident: one message per linked person with an address, in their language; closing waits for them",
        arguments: TestBackend.available)
    func tell(backend: TestBackend) async throws {
        let test = try await TestStore.make(backend)
        let store = try await test.openWithRegister()
        let gallra = Gallra(store: store)
        let officer = Party.user("dpo")
        let (anna, bo) = try await store.work(by: .user("setup")) {
            let anna = try await store.subjects.add(email: "anna@example.se")
            let bo = try await store.subjects.add(email: "bo@example.se")
            // Anna last wrote to the controller in English.
            let request = try await store.requests.open(.access, subject: anna)
            try await store.requests.noteContact(
                request, subject: anna, RequestContact(address: "anna@example.se", language: .en, message: nil))
            return (anna, bo)
        }
        _ = try await store.work(by: .user("setup")) { try await store.subjects.add(email: nil, phone: "0701234567") }
        var view = try await gallra.openIncident(
            aware: Date().addingTimeInterval(-3_600), description: "Kundregistret låg öppet på nätet",
            IncidentTests.facts(.high), affected: ["anna@example.se", "bo@example.se", "0701234567"], by: officer)
        let id = view.incident.id
        _ = try await gallra.recordNotification(
            id, IncidentNotification(authorityNotified: Date(), reference: "IMY-2026-7"), by: officer)
        await #expect {
            _ = try await gallra.decidePeople(id, .notRequired, reason: "Nej", settings: Self.settings, by: officer)
        } throws: { "\($0)".contains("With a high risk") }

        view = try await gallra.decidePeople(id, .tell, settings: Self.settings, by: officer)
        #expect(view.messages.map(\.subject).sorted() == [anna, bo].sorted())
        #expect(view.messages.first { $0.subject == anna }?.language == .en)
        #expect(view.messages.first { $0.subject == bo }?.language == .sv)
        #expect(view.gaps == [.peopleUnreached, .messagesPending], "the person without an address, and none sent")

        // Telling them again queues nothing more for those already sent one.
        view = try await gallra.decidePeople(id, .tell, settings: Self.settings, by: officer)
        #expect(view.messages.count == 2)

        let due = try await store.outbox.due()
        #expect(due.count == 2 && due.allSatisfy { $0.purpose == "incident" })
        let texts = due.map { Self.plainText(of: $0.message) }
        let english = try #require(texts.first { $0.contains("To: anna@example.se") })
        #expect(english.contains("we at Exempel Programvara AB have had a personal data breach"))
        #expect(english.contains("Adresserna kan användas för skräppost"), "the consequences, as recorded")
        #expect(english.contains("Dataskyddsombud, dpo@exempel.se"), "the contact point")
        let swedish = try #require(texts.first { $0.contains("To: bo@example.se") })
        #expect(swedish.contains("har haft en personuppgiftsincident som berör dina personuppgifter"))

        await #expect { _ = try await gallra.closeIncident(id, by: officer) } throws: { error in
            "\(error)".contains("not all sent") && !"\(error)".contains(id)
        }
        for message in due { try await store.outbox.markSent(message.id) }
        view = try await gallra.incident(id, by: officer)
        #expect(view.messages.allSatisfy { if case .sent = $0.mail.state { true } else { false } })
        #expect(view.gaps == [.peopleUnreached])
        view = try await gallra.recordPeopleTold(id, at: Date(), by: officer)
        #expect(view.gaps.isEmpty)
        view = try await gallra.closeIncident(id, by: officer)
        #expect(view.incident.closed != nil)

        let audit = try await test.auditText()
        #expect(audit.contains("incident.tell \(anna) incident \(id): message"))
        #expect(audit.contains("incident.decide"))
        for secret in ["anna@example.se", "bo@example.se", "Kundregistret", "0701234567"] {
            #expect(!audit.contains(secret))
        }
        try await expectIntactAudit(store)
        await store.close()
    }

    /// The message's headers and its text part, decoded.
    static func plainText(of message: Data) -> String {
        let text = String(decoding: message, as: UTF8.self)
        let headers = text.components(separatedBy: "\r\n\r\n").first ?? ""
        guard let start = text.range(of: "Content-Transfer-Encoding: base64\r\n\r\n") else { return headers }
        let encoded = text[start.upperBound...].prefix { $0 != "-" }.replacingOccurrences(of: "\r\n", with: "")
        return headers + "\n" + String(decoding: Data(base64Encoded: encoded) ?? Data(), as: UTF8.self)
    }

    @Test("Telling needs the consequences, the measures and the contact point first (Art. 34(2))")
    func tellNeedsTheFacts() async throws {
        let store = try await TestStore.make(.sqlite).openWithRegister()
        let gallra = Gallra(store: store)
        let view = try await gallra.openIncident(
            aware: Date().addingTimeInterval(-60), description: "Fel mottagare", by: .user("dpo"))
        await #expect {
            _ = try await gallra.decidePeople(view.incident.id, .tell, settings: Self.settings, by: .user("dpo"))
        } throws: { "\($0)".contains("Art. 34(2)") }
        #expect(try await store.outbox.due().isEmpty)
        await store.close()
    }
}
