import GallraCore
import GallraStore

/// Gallra's use cases, the one place each is written: the command line, the HTTP API, the admin
/// UI, the public pages and the scheduled sweep call them, and only parse, call and print. Each
/// takes the party that acts, whose name goes on every audit entry it writes; each that writes
/// does so in one transaction, so that a retry after a failure never finds half of it done.
public struct Gallra: Sendable {
    let store: Store

    public init(store: Store) {
        self.store = store
    }

    /// Runs a use case of several writes: on behalf of `party`, once its role grants `permission`,
    /// in one transaction.
    func writing<T: Sendable>(by party: Party, needs permission: Permission, _ body: @Sendable () async throws -> T)
        async throws -> T
    {
        try party.access.require(permission)
        return try await store.transaction(by: party) { try await body() }
    }

    /// Runs a use case whose store call is one transaction of its own (or reads, auditing what it
    /// reads): on behalf of `party`, once its role grants `permission`. Reads stay outside a
    /// transaction, on a connection of their own, so that they do not wait for a sweep batch.
    func acting<T: Sendable>(by party: Party, needs permission: Permission, _ body: @Sendable () async throws -> T)
        async throws -> T
    {
        try party.access.require(permission)
        return try await store.work(by: party) { try await body() }
    }

    /// The controller's calendar, for reading and printing instants.
    public func calendar() async throws -> ZonedCalendar {
        try await store.versions.calendar()
    }
}
