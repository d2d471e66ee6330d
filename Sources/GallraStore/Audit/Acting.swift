import GallraCore

/// The party on whose behalf the current task writes: bound by the use case (`Gallra` in
/// GallraServices, or `StoreOptions` for a command) for its work, read by the audit log for every entry it appends. Nothing is written
/// without one: an entry that names nobody is refused, so no write can go unattributed.
public enum Acting {
    @TaskLocal public static var party: Party?

    /// Runs `body` on behalf of `party`.
    nonisolated(nonsending) public static func `as`<T>(_ party: Party, _ body: () async throws -> T)
        async throws -> T
    {
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
