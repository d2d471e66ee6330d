import Foundation
import GallraCore
import GallraTestSupport
import Testing

@testable import GallraStore

/// The person's copy (Art. 15) says what is true of a record whose retention already ended.
@Suite("The access copy's dates", .serialized, .acting())
struct AccessCopyTests {
    @Test("A record past its retention is due for the next sweep, not \"kept until\" a day already passed")
    func passedDate() async throws {
        let test = try await TestStore.make(.sqlite)
        let store = try await test.openWithRegister()
        let anna = try await store.subjects.add(email: "anna@example.se")
        // Product demos are kept 60 days from collection: this one ended months ago.
        let collected = Date().addingTimeInterval(-200 * 86_400)
        _ = try await store.records.add(
            subject: anna, activity: "product-demo", category: "contact_details", value: "anna@example.se",
            collected: collected)
        let copy = try await store.subjects.export(anna)
        let expires = try #require(copy.records.first?.expires)
        #expect(expires < Date(), "the record's retention ended before the copy was prepared")
        let ended = copy.calendar.localDate(of: expires)
        let swedish = copy.markdown(.sv)
        #expect(swedish.contains("Lagringstiden gick ut \(ended); uppgiften raderas vid nästa gallring"))
        #expect(!swedish.contains("| \(ended) |"), "the passed day is not shown as a day it is kept until")
        #expect(copy.markdown(.en).contains("Its retention ended on \(ended); it is erased at the next sweep"))
        await store.close()
    }
}
