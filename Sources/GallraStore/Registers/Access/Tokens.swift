import Foundation
import GallraConnectors
import GallraCore
import GallraDatabase
import SQLKit

/// A program's API token, as stored: its name and role; the secret only as its SHA-256.
public struct StoredToken: Sendable {
    public let name: String
    public let access: Access
    /// When it was created, and revoked (nil while in force).
    public var created: Date = Date(timeIntervalSince1970: 0)
    public var revoked: Date?
}

/// The programs that call the API, each with a named token.
public struct Tokens: StoreRegister {
    let store: Store

    /// Stores a new token by the digest of its secret.
    public func add(name: String, digest: String, access: Access) async throws {
        if try await data.read.raw("SELECT name FROM api_tokens WHERE name = \(bind: name)").first() != nil {
            throw GallraError.conflict("A token named \"\(name)\" exists already; revoke it or choose another name.")
        }
        try await data.transaction { sql in
            try await sql.raw(
                """
                INSERT INTO api_tokens (name, digest, role, activities, created_at)
                VALUES (\(bind: name), \(bind: digest), \(bind: access.role.rawValue),
                        \(bind: access.activities.sorted().joined(separator: ",")), \(bind: Clock.nowMillis()))
                """
            ).run()
            try await audit(
                [
                    AuditEvent(
                        "token.create", detail: "token \(name) with the role \(access.role.rawValue)\(access.scopeText)"
                    )
                ],
                on: sql)
        }
    }

    /// Revokes a token: its calls are refused from now on.
    public func revoke(name: String) async throws {
        try await data.transaction { sql in
            let live = try await sql.raw(
                "SELECT name FROM api_tokens WHERE name = \(bind: name) AND revoked_at IS NULL"
            ).first()
            guard live != nil else { throw GallraError.notFound("No token in force is named \"\(name)\".") }
            try await sql.raw(
                "UPDATE api_tokens SET revoked_at = \(bind: Clock.nowMillis()) WHERE name = \(bind: name)"
            ).run()
            try await audit([AuditEvent("token.revoke", detail: "token \(name)")], on: sql)
        }
    }

    /// Every token, in force or revoked, by name.
    public func list() async throws -> [StoredToken] {
        try await data.read.raw("SELECT name, role, activities, created_at, revoked_at FROM api_tokens ORDER BY name")
            .all().map { row in
                StoredToken(
                    name: try row.decode(column: "name", as: String.self),
                    access: try Access(
                        storedRole: row.decode(column: "role", as: String.self),
                        activities: row.decode(column: "activities", as: String.self)),
                    created: Date(millis: try row.decode(column: "created_at", as: Int64.self)),
                    revoked: try row.decode(column: "revoked_at", as: Int64?.self).map(Date.init(millis:)))
            }
    }

    /// The token in force whose secret has this digest, if any.
    public func token(digest: String) async throws -> StoredToken? {
        guard
            let row = try await data.read.raw(
                "SELECT name, role, activities FROM api_tokens WHERE digest = \(bind: digest) AND revoked_at IS NULL"
            ).first()
        else { return nil }
        return StoredToken(
            name: try row.decode(column: "name", as: String.self),
            access: try Access(
                storedRole: row.decode(column: "role", as: String.self),
                activities: row.decode(column: "activities", as: String.self)))
    }
}
