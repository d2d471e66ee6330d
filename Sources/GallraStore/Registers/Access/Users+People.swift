import Foundation
import GallraConnectors
import GallraCore
import GallraDatabase
import SQLKit

/// Changing the people who sign in: their role, whether they may sign in, their password, their
/// sessions, their second factor and recovery codes, and invitations. Each change is one
/// transaction with its audit entry, which names the user by id, never by address, password or code.
extension Users {
    /// Every user, by login.
    public func list() async throws -> [StoredUser] {
        try await data.read.raw("SELECT * FROM users ORDER BY email").all().map(Self.user)
    }

    /// How many admins may sign in: the last one is never demoted or disabled.
    public func enabledAdmins() async throws -> Int {
        try await data.read.raw(
            "SELECT COUNT(*) AS n FROM users WHERE role = 'admin' AND disabled_at IS NULL"
        ).first()?.decode(column: "n", as: Int.self) ?? 0
    }

    /// Gives a user another role (and, for support, activities); returns the user as changed.
    public func setAccess(user id: String, access: Access) async throws -> StoredUser {
        try await change(
            user: id, "user.role", "user \(id) now has the role \(access.role.rawValue)\(access.scopeText)"
        ) {
            sql in
            try await sql.raw(
                """
                UPDATE users SET role = \(bind: access.role.rawValue),
                    activities = \(bind: access.activities.sorted().joined(separator: ","))
                WHERE id = \(bind: id)
                """
            ).run()
        }
    }

    /// Disables or enables a user; disabling ends their sessions at once.
    public func setDisabled(user id: String, _ disabled: Bool) async throws -> StoredUser {
        try await change(user: id, disabled ? "user.disable" : "user.enable", "user \(id)") { sql in
            if disabled {
                try await sql.raw(
                    "UPDATE users SET disabled_at = \(bind: Clock.nowMillis()) WHERE id = \(bind: id) AND disabled_at IS NULL"
                ).run()
                try await sql.raw("DELETE FROM sessions WHERE user_id = \(bind: id)").run()
            } else {
                try await sql.raw("UPDATE users SET disabled_at = NULL WHERE id = \(bind: id)").run()
            }
        }
    }

    /// Sets a user's password (as its bcrypt hash): every session of theirs ends but the one kept
    /// (the person changing their own), and invitations not yet used lapse.
    /// `mustChange`: they choose another at their next sign-in (a reset by an admin).
    public func setPassword(
        user id: String, hash: String, mustChange: Bool, keeping session: String? = nil, event: String
    ) async throws -> StoredUser {
        try await change(user: id, event, "user \(id)\(mustChange ? ", to be changed at the next sign-in" : "")") {
            sql in
            try await sql.raw(
                """
                UPDATE users SET password_hash = \(bind: hash), must_change_password = \(bind: mustChange ? 1 : 0)
                WHERE id = \(bind: id)
                """
            ).run()
            try await sql.raw(
                "DELETE FROM sessions WHERE user_id = \(bind: id) AND digest <> \(bind: session ?? "")"
            ).run()
            try await sql.raw(
                "UPDATE user_invitations SET used_at = \(bind: Clock.nowMillis()) WHERE user_id = \(bind: id) AND used_at IS NULL"
            ).run()
        }
    }

    /// Ends every session of a user: their open pages send them to the sign-in page at their next
    /// request. Returns how many ended.
    public func endSessions(user id: String) async throws -> Int {
        try await requireUser(id)
        return try await data.transaction { sql in
            let ended = try await sql.raw("DELETE FROM sessions WHERE user_id = \(bind: id) RETURNING digest").all()
                .count
            try await audit([AuditEvent("user.sessions-end", detail: "user \(id): \(ended) sessions ended")], on: sql)
            return ended
        }
    }

    /// How many sessions of a user are open now.
    public func openSessions(user id: String) async throws -> Int {
        try await data.read.raw(
            "SELECT COUNT(*) AS n FROM sessions WHERE user_id = \(bind: id) AND expires_at > \(bind: Clock.nowMillis())"
        ).first()?.decode(column: "n", as: Int.self) ?? 0
    }

    /// Stores an invitation to choose a password, by the digest of its token; earlier ones of
    /// the same user lapse.
    public func invite(user id: String, digest: String, expires: Date) async throws {
        try await requireUser(id)
        try await data.transaction { sql in
            let now = Clock.nowMillis()
            try await sql.raw(
                "UPDATE user_invitations SET used_at = \(bind: now) WHERE user_id = \(bind: id) AND used_at IS NULL"
            ).run()
            try await sql.raw(
                """
                INSERT INTO user_invitations (digest, user_id, created_at, expires_at)
                VALUES (\(bind: digest), \(bind: id), \(bind: now), \(bind: expires.millis))
                """
            ).run()
            try await audit([AuditEvent("user.invite", detail: "user \(id), until \(expires.millis)")], on: sql)
        }
    }

    /// The user an invitation in force belongs to; nil when it is unknown, used or expired.
    public func invitation(digest: String) async throws -> StoredUser? {
        guard
            let row = try await data.read.raw(
                """
                SELECT user_id FROM user_invitations
                WHERE digest = \(bind: digest) AND used_at IS NULL AND expires_at > \(bind: Clock.nowMillis())
                """
            ).first(),
            let user = try await self.user(id: try row.decode(column: "user_id", as: String.self)), !user.disabled
        else { return nil }
        return user
    }

    /// Takes an invitation, once, and sets the password it was for; nil when it is no longer in
    /// force. One statement takes it, so that two submissions cannot both use it.
    public func acceptInvitation(digest: String, hash: String) async throws -> StoredUser? {
        let id: String? = try await data.transaction { sql in
            let now = Clock.nowMillis()
            guard
                let row = try await sql.raw(
                    """
                    UPDATE user_invitations SET used_at = \(bind: now)
                    WHERE digest = \(bind: digest) AND used_at IS NULL AND expires_at > \(bind: now)
                    RETURNING user_id
                    """
                ).first()
            else { return nil }
            let id = try row.decode(column: "user_id", as: String.self)
            try await sql.raw(
                "UPDATE users SET password_hash = \(bind: hash), must_change_password = 0 WHERE id = \(bind: id)"
            ).run()
            try await sql.raw("DELETE FROM sessions WHERE user_id = \(bind: id)").run()
            try await audit([AuditEvent("user.invitation-accept", detail: "user \(id) chose a password")], on: sql)
            return id
        }
        guard let id else { return nil }
        return try await user(id: id)
    }

    /// Keeps a second factor waiting for the code that confirms it, sealed.
    public func setPendingSecondFactor(user id: String, secret: String) async throws {
        let sealed = try store.keys.staffCipher().seal(secret, context: "user/\(id)/totp-pending")
        try await data.transaction { sql in
            try await sql.raw("UPDATE users SET totp_pending_sealed = \(bind: sealed) WHERE id = \(bind: id)").run()
        }
    }

    /// The second factor waiting for its code, opened; nil when none waits.
    public func pendingSecondFactor(user id: String) async throws -> String? {
        guard
            let row = try await data.read.raw("SELECT totp_pending_sealed FROM users WHERE id = \(bind: id)").first(),
            let sealed = try row.decode(column: "totp_pending_sealed", as: Data?.self)
        else { return nil }
        return try store.keys.staffCipher().open(sealed, context: "user/\(id)/totp-pending")
    }

    /// Puts the confirmed second factor in force, with its recovery codes (their digests); the
    /// code that confirmed it is taken (its time step), so it cannot sign in as well.
    public func confirmSecondFactor(user id: String, secret: String, step: Int64, recoveryDigests: [String])
        async throws
    {
        let sealed = try store.keys.staffCipher().seal(secret, context: "user/\(id)/totp")
        try await data.transaction { sql in
            try await sql.raw(
                """
                UPDATE users SET totp_secret_sealed = \(bind: sealed), totp_pending_sealed = NULL,
                    totp_last_step = \(bind: step)
                WHERE id = \(bind: id)
                """
            ).run()
            try await replaceRecoveryCodes(user: id, digests: recoveryDigests, on: sql)
            try await audit(
                [AuditEvent("user.second-factor", detail: "user \(id), with \(recoveryDigests.count) recovery codes")],
                on: sql)
        }
    }

    /// Removes a user's second factor and recovery codes (they lost their phone); an admin's act.
    public func clearSecondFactor(user id: String) async throws -> StoredUser {
        try await change(user: id, "user.second-factor-remove", "user \(id)") { sql in
            try await sql.raw(
                """
                UPDATE users SET totp_secret_sealed = NULL, totp_pending_sealed = NULL, totp_last_step = NULL
                WHERE id = \(bind: id)
                """
            ).run()
            try await sql.raw("DELETE FROM user_recovery_codes WHERE user_id = \(bind: id)").run()
        }
    }

    /// New recovery codes for a user, the old ones void.
    public func newRecoveryCodes(user id: String, digests: [String]) async throws {
        try await data.transaction { sql in
            try await replaceRecoveryCodes(user: id, digests: digests, on: sql)
            try await audit(
                [AuditEvent("user.recovery-codes", detail: "user \(id): \(digests.count) new recovery codes")], on: sql)
        }
    }

    private func replaceRecoveryCodes(user id: String, digests: [String], on sql: any SQLDatabase) async throws {
        try await sql.raw("DELETE FROM user_recovery_codes WHERE user_id = \(bind: id)").run()
        let now = Clock.nowMillis()
        for digest in digests {
            try await sql.raw(
                """
                INSERT INTO user_recovery_codes (digest, user_id, created_at)
                VALUES (\(bind: digest), \(bind: id), \(bind: now))
                """
            ).run()
        }
    }

    /// Takes a recovery code at sign-in, once: false when it is unknown, another's or used.
    public func takeRecoveryCode(user id: String, digest: String) async throws -> Bool {
        try await Acting.as(.user(id)) {
            try await data.transaction { sql in
                let taken =
                    try await sql.raw(
                        """
                        UPDATE user_recovery_codes SET used_at = \(bind: Clock.nowMillis())
                        WHERE user_id = \(bind: id) AND digest = \(bind: digest) AND used_at IS NULL
                        RETURNING digest
                        """
                    ).first() != nil
                if taken {
                    try await audit([AuditEvent("user.recovery-code-use", detail: "user \(id)")], on: sql)
                }
                return taken
            }
        }
    }

    /// How many recovery codes of a user are left unused.
    public func recoveryCodesLeft(user id: String) async throws -> Int {
        try await data.read.raw(
            "SELECT COUNT(*) AS n FROM user_recovery_codes WHERE user_id = \(bind: id) AND used_at IS NULL"
        ).first()?.decode(column: "n", as: Int.self) ?? 0
    }

    /// One change of a user, with its audit entry, in one transaction; the user as changed.
    private func change(
        user id: String, _ action: String, _ detail: String, _ body: @Sendable (any SQLDatabase) async throws -> Void
    ) async throws -> StoredUser {
        try await requireUser(id)
        try await data.transaction { sql in
            try await body(sql)
            try await audit([AuditEvent(action, detail: detail)], on: sql)
        }
        guard let user = try await self.user(id: id) else { throw GallraError.notFound("No such user.") }
        return user
    }

    private func requireUser(_ id: String) async throws {
        guard try await user(id: id) != nil else { throw GallraError.notFound("No such user.") }
    }
}
