import Foundation
import GallraCore
import GallraServer
import GallraServices
import GallraStore
import GallraTestSupport
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing

/// The person hears what became of their request, and whatever says a mail went reads the outbox:
/// completions through the JSON API, the messages written by the real outbox sender.
@Suite("The outcome of a request, by mail")
struct RequestOutcomeMailTests {
    typealias Pages = PrivacyRequestPagesTests
    static let officer = Party.user("dpo")

    /// Karin, a former customer: a support case, an invoice (kept under Bokföringslagen), a newsletter.
    static func karin(_ gallra: Gallra) async throws {
        let calendar = try await gallra.calendar()
        let subject = try await gallra.addSubject(NewSubject(email: "karin@example.se"), by: officer)
        for (activity, category, value, collected) in [
            ("support", "case_content", "Ärende 4711: kan inte logga in", "2025-03-01"),
            ("customer-invoicing", "billing", "Faktura 1001, 4 500 kr", "2024-06-10"),
            ("newsletter", "email", "karin@example.se", "2023-01-01"),
        ] {
            _ = try await gallra.addRecord(
                NewRecord(
                    subject: subject, activity: activity, category: category, value: value,
                    collected: calendar.parseInstant(collected)!), by: officer)
        }
        try await gallra.addEvents(
            subject: subject, scope: .subject, events: [(.contractEnd, calendar.parseInstant("2026-06-30")!)],
            by: officer)
        try await gallra.addEvents(
            subject: subject, scope: .activity("customer-invoicing"),
            events: [(.fiscalYearEnd, calendar.parseInstant("2024-12-31")!)], by: officer)
    }

    /// The headers of a privacy officer's API token.
    static func officerHeaders(_ gallra: Gallra) async throws -> HTTPFields {
        let token = try await gallra.createToken(
            name: "ticketing", access: Access(role: .privacyOfficer), by: .user("setup"))
        return [.authorization: "Bearer \(token)", .contentType: "application/json"]
    }

    /// Asks on the public page, follows the mailed link and confirms; returns the request's id.
    static func ask(
        _ client: some TestClientProtocol, _ door: Pages.Door, kind: String, email: String, activities: [String] = []
    ) async throws -> String {
        let before = Set(
            try await door.test.rows("SELECT id FROM requests").map { try $0.decode(column: "id", as: String.self) })
        _ = try await Pages.submit(client, kind: kind, email: email, activities: activities)
        let mail = try #require(try await Pages.delivered(door).last { $0.contains("To: \(email)") })
        let confirmed = try await client.execute(
            uri: try Pages.link(in: mail), method: .post, body: ByteBuffer(string: "lang=sv"))
        #expect(confirmed.status == .ok)
        let after = try await door.test.rows("SELECT id FROM requests").map {
            try $0.decode(column: "id", as: String.self)
        }
        return try #require(after.first { !before.contains($0) })
    }

    /// Completes a request through the API, its work by hand marked done first; returns the answer.
    static func complete(
        _ client: some TestClientProtocol, _ gallra: Gallra, _ id: String, headers: HTTPFields, via: String = "email"
    ) async throws -> [String: Any] {
        for task in try await gallra.requestDetails(id, by: officer).tasks {
            try await gallra.markTaskDone(id, system: task.system, by: officer)
        }
        let response = try await client.execute(
            uri: "/api/v1/requests/\(id)/complete", method: .post, headers: headers,
            body: ByteBuffer(string: #"{"via": "\#(via)"}"#))
        #expect(response.status == .ok, "\(String(buffer: response.body))")
        return try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
    }

    /// The outbox's rows about a request, as the database holds them.
    static func outbox(_ door: Pages.Door, _ id: String) async throws -> [(id: String, purpose: String)] {
        try await door.test.rows("SELECT id, purpose FROM outbox WHERE request_id = '\(id)' ORDER BY created_at, id")
            .map { (try $0.decode(column: "id", as: String.self), try $0.decode(column: "purpose", as: String.self)) }
    }

    /// What a completion's answer says was mailed: each message's id, purpose and state.
    static func mail(in answer: [String: Any]) -> [(id: String, purpose: String, state: String)] {
        (answer["mail"] as? [[String: Any]] ?? []).map {
            ($0["id"] as? String ?? "", $0["purpose"] as? String ?? "", $0["state"] as? String ?? "")
        }
    }

    @Test(
        "An erasure is answered with what was erased and what is kept, until when and under which law; a stranger's access request with that nothing is held; the answer names only rows of the outbox"
    )
    func outcomes() async throws {
        let door = try await Pages.door()
        let gallra = Gallra(store: door.store)
        try await Self.karin(gallra)
        let headers = try await Self.officerHeaders(gallra)
        let app = buildApplication(gallra: gallra, configuration: door.configuration)
        try await app.test(.router) { client in
            let erasure = try await Self.ask(client, door, kind: "erasure", email: "karin@example.se")
            let stranger = try await Self.ask(client, door, kind: "access", email: "okand@example.se")
            #expect(try await Self.outbox(door, erasure).map(\.purpose) == ["receipt"])

            let erased = try await Self.complete(client, gallra, erasure, headers: headers)
            let said = Self.mail(in: erased)
            let rows = try await Self.outbox(door, erasure)
            #expect(said.map(\.id) == rows.map(\.id), "the answer lists exactly the outbox's rows about the request")
            #expect(said.map(\.purpose) == ["receipt", "outcome"])
            #expect(said.last?.state == "queued", "queued, not sent: nothing has been sent yet")
            #expect(
                (erased["request"] as? [String: Any])?["sent"] as? String == "answer queued in the outbox")

            let stranded = try await Self.complete(client, gallra, stranger, headers: headers)
            #expect(Self.mail(in: stranded).map(\.purpose) == ["receipt", "outcome"])

            let messages = try await Pages.delivered(door)
            let toKarin = try #require(messages.last { $0.contains("To: karin@example.se") })
            let text = Pages.parts(of: toKarin).joined(separator: "\n")
            let reference = try #require(try await gallra.requestDetails(erasure, by: Self.officer).request.reference)
            #expect(
                text.contains("vi har behandlat din begäran om att dina personuppgifter raderas (ärende \(reference))"))
            #expect(text.contains("Vi har raderat dina uppgifter i:"))
            #expect(text.contains("Vi sparar, och varför:"))
            #expect(text.contains("– Kundreskontra och fakturering: Sparas till 2032-01-01: Bokföringslagen"))
            #expect(text.contains("Integritetsskyddsmyndigheten (IMY)"))
            #expect(!text.contains("Faktura 1001") && !text.contains("4711"), "the mail names activities, not data")
            let toStranger = try #require(messages.last { $0.contains("To: okand@example.se") })
            #expect(Pages.parts(of: toStranger).joined().contains("Vi har inga personuppgifter om dig."))

            // Sent now, and the request says so from the outbox row.
            let shown = try await client.execute(
                uri: "/api/v1/requests/\(erasure)", method: .get, headers: headers)
            let request = try #require(
                try JSONSerialization.jsonObject(with: Data(buffer: shown.body)) as? [String: Any])
            #expect(Self.mail(in: request).map(\.state) == ["sent", "sent"])
        }
        await door.store.close()
    }

    @Test(
        "A request Gallra has no address for is left to the officer, and nothing says a mail went: no outbox row, no mail in the answer"
    )
    func noAddress() async throws {
        let door = try await Pages.door()
        let gallra = Gallra(store: door.store)
        try await Self.karin(gallra)
        let headers = try await Self.officerHeaders(gallra)
        let id = try await gallra.openRequest(
            .access, subject: "karin@example.se", verifiedHow: "BankID", by: Self.officer)
        let app = buildApplication(gallra: gallra, configuration: door.configuration)
        try await app.test(.router) { client in
            let answer = try await Self.complete(client, gallra, id, headers: headers)
            #expect(Self.mail(in: answer).isEmpty)
            #expect(try await Self.outbox(door, id).isEmpty)
            let sent = try #require((answer["request"] as? [String: Any])?["sent"] as? String)
            #expect(sent.hasSuffix("to answer by email; Gallra sent nothing"), "\(sent)")
            #expect(try await Pages.delivered(door).isEmpty)
        }
        await door.store.close()
    }

    @Test("A rectification with nothing corrected is refused, and the request stays open")
    func rectificationNeedsACorrection() async throws {
        let door = try await Pages.door()
        let gallra = Gallra(store: door.store)
        try await Self.karin(gallra)
        let id = try await gallra.openRequest(
            .rectification, subject: "karin@example.se", verifiedHow: "BankID", by: Self.officer)
        for task in try await gallra.requestDetails(id, by: Self.officer).tasks {
            try await gallra.markTaskDone(id, system: task.system, by: Self.officer)
        }
        await #expect {
            _ = try await gallra.completeRequest(
                id, reply: RequestReply(format: "json", language: .sv, via: "email"), by: Self.officer)
        } throws: { "\($0)".contains("note the corrected value first") }
        #expect(try await gallra.requestDetails(id, by: Self.officer).request.status != .completed)
        await door.store.close()
    }

    @Test(
        "The outbox page and the request page show each message's state from its row: queued, then sent; support may not read the outbox"
    )
    func outboxPage() async throws {
        let door = try await Pages.door()
        let gallra = Gallra(store: door.store)
        for (email, role) in [("dpo@example.se", Role.privacyOfficer), ("support@example.se", Role.support)] {
            _ = try await gallra.addUser(
                email: email, access: Access(role: role, activities: role == .support ? ["support"] : []),
                password: "a password of some length", by: .user("setup"))
        }
        let app = buildApplication(gallra: gallra, configuration: door.configuration)
        try await app.test(.router) { client in
            _ = try await Pages.submit(client, kind: "access", email: "okand@example.se")
            let officer = try await AuthorizationTests.signIn(
                client, email: "dpo@example.se", password: "a password of some length")
            let queued = String(
                buffer: try await client.execute(uri: "/admin/outbox", method: .get, headers: [.cookie: officer]).body)
            #expect(queued.contains("<td>Bekräftelselänk</td>"))
            #expect(queued.contains("I kö") && !queued.contains("okand@example.se"), "never the recipient")
            _ = try await Pages.delivered(door)
            let sent = String(
                buffer: try await client.execute(
                    uri: "/admin/outbox?state=sent", method: .get, headers: [.cookie: officer]
                )
                .body)
            #expect(sent.contains("Skickat "))
            let none = String(
                buffer: try await client.execute(
                    uri: "/admin/outbox?state=failed", method: .get, headers: [.cookie: officer]
                )
                .body)
            #expect(none.contains("Inga meddelanden."))

            let support = try await AuthorizationTests.signIn(
                client, email: "support@example.se", password: "a password of some length")
            let refused = try await client.execute(uri: "/admin/outbox", method: .get, headers: [.cookie: support])
            #expect(refused.status == .forbidden)
        }
        await door.store.close()
    }
}
