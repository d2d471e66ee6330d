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
