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

extension Migrations {
    /// A short reference people can quote and type (`2026-0042`): the year the request was
    /// received and its number in that year, counted in `request_sequences` (one row a year, taken
    /// with an upsert in the opening transaction, so that two openings at once never share a
    /// number, on PostgreSQL too). Requests opened before it are numbered in the order they were
    /// opened. The audit log gets an index by subject, for a request's timeline.
    static let requestReferences = Migration(version: 18) { db in
        let year = "substr(received_on, 1, 4)"
        let count = """
            (SELECT COUNT(*) FROM requests AS earlier
             WHERE substr(earlier.received_on, 1, 4) = substr(requests.received_on, 1, 4)
             AND (earlier.created_at < requests.created_at
                  OR (earlier.created_at = requests.created_at AND earlier.id <= requests.id)))
            """
        let number =
            switch db.dialect {
            case .sqlite: "printf('%04d', \(count))"
            // Never reached: Gallra's own store is not kept in MariaDB (Store.open refuses it).
            case .mariadb: "LPAD(\(count), 4, '0')"
            case .postgres:
                "CASE WHEN \(count) < 10000 THEN to_char(\(count), 'FM0000') ELSE CAST(\(count) AS TEXT) END"
            }
        return [
            "ALTER TABLE requests ADD COLUMN reference TEXT",
            "UPDATE requests SET reference = \(year) || '-' || \(number)",
            "CREATE UNIQUE INDEX requests_reference ON requests (reference)",
            "CREATE TABLE request_sequences (year INTEGER PRIMARY KEY, last_number BIGINT NOT NULL)",
            """
            INSERT INTO request_sequences (year, last_number)
            SELECT CAST(\(year) AS INTEGER), COUNT(*) FROM requests GROUP BY \(year)
            """,
            "CREATE INDEX audit_log_subject ON audit_log (subject_id)",
            // A message about a request names it, so that its timeline shows the mail sent.
            "ALTER TABLE outbox ADD COLUMN request_id TEXT COLLATE \(db.byteOrder)",
            "ALTER TABLE outbox ADD COLUMN subject_id TEXT COLLATE \(db.byteOrder)",
        ]
    }
}

extension Migrations {
    /// A request refused (Art. 12(4)): its ground, and the reason the person is told, sealed under
    /// their key; and why the officer last narrowed or widened the activities it names, sealed too.
    static let refusalsAndScope = Migration(version: 19) { db in
        [
            "ALTER TABLE requests ADD COLUMN refusal TEXT",
            "ALTER TABLE requests ADD COLUMN refusal_reason_sealed \(db.blob)",
            "ALTER TABLE requests ADD COLUMN scope_reason_sealed \(db.blob)",
        ]
    }
}
