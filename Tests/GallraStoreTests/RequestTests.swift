import Foundation
import GallraCore
import GallraTestSupport
import Testing

@testable import GallraServices
@testable import GallraStore

/// Data subject requests carried out on a real store, modelled on the register of
/// shared/seeds/001 (examples/exempel-programvara.yaml).
@Suite("Data subject requests", .serialized, .acting())
struct RequestTests {
    static let calendar = ZonedCalendar.stockholm
    static func at(_ text: String) -> Date { calendar.parseInstant(text)! }
    static func day(_ text: String) -> CivilDate { CivilDate(iso: text)! }

    /// A customer of the software company: support case, invoice, newsletter, BL account, call
    /// recording. The contract ended on 2026-06-30; the invoice's financial year on 2024-12-31.
    static func customer(in store: Store, contractEnded: Bool = true) async throws -> (String, [String: String]) {
        let subject = try await store.subjects.add(email: "karin@example.se", name: "Karin Kund")
        var records: [String: String] = [:]
        for (activity, category, value, collected) in [
            ("support", "case_content", "Ärende 4711: kan inte logga in", "2025-03-01"),
            ("customer-invoicing", "billing", "Faktura 1001, 4 500 kr", "2024-06-10"),
            ("newsletter", "email", "karin@example.se", "2023-01-01"),
            ("bl-account", "login", "karin-inlogg", "2023-01-01"),
            ("phone-contact", "recordings", "samtal-2025-05-02.ogg", "2025-05-02"),
        ] {
            records[activity] = try await store.records.add(
                subject: subject, activity: activity, category: category, value: value, collected: at(collected))
        }
        if contractEnded {
            try await store.records.addEvents(
                subject: subject, scope: .subject, events: [(.contractEnd, at("2026-06-30"))])
        }
        try await store.records.addEvents(
            subject: subject, scope: .activity("customer-invoicing"), events: [(.fiscalYearEnd, at("2024-12-31"))])
        return (subject, records)
    }

    @Test(
        "Erasure: each activity decided with its article; after completion exactly the right data is gone",
        arguments: TestBackend.available)
    func erasure(backend: TestBackend) async throws {
        let test = try await TestStore.make(backend)
        let store = try await test.openWithRegister()
        let (subject, records) = try await Self.customer(in: store)
        let id = try await store.requests.open(
            .erasure, subject: "karin@example.se", received: Self.day("2026-11-10"), channel: "email")
        #expect(try await store.requests.request(id).deadline == Self.day("2026-12-10"))

        let decisions = try await store.requests.decisions(for: id)
        let byActivity = Dictionary(uniqueKeysWithValues: decisions.map { ($0.activity, $0) })
        #expect(Set(byActivity.keys) == ["support", "customer-invoicing", "newsletter", "bl-account", "phone-contact"])
        let invoicing = try #require(byActivity["customer-invoicing"])
        #expect(invoicing.action == .keep && invoicing.article == "Art. 17(3)(b)")
        #expect(invoicing.until == Self.day("2032-01-01"))
        #expect(invoicing.reason[.en] == "Kept until 2032-01-01: Bokföringslagen (1999:1078) 7 kap. 2 §.")
        for activity in ["support", "newsletter", "bl-account"] {
            #expect(byActivity[activity]?.action == .erase)
            #expect(byActivity[activity]?.article == "Art. 17(1)(a)", "\(activity): the contract has ended")
        }
        // Call recordings rest on legitimate interests (and contract): the erasure request objects.
        #expect(byActivity["phone-contact"]?.action == .erase)
        #expect(byActivity["phone-contact"]?.article == "Art. 17(1)(c)")

        // Nothing is carried out before the identity is verified (Art. 12(6)).
        await #expect {
            _ = try await Gallra(store: store).carryOut(id, answer: .byHand(channel: "email", party: .user("test")))
        } throws: {
            "\($0)".contains("not been verified")
        }
        try await store.requests.verify(id, how: "BankID")
        let completion = try await Gallra(store: store).carryOut(
            id, answer: .byHand(channel: "email", party: .user("test")))
        #expect(!completion.subjectErased)
        #expect(completion.request.status == .completed)

        let left = try await store.subjects.export("karin@example.se")
        #expect(left.records.map(\.id) == [records["customer-invoicing"]!])
        #expect(left.records.first?.expires == Self.at("2032-01-01"))
        #expect(left.records.first?.value == "Faktura 1001, 4 500 kr")
        // The decisions stay with the request as they were carried out.
        #expect(try await store.requests.decisions(for: id) == decisions)
        await #expect { try await store.requests.verify(id, how: "again") } throws: { "\($0)".contains("completed") }

        let audit = try await test.auditText()
        for activity in ["support", "newsletter", "bl-account", "phone-contact"] {
            #expect(audit.contains("record.erase \(subject) \(activity) record \(records[activity]!), request \(id)"))
        }
        #expect(audit.contains("request.complete"))
        for secret in ["karin@example.se", "Karin", "4711", "Faktura", "BankID"] { #expect(!audit.contains(secret)) }
        try await expectIntactAudit(store)
        await store.close()
    }

    @Test(
        "Erasure keeps what a legal hold or a running contract still needs, and says why",
        arguments: TestBackend.available)
    func erasureExceptions(backend: TestBackend) async throws {
        let test = try await TestStore.make(backend)
        let store = try await test.openWithRegister()
        _ = try await Self.customer(in: store, contractEnded: false)
        _ = try await store.holds.add(
            subject: "karin@example.se", activity: "phone-contact", reason: "Tvist om faktura 1001",
            until: Self.at("2027-12-31"))
        let id = try await store.requests.open(.erasure, subject: "karin@example.se", verifiedHow: "BankID")
        let decisions = Dictionary(
            uniqueKeysWithValues: try await store.requests.decisions(for: id).map { ($0.activity, $0) })
        #expect(decisions["phone-contact"]?.action == .keep)
        #expect(decisions["phone-contact"]?.article == "Art. 17(3)(e)")
        #expect(decisions["phone-contact"]?.until == Self.day("2027-12-31"))
        // contract.end + 3y while the contract runs: still needed to perform it.
        #expect(decisions["support"]?.action == .keep)
        #expect(decisions["support"]?.article == "Art. 17(1)(a)")
        #expect(decisions["support"]?.reason[.en].contains("has not ended") == true)
        #expect(decisions["support"]?.reason[.en].contains("three years after the contract has ended") == true)
        _ = try await Gallra(store: store).carryOut(id, answer: .byHand(channel: "email", party: .user("test")))
        let left = Set(try await store.subjects.export("karin@example.se").records.map(\.activity.id))
        #expect(left == ["support", "customer-invoicing", "newsletter", "bl-account", "phone-contact"])
        try await expectIntactAudit(store)
        await store.close()
    }

    @Test(
        "Objection: direct marketing goes unconditionally, legitimate interests stop, contract is not reached",
        arguments: TestBackend.available)
    func objection(backend: TestBackend) async throws {
        let test = try await TestStore.make(backend)
        let store = try await test.openWithRegister()
        let subject = try await store.subjects.add(email: "per@example.se")
        let mail = try await store.records.add(
            subject: subject, activity: "direct-mail", category: "address", value: "Storgatan 1, Malmö")
        let prospect = try await store.records.add(
            subject: subject, activity: "prospects", category: "contact_details", value: "per@example.se")
        let ticket = try await store.records.add(
            subject: subject, activity: "support", category: "case_content", value: "Ärende 12")
        let id = try await store.requests.open(.objection, subject: subject, verifiedHow: "reply from address on file")
        // No grounds can override an objection to direct marketing.
        await #expect {
            try await store.requests.recordGrounds(id, activity: "direct-mail", grounds: "vi vill fortsätta")
        } throws: { "\($0)".contains("Art. 21(3)") }

        let decisions = Dictionary(
            uniqueKeysWithValues: try await store.requests.decisions(for: id).map { ($0.activity, $0) })
        #expect(decisions["direct-mail"]?.action == .erase && decisions["direct-mail"]?.article == "Art. 21(3)")
        #expect(decisions["prospects"]?.action == .stop && decisions["prospects"]?.article == "Art. 21(1)")
        #expect(decisions["support"]?.action == .keep && decisions["support"]?.article == "Art. 21(1)")
        _ = try await Gallra(store: store).carryOut(id, answer: .byHand(channel: "email", party: .user("test")))

        let export = try await store.subjects.export(subject)
        #expect(Set(export.records.map(\.id)) == [prospect, ticket])
        #expect(export.json.description.contains(#""processing": "stopped""#))
        // Stopped means no system gets the data any more; the contract's data is still used.
        #expect(try await store.records.inUse(activity: "prospects").isEmpty)
        #expect(try await store.records.inUse(activity: "support").map(\.record) == [ticket])
        #expect(try await store.records.inUse(activity: "direct-mail").map(\.record).contains(mail) == false)
        try await expectIntactAudit(store)
        await store.close()
    }

    @Test("Objection: compelling grounds recorded for one activity keep it", arguments: TestBackend.available)
    func compellingGrounds(backend: TestBackend) async throws {
        let test = try await TestStore.make(backend)
        let store = try await test.openWithRegister()
        let subject = try await store.subjects.add(email: "per@example.se")
        let prospect = try await store.records.add(
            subject: subject, activity: "prospects", category: "contact_details", value: "per@example.se")
        let id = try await store.requests.open(.objection, subject: subject, verifiedHow: "BankID")
        try await store.requests.recordGrounds(
            id, activity: "prospects", grounds: "Pågående upphandling där Per är kontakt")
        #expect(try await store.requests.grounds(for: id) == ["prospects": "Pågående upphandling där Per är kontakt"])
        let decision = try #require(try await store.requests.decisions(for: id).first)
        #expect(decision.action == .keep && decision.article == "Art. 21(1)")
        _ = try await Gallra(store: store).carryOut(id, answer: .byHand(channel: "email", party: .user("test")))
        #expect(try await store.records.inUse(activity: "prospects").map(\.record) == [prospect])
        #expect(!(try await test.auditText()).contains("upphandling"))
        try await expectIntactAudit(store)
        await store.close()
    }

    @Test(
        "Restriction: kept but unused and not swept until lifted; still given to the person",
        arguments: TestBackend.available)
    func restriction(backend: TestBackend) async throws {
        let test = try await TestStore.make(backend)
        let store = try await test.openWithRegister()
        let subject = try await store.subjects.add(email: "eva@example.se")
        let record = try await store.records.add(
            subject: subject, activity: "prospects", category: "contact_details", value: "eva@example.se",
            collected: Self.at("2023-01-10"))
        let id = try await store.requests.open(.restriction, subject: subject, verifiedHow: "BankID")
        let decisions = try await store.requests.decisions(for: id)
        #expect(decisions.map(\.action) == [.restrict] && decisions[0].article == "Art. 18(1)")
        _ = try await Gallra(store: store).carryOut(id, answer: .byHand(channel: "email", party: .user("test")))

        #expect(try await store.records.inUse(activity: "prospects").isEmpty)
        // collected + 3y expired on 2026-01-10, but restricted data is kept (Art. 18(2)).
        let sweep = try await store.sweep.run(now: Self.at("2026-12-01"))
        #expect(sweep.items.isEmpty && sweep.held == 1)
        let export = try await store.subjects.export(subject)
        #expect(export.records.map(\.id) == [record])
        #expect(export.html(.en).contains("Restricted since"))

        #expect(try await store.requests.liftRestriction(request: id) == 1)
        #expect(try await store.sweep.run(now: Self.at("2026-12-01")).items.map(\.record) == [record])
        try await expectIntactAudit(store)
        await store.close()
    }

    @Test(
        "Portability: only what the person provided on consent or contract, machine-readable",
        arguments: TestBackend.available)
    func portability(backend: TestBackend) async throws {
        let test = try await TestStore.make(backend)
        let store = try await test.openWithRegister()
        let subject = try await store.subjects.add(email: "lisa@example.se")
        _ = try await store.consents.give(
            subject: subject, activity: "photo-consent", wordingVersion: "foto-v1", channel: "paper", at: Date())
        let photo = try await store.records.add(
            subject: subject, activity: "photo-consent", category: "images", value: "lisa.jpg")
        let letter = try await store.records.add(
            subject: subject, activity: "newsletter", category: "email", value: "lisa@example.se")
        _ = try await store.records.add(
            subject: subject, activity: "direct-mail", category: "address", value: "Lillgatan 2")
        _ = try await store.records.add(
            subject: subject, activity: "customer-invoicing", category: "billing", value: "Faktura 9")
        let id = try await store.requests.open(.portability, subject: subject, verifiedHow: "BankID")
        let decisions = Dictionary(
            uniqueKeysWithValues: try await store.requests.decisions(for: id).map { ($0.activity, $0) })
        #expect(decisions["photo-consent"]?.action == .provide && decisions["newsletter"]?.action == .provide)
        #expect(decisions["photo-consent"]?.article == "Art. 20(1)")
        // Legal obligation and legitimate interests are not covered.
        #expect(decisions["customer-invoicing"]?.action == .keep)
        #expect(decisions["direct-mail"]?.action == .keep)
        #expect(decisions["direct-mail"]?.reason[.en].contains("legitimate interests (Art. 6(1)(f))") == true)

        let completion = try await Gallra(store: store).carryOut(
            id, answer: .byHand(channel: "email", party: .user("test")))
        let copy = try #require(completion.export)
        #expect(Set(copy.records.map(\.id)) == [photo, letter])
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(copy.json.description.utf8)) as? [String: Any])
        #expect(json["scope"] as? String == "portability")
        let activities = try #require(json["activities"] as? [[String: Any]])
        #expect(Set(activities.compactMap { $0["id"] as? String }) == ["photo-consent", "newsletter"])
        // Providing a copy changes nothing.
        #expect(try await store.subjects.export(subject).records.count == 4)
        try await expectIntactAudit(store)
        await store.close()
    }

    @Test(
        "Withdrawal of consent: that processing stops, consent.withdrawn starts its retention",
        arguments: TestBackend.available)
    func withdrawal(backend: TestBackend) async throws {
        let test = try await TestStore.make(backend)
        let store = try await test.openWithRegister()
        let subject = try await store.subjects.add(email: "lisa@example.se")
        _ = try await store.consents.give(
            subject: subject, activity: "photo-consent", wordingVersion: "foto-v1", channel: "paper",
            at: Self.at("2025-01-01"))
        let photo = try await store.records.add(
            subject: subject, activity: "photo-consent", category: "images", value: "lisa.jpg",
            collected: Self.at("2025-01-02"))
        let letter = try await store.records.add(
            subject: subject, activity: "newsletter", category: "email", value: "lisa@example.se")
        #expect(try await store.records.inUse(activity: "photo-consent").map(\.record) == [photo])

        let id = try await store.requests.open(.withdrawConsent, subject: subject, channel: "web", verifiedHow: "login")
        let decisions = Dictionary(
            uniqueKeysWithValues: try await store.requests.decisions(for: id).map { ($0.activity, $0) })
        #expect(decisions["photo-consent"]?.action == .stop && decisions["photo-consent"]?.article == "Art. 7(3)")
        #expect(decisions["newsletter"]?.action == .keep)
        let completion = try await Gallra(store: store).carryOut(
            id, answer: .byHand(channel: "email", party: .user("test")))
        let withdrawn = try #require(completion.request.completedAt)

        let consents = try await store.consents.list(subject: subject)
        #expect(consents.count == 1 && consents[0].withdrawn != nil)
        #expect(try await store.records.inUse(activity: "photo-consent").isEmpty)
        // min(campaign.end, consent.withdrawn): the photo expires at the withdrawal.
        let export = try await store.subjects.export(subject)
        let expiry = try #require(export.records.first { $0.id == photo }?.expires)
        #expect(abs(expiry.timeIntervalSince(withdrawn)) < 1)
        #expect(export.events.contains { $0.name == "consent.withdrawn" && $0.activity == "photo-consent" })
        let sweep = try await store.sweep.run(now: withdrawn.addingTimeInterval(1))
        #expect(sweep.items.map(\.record) == [photo])
        #expect(try await store.subjects.export(subject).records.map(\.id) == [letter])
        try await expectIntactAudit(store)
        await store.close()
    }

    @Test(
        "Rectification: the value is corrected, the old one not kept, the change audited",
        arguments: TestBackend.available)
    func rectification(backend: TestBackend) async throws {
        let test = try await TestStore.make(backend)
        let store = try await test.openWithRegister()
        let subject = try await store.subjects.add(email: "olle@example.se")
        let record = try await store.records.add(
            subject: subject, activity: "customer-purchases", category: "address", value: "Fel gata 1")
        let id = try await store.requests.open(.rectification, subject: subject, verifiedHow: "BankID")
        await #expect { try await store.requests.addCorrection(id, record: "no-such-record", value: "x") } throws: {
            "\($0)".contains("no record")
        }
        try await store.requests.addCorrection(id, record: record, value: "Rätt gata 2")
        let decision = try #require(try await store.requests.decisions(for: id).first)
        #expect(decision.article == "Art. 16" && decision.reason[.en].hasPrefix("1 value corrected"))
        // Until completion the record is unchanged.
        #expect(try await store.subjects.export(subject).records[0].value == "Fel gata 1")
        _ = try await Gallra(store: store).carryOut(id, answer: .byHand(channel: "email", party: .user("test")))
        #expect(try await store.subjects.export(subject).records[0].value == "Rätt gata 2")
        let audit = try await test.auditText()
        #expect(
            audit.contains("record.rectify \(subject) customer-purchases record \(record) corrected, request \(id)"))
        for secret in ["Fel gata", "Rätt gata"] { #expect(!audit.contains(secret)) }
        try await expectIntactAudit(store)
        await store.close()
    }

    @Test(
        "Deadlines: an extension needs its reason within the first month; overdue requests are listed",
        arguments: TestBackend.available)
    func deadlines(backend: TestBackend) async throws {
        let test = try await TestStore.make(backend)
        let store = try await test.openWithRegister()
        _ = try await store.subjects.add(email: "a@example.se")
        let id = try await store.requests.open(.access, subject: "a@example.se", received: Self.day("2026-01-30"))
        // 2026-01-30 + one month: 28 February does not exist → 2026-02-28 (a Saturday) → Monday 2 March.
        #expect(try await store.requests.request(id).deadline == Self.day("2026-03-02"))
        await #expect { _ = try await store.requests.extend(id, reason: "  ", on: Self.day("2026-02-10")) } throws: {
            "\($0)".contains("needs its reason")
        }
        await #expect {
            _ = try await store.requests.extend(id, reason: "Many systems to search", on: Self.day("2026-03-03"))
        } throws: { "\($0)".contains("within one month") }
        #expect(
            try await store.requests.extend(id, reason: "Many systems to search", on: Self.day("2026-03-02"))
                == Self.day("2026-04-30"))
        let extended = try await store.requests.request(id)
        #expect(extended.status == .extended && extended.extensionReason == "Many systems to search")
        await #expect { _ = try await store.requests.extend(id, reason: "again", on: Self.day("2026-03-02")) } throws: {
            "\($0)".contains("already extended")
        }

        let late = try await store.requests.open(.erasure, subject: "a@example.se", received: Self.day("2026-05-04"))
        let fresh = try await store.requests.open(.erasure, subject: "a@example.se", received: Self.day("2026-06-20"))
        // On 2026-06-10: the extended one (due 2026-04-30) and the May one (due 2026-06-04) are overdue.
        let overdue = try await store.requests.pending(overdueOn: Self.day("2026-06-10")).map(\.id)
        #expect(overdue == [id, late])
        #expect(try await store.requests.pending().map(\.id) == [id, late, fresh])
        try await expectIntactAudit(store)
        await store.close()
    }

    @Test(
        "A completed request is kept under the rule of the activity that keeps requests",
        arguments: TestBackend.available)
    func requestRetention(backend: TestBackend) async throws {
        let test = try await TestStore.make(backend)
        let store = try await test.openWithRegister()
        let subject = try await store.subjects.add(email: "b@example.se")
        _ = try await store.records.add(
            subject: subject, activity: "prospects", category: "contact_details", value: "b")
        let id = try await store.requests.open(
            .erasure, subject: subject, received: Self.day("2026-02-02"), verifiedHow: "BankID")
        let completion = try await Gallra(store: store).carryOut(
            id, answer: .byHand(channel: "email", party: .user("test")))
        #expect(completion.subjectErased)
        // The subject is gone, the request stays (rights-requests: collected + 10y).
        #expect(try await store.requests.request(id).status == .completed)
        #expect(try await store.sweep.run(now: Self.at("2036-02-01")).requestsErased == 0)
        #expect(try await store.sweep.run(now: Self.at("2036-02-02")).requestsErased == 1)
        await #expect { _ = try await store.requests.request(id) } throws: { "\($0)".contains("No request") }
        try await expectIntactAudit(store)
        await store.close()
    }
}
