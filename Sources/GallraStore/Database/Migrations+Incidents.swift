import GallraConnectors
import GallraDatabase

extension Migrations {
    /// Incidents to closure (issue 32, item 1): how an incident was discovered and the nature of the
    /// breach, the contact point (Art. 33(3)(b)), the reasoning of the risk assessment, the decision
    /// about telling the people affected (Art. 34); each version of the facts (Art. 33(4)); and the
    /// messages to the people affected, by the outbox row that records each.
    static let incidentDuties = Migration(version: 21) { db in
        [
            "ALTER TABLE incidents ADD COLUMN discovered_how TEXT",
            "ALTER TABLE incidents ADD COLUMN nature TEXT",
            "ALTER TABLE incidents ADD COLUMN contact_point TEXT",
            "ALTER TABLE incidents ADD COLUMN risk_reasoning TEXT",
            "ALTER TABLE incidents ADD COLUMN people_decision TEXT",
            """
            CREATE TABLE incident_versions (
                incident_id TEXT COLLATE \(db.byteOrder) NOT NULL, version INTEGER NOT NULL, at BIGINT NOT NULL,
                actor TEXT NOT NULL, facts TEXT NOT NULL, PRIMARY KEY (incident_id, version))
            """,
            """
            CREATE TABLE incident_messages (
                outbox_id TEXT COLLATE \(db.byteOrder) PRIMARY KEY, incident_id TEXT COLLATE \(db.byteOrder) NOT NULL,
                subject_id TEXT COLLATE \(db.byteOrder) NOT NULL, lang TEXT NOT NULL, queued_at BIGINT NOT NULL)
            """,
            "CREATE INDEX incident_messages_incident ON incident_messages (incident_id)",
        ]
    }
}
