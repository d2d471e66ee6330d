import GallraConnectors
import GallraDatabase

extension Migrations {
    /// What a person's request says in free text (how their identity was verified, why its
    /// deadline was extended) sealed under their key; `Requests.sealLegacyText` moves what earlier
    /// versions kept in clear.
    static let sealedRequestText = Migration(version: 16) { db in
        [
            "ALTER TABLE requests ADD COLUMN verified_how_sealed \(db.blob)",
            "ALTER TABLE requests ADD COLUMN extension_reason_sealed \(db.blob)",
        ]
    }
}
