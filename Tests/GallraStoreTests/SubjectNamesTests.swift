import Foundation
import GallraCore
import GallraTestSupport
import Testing

@testable import GallraStore

/// People found by name (names are sealed per person: the search opens them within a bound), and
/// a hold read back by id with its reason and release.
@Suite("Names and holds read back", .serialized, .acting())
struct SubjectNamesTests {
    @Test(
        "A name search finds every word, case and accents aside, and says when it stopped at its bound",
        arguments: TestBackend.available)
    func named(backend: TestBackend) async throws {
        let test = try await TestStore.make(backend)
        let store = try await test.openWithRegister()
        let anna = try await store.subjects.add(email: "anna@example.se", name: "Anna Åkesson")
        let bo = try await store.subjects.add(email: "bo@example.se", name: "Bo Berg")
        _ = try await store.subjects.add(email: "nameless@example.se")
        let found = try await store.subjects.named("akesson anna")
        #expect(found.found.map(\.subject) == [anna] && found.found.first?.name == "Anna Åkesson")
        #expect(found.complete && found.compared == 2, "the two named people, and no more")
        let bounded = try await store.subjects.named("Berg", bound: 1)
        #expect(!bounded.complete && bounded.compared == 1)
        #expect(try await store.subjects.names(of: [anna, bo]) == [anna: "Anna Åkesson", bo: "Bo Berg"])

        let hold = try await store.holds.add(subject: anna, activity: nil, reason: "Tvist", until: nil)
        #expect(try await store.holds.hold(hold).released == nil)
        try await store.holds.release(hold)
        let released = try await store.holds.hold(hold)
        #expect(released.released != nil && released.reason == "Tvist" && released.subject == anna)
        await store.close()
    }
}
