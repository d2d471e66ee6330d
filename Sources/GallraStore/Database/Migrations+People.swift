import GallraConnectors
import GallraDatabase

extension Migrations {
    /// The people who sign in (issue 32, item 3): when each last signed in, whether they must
    /// choose a new password at their next sign-in, a second factor waiting to be confirmed by a
    /// code, their recovery codes (only their SHA-256, each usable once) and single-use
    /// invitations to choose a password (only their SHA-256, with an expiry).
    static let people = Migration(version: 22) { db in
        [
            "ALTER TABLE users ADD COLUMN last_sign_in_at BIGINT",
            "ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0",
            "ALTER TABLE users ADD COLUMN totp_pending_sealed \(db.blob)",
            """
            CREATE TABLE user_recovery_codes (
                digest TEXT COLLATE \(db.byteOrder) PRIMARY KEY,
                user_id TEXT COLLATE \(db.byteOrder) NOT NULL REFERENCES users(id),
                created_at BIGINT NOT NULL, used_at BIGINT)
            """,
            "CREATE INDEX user_recovery_codes_user ON user_recovery_codes (user_id)",
            """
            CREATE TABLE user_invitations (
                digest TEXT COLLATE \(db.byteOrder) PRIMARY KEY,
                user_id TEXT COLLATE \(db.byteOrder) NOT NULL REFERENCES users(id),
                created_at BIGINT NOT NULL, expires_at BIGINT NOT NULL, used_at BIGINT)
            """,
            "CREATE INDEX user_invitations_user ON user_invitations (user_id)",
        ]
    }
}
