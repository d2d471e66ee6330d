import GallraConnectors
import GallraCore
import GallraDatabase

/// The party on whose behalf the current task works, inside the store only: bound by a unit of
/// work (`Store.work(by:)`, `Store.transaction(by:)`), read by the audit log for every entry it
/// appends. Nothing is written without one: an entry that names nobody is refused, so no write
/// goes unattributed. Outside the store there is no way to bind it but a unit of work.
enum Acting {
    @TaskLocal static var party: Party?

    /// Runs `body` on behalf of `party`.
    nonisolated(nonsending) static func `as`<T>(_ party: Party, _ body: () async throws -> T) async throws -> T {
        try await $party.withValue(party) { try await body() }
    }

    /// The bound party, or the refusal that no write goes unattributed.
    static func required() throws -> Party {
        guard let party else {
            throw GallraError.forbidden(
                "Nothing is written without an acting party (a user, a token, a subject or the system).")
        }
        return party
    }
}

extension Store {
    /// Runs `body` on behalf of `party` without a store at hand: for the store's own test suites,
    /// which act as a party per test (the edges do not depend on the store and cannot reach it).
    package nonisolated(nonsending) static func acting<T>(as party: Party, _ body: () async throws -> T)
        async throws -> T
    {
        try await Acting.as(party) { try await body() }
    }
}
