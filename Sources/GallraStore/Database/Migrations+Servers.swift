import GallraConnectors
import GallraDatabase

extension Migrations {
    /// Several servers on one database (issue 35, item 1): the attempts that sign-in and the
    /// public pages limit, counted here rather than in each server's memory (only a keyed digest
    /// of what they count: never an address); the outbox message a server is handing over, and
    /// which server, so that no other sends it again; and leases on work that one server at a
    /// time does (the audit checkpoints).
    static let servers = Migration(version: 23) { db in
        [
            """
            CREATE TABLE attempts (
                id TEXT COLLATE \(db.byteOrder) PRIMARY KEY, key_digest TEXT COLLATE \(db.byteOrder) NOT NULL,
                at BIGINT NOT NULL)
            """,
            "CREATE INDEX attempts_key ON attempts (key_digest, at)",
            "CREATE INDEX attempts_at ON attempts (at)",
            "ALTER TABLE outbox ADD COLUMN sending_at BIGINT",
            "ALTER TABLE outbox ADD COLUMN sending_by TEXT",
            // Every server looks for these every two seconds; the rows sent stay as the record, so
            // only the few waiting or being handed over are indexed.
            """
            CREATE INDEX outbox_waiting ON outbox (next_attempt_at, id)
            WHERE sent_at IS NULL AND failed_at IS NULL AND sending_at IS NULL
            """,
            """
            CREATE INDEX outbox_sending ON outbox (sending_at)
            WHERE sending_at IS NOT NULL AND sent_at IS NULL AND failed_at IS NULL
            """,
            """
            CREATE TABLE leases (
                name TEXT COLLATE \(db.byteOrder) PRIMARY KEY, owner TEXT NOT NULL, expires_at BIGINT NOT NULL)
            """,
        ]
    }
}
