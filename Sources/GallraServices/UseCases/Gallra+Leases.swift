import Foundation
import GallraCore
import GallraStore

/// Work that one server at a time does (the daily sweep, the audit checkpoints), when several
/// serve one database: a lease in the database, so that a server that dies leaves the work to
/// another once its lease runs out.
extension Gallra {
    /// Takes or renews the lease `name` until `until`; false while another server holds it.
    public func takeLease(_ name: String, until: Date) async throws -> Bool {
        try await store.leases.take(name, until: until)
    }

    /// Holds the lease `name` until `until`, whoever held it (a job done, recorded as such).
    public func holdLease(_ name: String, until: Date) async throws {
        try await store.leases.hold(name, until: until)
    }

    /// When the lease `name` runs out, and whether this server holds it; nil when nobody does.
    public func lease(_ name: String) async throws -> (until: Date, byMe: Bool)? {
        try await store.leases.held(name)
    }

    /// Gives up the lease `name`, if this server holds it.
    public func releaseLease(_ name: String) async throws {
        try await store.leases.release(name)
    }
}
