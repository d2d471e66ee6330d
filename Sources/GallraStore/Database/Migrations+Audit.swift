import GallraConnectors
import GallraDatabase

extension Migrations {
    /// The audit chain keyed (issue 29, finding 6): entries from `keyed_from` on are HMAC'd under a
    /// key derived from the key file. An existing chain keeps its plain SHA-256 entries, verified as
    /// before; the first keyed entry follows the last of them and so binds them. A fresh store's
    /// head is entry 0, so its chain is keyed from entry 1.
    static let keyedAudit = Migration(version: 15) { _ in
        [
            "ALTER TABLE audit_head ADD COLUMN keyed_from BIGINT",
            "UPDATE audit_head SET keyed_from = seq + 1 WHERE id = 1",
        ]
    }
}
