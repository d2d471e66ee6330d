import Foundation
import GallraConnectors
import GallraCore
import GallraDatabase
import SQLKit

/// A signed-in user's session, as stored: by the SHA-256 of its cookie, never the cookie itself.
public struct StoredSession: Sendable {
    public let user: StoredUser
    /// The session's anti-forgery token, sent back with every form.
    public let csrf: String
    public let expires: Date
}

/// The admin UI's sessions, in the database so that two servers behind a proxy share them.
public struct Sessions: StoreRegister {
    let store: Store

    /// Starts a session for a user.
    public func start(digest: String, user: String, csrf: String, expires: Date) async throws {
        let now = Clock.nowMillis()
        try await data.transaction { sql in
            try await sql.raw(
                """
                INSERT INTO sessions (digest, user_id, csrf, created_at, expires_at, last_seen_at)
                VALUES (\(bind: digest), \(bind: user), \(bind: csrf), \(bind: now), \(bind: expires.millis), \(bind: now))
                """
            ).run()
            // Sessions long expired go as new ones start.
            try await sql.raw("DELETE FROM sessions WHERE expires_at < \(bind: now)").run()
        }
    }

    /// The session in force with this digest, and its user, if any; its idle expiry moves on to
    /// `extendingTo` (never past `absoluteLimit` after it started).
    public func session(digest: String, extendingTo idle: Date, absoluteLimit: TimeInterval) async throws
        -> StoredSession?
    {
        let now = Clock.nowMillis()
        guard
            let row = try await data.read.raw(
                """
                SELECT user_id, csrf, created_at, expires_at FROM sessions
                WHERE digest = \(bind: digest) AND expires_at > \(bind: now)
                """
            ).first()
        else { return nil }
        let created = try row.decode(column: "created_at", as: Int64.self)
        let limit = created + Int64(absoluteLimit * 1000)
        guard now < limit,
            let user = try await store.users.user(id: try row.decode(column: "user_id", as: String.self)),
            !user.disabled
        else { return nil }
        let expires = min(idle.millis, limit)
        if expires - (try row.decode(column: "expires_at", as: Int64.self)) > 60_000 {
            try await data.transaction { sql in
                try await sql.raw(
                    """
                    UPDATE sessions SET expires_at = \(bind: expires), last_seen_at = \(bind: now)
                    WHERE digest = \(bind: digest)
                    """
                ).run()
            }
        }
        return StoredSession(
            user: user, csrf: try row.decode(column: "csrf", as: String.self), expires: Date(millis: expires))
    }

    /// Ends a session (signing out).
    public func end(digest: String) async throws {
        try await data.transaction { sql in
            try await sql.raw("DELETE FROM sessions WHERE digest = \(bind: digest)").run()
        }
    }
}
