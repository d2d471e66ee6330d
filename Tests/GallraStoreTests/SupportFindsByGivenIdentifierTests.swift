import Foundation
import GallraCore
import GallraTestSupport
import Testing

@testable import GallraServices
@testable import GallraStore

/// A party limited to some activities finds a person only by an identifier given under one of
/// them: knowing Karin by her e-mail address in support does not let it find her, or learn that
/// she is the same person, by the personnummer the shop holds.
@Suite("Support finds people only by what was given under its activities")
struct SupportFindsByGivenIdentifierTests {
    static let officer = Party.user("per.privacy")
    static let support = Party.user("sara.support", access: Access(role: .support, activities: ["support"]))
    static let day = Date(timeIntervalSince1970: 1_740_000_000)

    /// Karin, known to the shop with her e-mail, phone and personnummer; support knows her by
    /// her e-mail address, from a case it wrote down itself.
    static func open(_ test: TestStore) async throws -> (Gallra, karin: String) {
        let store = try await test.openWithRegister(by: officer)
        let gallra = Gallra(store: store)
        let karin = try await gallra.addSubject(
            NewSubject(email: "karin@example.se", phone: "070-123 45 67", personalNumber: "19811218-9876"),
            by: officer)
        _ = try await gallra.addRecord(
            NewRecord(
                subject: karin, activity: "customer-purchases", category: "billing", value: "Faktura 17",
                collected: day), by: officer)
        _ = try await gallra.addRecord(
            NewRecord(
                subject: "karin@example.se", activity: "support", category: "case_content", value: "Ärende 4",
                collected: day), by: support)
        return (gallra, karin)
    }

    /// The refusal support gets for a reference, or nil when it was let through.
    static func refusal(_ body: () async throws -> Void) async throws -> String? {
        do {
            try await body()
            return nil
        } catch GallraError.forbidden(let message) {
            return message.english
        }
    }

    @Test(
        "By the identifier given in support it finds her; by those given to the shop, only what a stranger gets",
        arguments: TestBackend.available)
    func onlyGivenIdentifiers(backend: TestBackend) async throws {
        let (gallra, karin) = try await Self.open(try await TestStore.make(backend))
        let export = try await gallra.exportSubject("karin@example.se", by: Self.support)
        #expect(export.records.map(\.value) == ["Ärende 4"])
        let stranger = try await Self.refusal { _ = try await gallra.exportSubject("19900101-0017", by: Self.support) }
        #expect(stranger != nil)
        for reference in ["19811218-9876", "198112189876", "070-123 45 67", "+46701234567"] {
            let answers = [
                try await Self.refusal { _ = try await gallra.exportSubject(reference, by: Self.support) },
                try await Self.refusal { _ = try await gallra.consents(subject: reference, by: Self.support) },
                try await Self.refusal {
                    try await gallra.addEvents(
                        subject: reference, scope: .activity("support"), events: [(.contractEnd, Self.day)],
                        by: Self.support)
                },
            ]
            #expect(answers == [stranger, stranger, stranger], "\(reference) was given to the shop, not to support")
        }
        // By her id, which support has seen, it reaches her as it did.
        #expect(try await gallra.exportSubject(karin, by: Self.support).records.map(\.value) == ["Ärende 4"])
        await gallra.store.close()
    }

    @Test("A write naming her by another identifier gives support only that one", arguments: TestBackend.available)
    func aWriteGivesOnlyWhatItNames(backend: TestBackend) async throws {
        let (gallra, _) = try await Self.open(try await TestStore.make(backend))
        // Support is told her phone number and writes it down: now it finds her by it, and still
        // not by her personnummer.
        _ = try await gallra.addRecord(
            NewRecord(
                subject: "0701234567", activity: "support", category: "case_content", value: "Ärende 5",
                collected: Self.day), by: Self.support)
        let byPhone = try await gallra.exportSubject("070-123 45 67", by: Self.support)
        #expect(Set(byPhone.records.map(\.value)) == ["Ärende 4", "Ärende 5"])
        #expect(try await Self.refusal { _ = try await gallra.exportSubject("19811218-9876", by: Self.support) } != nil)
        // The officer, who knows her whole, files a record under support: that says support holds
        // her, by every identifier.
        _ = try await gallra.addRecord(
            NewRecord(
                subject: "19811218-9876", activity: "support", category: "case_content", value: "Ärende 6",
                collected: Self.day), by: Self.officer)
        #expect(try await gallra.exportSubject("19811218-9876", by: Self.support).records.count == 3)
        await gallra.store.close()
    }

    @Test(
        "Support adds nobody without a record: the same refusal for a known and an unknown person, and nothing written",
        arguments: TestBackend.available)
    func noBareSubjects(backend: TestBackend) async throws {
        let test = try await TestStore.make(backend)
        let (gallra, karin) = try await Self.open(test)
        let count = { try await test.rows("SELECT COUNT(*) AS n FROM subjects")[0].decode(column: "n", as: Int.self) }
        let before = try await count()
        let known = try await Self.refusal {
            _ = try await gallra.addSubject(NewSubject(email: "karin@example.se"), by: Self.support)
        }
        let unknown = try await Self.refusal {
            _ = try await gallra.addSubject(NewSubject(email: "ny@example.se"), by: Self.support)
        }
        #expect(known != nil && known == unknown)
        #expect(try await count() == before)
        // A person's id says nothing of when they were registered: support, which sees Karin's,
        // cannot read from it that the shop knew her first (a UUID version 7 carries its time).
        let version = karin[karin.index(karin.startIndex, offsetBy: 14)]
        #expect(version == "4", "\(karin)")
        await gallra.store.close()
    }

    @Test(
        "A store written before keeps its reach: each identifier under every activity its person is in",
        arguments: TestBackend.available)
    func migrationKeepsTheOldReach(backend: TestBackend) async throws {
        let test = try await TestStore.make(backend)
        let (gallra, _) = try await Self.open(test)
        // Bo is known to the shop only.
        let bo = try await gallra.addSubject(NewSubject(email: "bo@example.se"), by: Self.officer)
        _ = try await gallra.addRecord(
            NewRecord(
                subject: bo, activity: "customer-purchases", category: "billing", value: "Faktura 18",
                collected: Self.day), by: Self.officer)
        await gallra.store.close()
        try await test.raw("DROP TABLE identifier_activities")
        try await test.raw("DELETE FROM gallra_schema WHERE version = \(Migrations.identifierActivities.version)")
        let reopened = Gallra(store: try await Acting.as(Self.officer) { try await test.open() })
        // Before, support found people by any identifier of theirs: the migration keeps that for
        // what was there, rather than lose support's way to the people it serves.
        #expect(
            try await reopened.exportSubject("19811218-9876", by: Self.support).records.map(\.value) == ["Ärende 4"])
        // A person support never served stays out of its reach, with a stranger's answer.
        let boRefused = try await Self.refusal {
            _ = try await reopened.exportSubject("bo@example.se", by: Self.support)
        }
        let strangerRefused = try await Self.refusal {
            _ = try await reopened.exportSubject("okand@example.se", by: Self.support)
        }
        #expect(boRefused != nil && boRefused == strangerRefused)
        #expect(
            try await reopened.exportSubject("bo@example.se", by: Self.officer).records.map(\.value) == ["Faktura 18"])
        await reopened.store.close()
    }
}
