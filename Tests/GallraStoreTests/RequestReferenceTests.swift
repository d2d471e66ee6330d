import Foundation
import GallraCore
import GallraTestSupport
import Testing

@testable import GallraStore

/// The short reference people quote (`2026-0042`): the year received and a number in that year,
/// given when the request is opened, never twice, also when requests are opened at once.
@Suite("Request references", .acting())
struct RequestReferenceTests {
    @Test("Each year counts from 0001; a reference finds its request", arguments: TestBackend.available)
    func numberedPerYear(backend: TestBackend) async throws {
        let test = try await TestStore.make(backend)
        let store = try await test.openWithRegister()
        let anna = try await store.subjects.add(email: "anna@example.se")
        let today = try await store.versions.calendar().localDate(of: Date())
        let lastYear = try #require(CivilDate(year: today.year - 1, month: 12, day: 30))
        var references: [String] = []
        for received in [today, lastYear, today, today] {
            let id = try await store.requests.open(.access, subject: anna, received: received)
            references.append(try #require(try await store.requests.request(id).reference))
        }
        #expect(
            references == [
                "\(today.year)-0001", "\(today.year - 1)-0001", "\(today.year)-0002", "\(today.year)-0003",
            ])
        let found = try await store.requests.request(reference: try #require(RequestReference("\(today.year)-2")))
        #expect(found?.reference == "\(today.year)-0002", "typed without the zeros, it is found")
        #expect(try await store.requests.request(reference: RequestReference(year: today.year, number: 9)) == nil)
        let audit = try await test.auditText()
        #expect(audit.contains("reference \(today.year)-0003"), "the audit entry of the opening names it")
        await store.close()
    }

    @Test("Requests opened at the same moment get different numbers, none skipped", arguments: TestBackend.available)
    func concurrentOpenings(backend: TestBackend) async throws {
        let test = try await TestStore.make(backend)
        let store = try await test.openWithRegister()
        let anna = try await store.subjects.add(email: "anna@example.se")
        let count = 16
        let ids = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<count {
                group.addTask {
                    try await Acting.as(.user("test")) { try await store.requests.open(.objection, subject: anna) }
                }
            }
            return try await group.reduce(into: [String]()) { $0.append($1) }
        }
        var numbers: [Int] = []
        for id in ids {
            numbers.append(
                try #require(try await store.requests.request(id).reference.flatMap(RequestReference.init)).number)
        }
        #expect(numbers.sorted() == Array(1...count))
        await store.close()
    }

    @Test(
        "A store written before numbers its requests in the order they were opened, and goes on from there",
        arguments: TestBackend.available)
    func migrationNumbersOldRequests(backend: TestBackend) async throws {
        let test = try await TestStore.make(backend)
        let store = try await test.openWithRegister()
        let anna = try await store.subjects.add(email: "anna@example.se")
        let today = try await store.versions.calendar().localDate(of: Date())
        let lastYear = try #require(CivilDate(year: today.year - 1, month: 6, day: 1))
        var ids: [String] = []
        for received in [today, lastYear, today, lastYear, today] {
            ids.append(try await store.requests.open(.access, subject: anna, received: received))
        }
        await store.close()
        try await test.raw(
            """
            DROP INDEX requests_reference; DROP INDEX audit_log_subject; ALTER TABLE requests DROP COLUMN reference;
            ALTER TABLE outbox DROP COLUMN request_id; ALTER TABLE outbox DROP COLUMN subject_id;
            DROP TABLE request_sequences; DELETE FROM gallra_schema WHERE version = \(Migrations.requestReferences.version)
            """)
        let reopened = try await test.open()
        var references: [String] = []
        for id in ids { references.append(try #require(try await reopened.requests.request(id).reference)) }
        let (this, last) = (today.year, today.year - 1)
        #expect(references == ["\(this)-0001", "\(last)-0001", "\(this)-0002", "\(last)-0002", "\(this)-0003"])
        let next = try await reopened.requests.open(.erasure, subject: anna, received: today)
        #expect(try await reopened.requests.request(next).reference == "\(this)-0004", "the year's count goes on")
        await reopened.close()
    }

    @Test("A reference is read as typed, and refused when it is something else")
    func parsing() {
        #expect(RequestReference("2026-0042")?.description == "2026-0042")
        #expect(RequestReference(" 2026-42 ")?.description == "2026-0042")
        #expect(RequestReference("2026-12345")?.description == "2026-12345")
        for text in ["2026", "26-0042", "2026-", "2026-00x2", "811218-9876", "19811218-9876", "2026-0000", "a@b.se"] {
            #expect(RequestReference(text) == nil, "\(text)")
        }
    }
}
