import Foundation
import GallraConnectors
import GallraCore
import GallraDatabase
import SQLKit

extension Store {
    /// Work that one server at a time does, by a lease in the database.
    public var leases: Leases { Leases(store: self) }
}

/// A lease on a named piece of work: taken by one server until it runs out, renewed by its
/// holder, and free for another once it has run out (its holder died or stopped renewing).
public struct Leases: StoreRegister {
    let store: Store

    /// Takes or renews the lease `name` until `until`; false while another server holds it.
    /// One statement: two servers asking at once cannot both get it.
    public func take(_ name: String, until: Date, now: Date = Date()) async throws -> Bool {
        let me = store.lockOwner
        return try await data.transaction { sql in
            try await sql.raw(
                """
                INSERT INTO leases (name, owner, expires_at) VALUES (\(bind: name), \(bind: me), \(bind: until.millis))
                ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
                WHERE leases.expires_at <= \(bind: now.millis) OR leases.owner = \(bind: me)
                RETURNING owner
                """
            ).first() != nil
        }
    }

    /// Holds the lease `name` until `until`, whoever held it: a job done records so that the
    /// others see it done until then.
    public func hold(_ name: String, until: Date) async throws {
        let me = store.lockOwner
        try await data.transaction { sql in
            try await sql.raw(
                """
                INSERT INTO leases (name, owner, expires_at) VALUES (\(bind: name), \(bind: me), \(bind: until.millis))
                ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
                """
            ).run()
        }
    }

    /// When the lease `name` runs out, and whether this store holds it; nil when nobody does.
    public func held(_ name: String, now: Date = Date()) async throws -> (until: Date, byMe: Bool)? {
        guard
            let row = try await data.read.raw(
                "SELECT owner, expires_at FROM leases WHERE name = \(bind: name) AND expires_at > \(bind: now.millis)"
            ).first()
        else { return nil }
        return (
            Date(millis: try row.decode(column: "expires_at", as: Int64.self)),
            try row.decode(column: "owner", as: String.self) == store.lockOwner
        )
    }

    /// Gives the lease up, if this store holds it.
    public func release(_ name: String) async throws {
        try await data.transaction { sql in
            try await sql.raw(
                "DELETE FROM leases WHERE name = \(bind: name) AND owner = \(bind: store.lockOwner)"
            ).run()
        }
    }
}
