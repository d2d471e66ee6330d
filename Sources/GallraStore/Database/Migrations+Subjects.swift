import GallraConnectors
import GallraDatabase

extension Migrations {
    /// Under which activities each identifier was given: a party limited to some activities finds
    /// a person only by an identifier given under one of them, not by a personnummer given to
    /// accounting. What was written before learns the old reach: each identifier, every activity
    /// its subject has records or consents under.
    static let identifierActivities = Migration(version: 17) { db in
        [
            """
            CREATE TABLE identifier_activities (
                kind TEXT NOT NULL, lookup TEXT COLLATE \(db.byteOrder) NOT NULL,
                activity TEXT NOT NULL, subject_id TEXT COLLATE \(db.byteOrder) NOT NULL,
                PRIMARY KEY (kind, lookup, activity))
            """,
            "CREATE INDEX identifier_activities_subject ON identifier_activities (subject_id)",
            """
            INSERT INTO identifier_activities (kind, lookup, activity, subject_id)
            SELECT DISTINCT i.kind, i.lookup, a.activity, i.subject_id
            FROM subject_identifiers i
            JOIN (SELECT subject_id, activity FROM records UNION SELECT subject_id, activity FROM consents) a
                ON a.subject_id = i.subject_id
            """,
        ]
    }
}
