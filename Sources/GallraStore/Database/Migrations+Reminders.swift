import GallraConnectors
import GallraDatabase

extension Migrations {
    /// The privacy officers' daily reminder (issue 31, item 5): one row for each local day whose
    /// reminder was queued, written in the transaction that queues its mail, so that a restarted
    /// server or a second one queues the day's reminder never twice.
    static let reminderDays = Migration(version: 20) { db in
        [
            """
            CREATE TABLE reminder_days (
                day TEXT COLLATE \(db.byteOrder) PRIMARY KEY, queued_at BIGINT NOT NULL, messages INTEGER NOT NULL)
            """
        ]
    }
}
