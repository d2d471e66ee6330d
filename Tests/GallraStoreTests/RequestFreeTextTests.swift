import Foundation
import GallraCore
import GallraTestSupport
import SQLKit
import Testing

@testable import GallraStore

/// What a request says in free text is the person's data: never in clear in the database.
@Suite("A request's free text is sealed", .acting(as: .user("dpo")))
struct RequestFreeTextTests {
    static let verification = "Körkort 1234, 19811218-9876"
    static let reason = "Anna Andersson har begärt allt sedan 2019"

    /// Every text column of every row of `requests`, as someone reading the database sees it.
    static func clearText(_ test: TestStore) async throws -> String {
        let rows = try await test.rows("SELECT * FROM requests")
        return try rows.flatMap { row in
            try row.allColumns.compactMap { column in
                (try? row.decode(column: column, as: String?.self)) ?? nil
            }
        }.joined(separator: "\n")
    }

    @Test(
        "How the identity was verified and why the deadline moved: sealed, and read back",
        arguments: TestBackend.available)
    func sealed(backend: TestBackend) async throws {
        let test = try await TestStore.make(backend)
        let store = try await test.openWithRegister()
        let anna = try await store.subjects.add(email: "anna@example.se")
        let id = try await store.requests.open(.access, subject: anna, verifiedHow: Self.verification)
        _ = try await store.requests.extend(id, reason: Self.reason)
        let text = try await Self.clearText(test)
        // The texts' own words, not digits a random id may hold too.
        #expect(
            !text.contains("Körkort 1234") && !text.contains("19811218-9876") && !text.contains("Andersson"), "\(text)")
        let read = try await store.requests.request(id)
        #expect(read.verifiedHow == Self.verification)
        #expect(read.extensionReason == Self.reason)
        #expect(try await store.requests.pending().first { $0.id == id }?.extensionReason == Self.reason)
        await store.close()
    }

    @Test("Text an earlier version kept in clear is sealed when the store opens", arguments: TestBackend.available)
    func legacy(backend: TestBackend) async throws {
        let test = try await TestStore.make(backend)
        var store = try await test.openWithRegister()
        let anna = try await store.subjects.add(email: "anna@example.se")
        let id = try await store.requests.open(.access, subject: anna)
        await store.close()
        try await test.raw(
            "UPDATE requests SET verified_how = '\(Self.verification)', extension_reason = '\(Self.reason)' WHERE id = '\(id)'"
        )
        store = try await test.open()
        let text = try await Self.clearText(test)
        #expect(!text.contains("Körkort 1234") && !text.contains("Andersson"), "\(text)")
        let read = try await store.requests.request(id)
        #expect(read.verifiedHow == Self.verification && read.extensionReason == Self.reason)
        await store.close()
    }
}
