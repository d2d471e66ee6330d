import Foundation
import GallraConnectors
import GallraDatabase
import SQLKit

/// The numbered migrations of the data store. They run in order, each in its own transaction, and
/// the schema table records which have run; `gallra migrate` runs them, and so does first use.
enum Migrations {
    struct Migration: Sendable {
        let version: Int
        let statements: @Sendable (StoreConnection) -> [String]
    }

    static let data: [Migration] = [
        Migration(version: 1) { db in
            [
                """
                CREATE TABLE register_versions (
                    version BIGINT PRIMARY KEY, applied_at BIGINT NOT NULL, actor TEXT NOT NULL,
                    digest TEXT NOT NULL, yaml TEXT NOT NULL)
                """,
                "CREATE TABLE subjects (id TEXT PRIMARY KEY, created_at BIGINT NOT NULL, name_sealed \(db.blob))",
                """
                CREATE TABLE subject_identifiers (
                    kind TEXT NOT NULL, lookup TEXT NOT NULL, subject_id TEXT NOT NULL REFERENCES subjects(id),
                    value_sealed \(db.blob) NOT NULL, PRIMARY KEY (kind, lookup))
                """,
                "CREATE INDEX subject_identifiers_subject ON subject_identifiers (subject_id)",
                """
                CREATE TABLE records (
                    id TEXT PRIMARY KEY, subject_id TEXT NOT NULL REFERENCES subjects(id), activity TEXT NOT NULL,
                    category TEXT NOT NULL, system TEXT, value_sealed \(db.blob) NOT NULL,
                    collected_at BIGINT NOT NULL, expires_at BIGINT, waiting_for TEXT, created_at BIGINT NOT NULL)
                """,
                "CREATE INDEX records_subject ON records (subject_id)",
                "CREATE INDEX records_expiry ON records (expires_at)",
                """
                CREATE TABLE events (
                    id TEXT PRIMARY KEY, subject_id TEXT NOT NULL REFERENCES subjects(id), activity TEXT,
                    record_id TEXT, name TEXT NOT NULL, occurred_at BIGINT NOT NULL, recorded_at BIGINT NOT NULL)
                """,
                "CREATE INDEX events_subject ON events (subject_id)",
                """
                CREATE TABLE audit_log (
                    seq BIGINT PRIMARY KEY, at BIGINT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,
                    subject_id TEXT, activity TEXT, detail TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL)
                """,
                // The head of the chain: one row, updated with every append, so that appends are
                // serialised and entries removed from the end are noticed.
                "CREATE TABLE audit_head (id INTEGER PRIMARY KEY, seq BIGINT NOT NULL, hash TEXT NOT NULL)",
                "INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '\(AuditChain.genesis)')",
            ]
        },
        sweep,
        consents,
        requests,
        incidents,
        byteOrderedIdentifiers,
        access,
        selfServicePages,
        requestContacts,
        systemsVersions,
        requestTasks,
        connectedCorrections,
        secondFactorSteps,
        keyedAudit,
        sealedRequestText,
        identifierActivities,
        requestReferences,
        refusalsAndScope,
        reminderDays,
        incidentDuties,
        people,
        servers,
    ]

    /// RFC 6238 §5.2: the last time step whose code signed a user in, so that no code is taken twice.
    static let secondFactorSteps = Migration(version: 14) { _ in
        ["ALTER TABLE users ADD COLUMN totp_last_step BIGINT"]
    }

    /// Art. 16 in the company's own databases: the corrected value of a column of one of the
    /// subject's rows there, sealed with the subject's key until the request is completed.
    static let connectedCorrections = Migration(version: 12) { db in
        [
            """
            CREATE TABLE request_connected_corrections (
                request_id TEXT COLLATE \(db.byteOrder) NOT NULL, system_id TEXT COLLATE \(db.byteOrder) NOT NULL,
                row_ref TEXT COLLATE \(db.byteOrder) NOT NULL, column_name TEXT COLLATE \(db.byteOrder) NOT NULL,
                activity TEXT NOT NULL, subject_id TEXT COLLATE \(db.byteOrder) NOT NULL,
                value_sealed \(db.blob) NOT NULL, PRIMARY KEY (request_id, system_id, row_ref, column_name))
            """
        ]
    }

    /// Work done by hand for a request in a system Gallra does not reach: who did it, and when.
    static let requestTasks = Migration(version: 11) { db in
        [
            """
            CREATE TABLE request_tasks (
                request_id TEXT COLLATE \(db.byteOrder) NOT NULL, system_id TEXT COLLATE \(db.byteOrder) NOT NULL,
                done_at BIGINT,
                done_by TEXT, PRIMARY KEY (request_id, system_id))
            """
        ]
    }

    /// The systems file, one version per change, as the register's versions.
    static let systemsVersions = Migration(version: 10) { _ in
        [
            """
            CREATE TABLE systems_versions (
                version BIGINT PRIMARY KEY, applied_at BIGINT NOT NULL, actor TEXT NOT NULL,
                digest TEXT NOT NULL, yaml TEXT NOT NULL)
            """
        ]
    }

    /// How to reach a person who asked through the public pages: the address they confirmed and
    /// what they wrote (what is wrong, why they unsubscribe), sealed with the subject's key so
    /// that erasing the subject shreds them; and their language, for the answer.
    static let requestContacts = Migration(version: 9) { db in
        [
            """
            CREATE TABLE request_contacts (
                request_id TEXT COLLATE \(db.byteOrder) PRIMARY KEY, subject_id TEXT COLLATE \(db.byteOrder) NOT NULL,
                lang TEXT NOT NULL,
                address_sealed \(db.blob) NOT NULL, message_sealed \(db.blob))
            """
        ]
    }

    /// The self-service pages: single-use tokens sent by e-mail (only their SHA-256 kept, what they
    /// carry sealed), and the outbox every message goes through, written in the same transaction
    /// as what caused it, so that a crash loses none.
    static let selfServicePages = Migration(version: 8) { db in
        [
            """
            CREATE TABLE public_tokens (
                digest TEXT COLLATE \(db.byteOrder) PRIMARY KEY, purpose TEXT NOT NULL, payload_sealed \(db.blob) NOT NULL,
                created_at BIGINT NOT NULL, expires_at BIGINT NOT NULL, used_at BIGINT)
            """,
            """
            CREATE TABLE outbox (
                id TEXT COLLATE \(db.byteOrder) PRIMARY KEY, purpose TEXT NOT NULL, message_sealed \(db.blob) NOT NULL,
                created_at BIGINT NOT NULL, next_attempt_at BIGINT NOT NULL, attempts INTEGER NOT NULL,
                sent_at BIGINT, failed_at BIGINT, last_error TEXT)
            """,
            "CREATE INDEX outbox_due ON outbox (next_attempt_at)",
        ]
    }

    /// The people and programs who use the server: users who sign in, API tokens (only their
    /// SHA-256 kept), and the users' sessions, in the database so that two servers share them.
    static let access = Migration(version: 7) { db in
        [
            """
            CREATE TABLE users (
                id TEXT COLLATE \(db.byteOrder) PRIMARY KEY, email TEXT COLLATE \(db.byteOrder) NOT NULL UNIQUE,
                password_hash TEXT NOT NULL, role TEXT NOT NULL, activities TEXT NOT NULL, lang TEXT NOT NULL,
                totp_secret_sealed \(db.blob), created_at BIGINT NOT NULL, disabled_at BIGINT)
            """,
            """
            CREATE TABLE api_tokens (
                name TEXT COLLATE \(db.byteOrder) PRIMARY KEY, digest TEXT COLLATE \(db.byteOrder) NOT NULL UNIQUE,
                role TEXT NOT NULL, activities TEXT NOT NULL, created_at BIGINT NOT NULL, revoked_at BIGINT)
            """,
            """
            CREATE TABLE sessions (
                digest TEXT COLLATE \(db.byteOrder) PRIMARY KEY, user_id TEXT COLLATE \(db.byteOrder) NOT NULL REFERENCES users(id),
                csrf TEXT NOT NULL, created_at BIGINT NOT NULL, expires_at BIGINT NOT NULL, last_seen_at BIGINT NOT NULL)
            """,
            "CREATE INDEX sessions_user ON sessions (user_id)",
        ]
    }

    /// PostgreSQL compares the identifiers Gallra makes (and the keyed hashes it looks people up
    /// by) byte by byte, as SQLite does, instead of by the database's language: under a Swedish
    /// collation every index look-up by id compared through the locale, and the sweep's check of
    /// which subjects have records left took twice as long (37 ms against 18 ms per 5,000
    /// subjects). Only the indexes are rebuilt, not the tables.
    static let byteOrderedIdentifiers = Migration(version: 6) { db in
        byteOrdered(
            [
                ("subjects", ["id"]), ("subject_identifiers", ["kind", "lookup", "subject_id"]),
                ("records", ["id", "subject_id"]), ("events", ["id", "subject_id", "record_id"]),
                ("audit_log", ["subject_id"]), ("anonymised_records", ["id"]), ("holds", ["id", "subject_id"]),
                ("erased_subjects", ["subject_id"]), ("consents", ["id", "subject_id"]),
                ("requests", ["id", "subject_id"]), ("request_grounds", ["request_id", "subject_id"]),
                ("request_corrections", ["request_id", "record_id", "subject_id"]),
                ("processing_limits", ["id", "subject_id", "request_id"]), ("incidents", ["id"]),
                ("incident_subjects", ["incident_id", "subject_id"]),
            ], on: db)
    }

    /// The statements that make `columns` compare byte by byte on PostgreSQL (none on SQLite,
    /// where text compares so already).
    private static func byteOrdered(_ columns: [(table: String, columns: [String])], on db: StoreConnection)
        -> [String]
    {
        guard db.dialect == .postgres else { return [] }
        return columns.map { table, columns in
            "ALTER TABLE \(table) "
                + columns.map { "ALTER COLUMN \($0) TYPE TEXT COLLATE \"C\"" }.joined(separator: ", ")
        }
    }

    /// The incident register (GDPR Art. 33(5)): the facts, the 72-hour notification, the people
    /// told, and which subjects were affected.
    static let incidents = Migration(version: 5) { db in
        [
            """
            CREATE TABLE incidents (
                id TEXT PRIMARY KEY, aware_at BIGINT NOT NULL, occurred_at BIGINT, ended_at BIGINT,
                description TEXT NOT NULL, subject_categories TEXT NOT NULL, data_categories TEXT NOT NULL,
                approximate_subjects BIGINT, approximate_records BIGINT, consequences TEXT, measures TEXT, risk TEXT,
                authority_notified_at BIGINT, authority_reference TEXT, delay_reasons TEXT, authority_not_needed TEXT,
                subjects_informed_at BIGINT, exemption TEXT, exemption_reason TEXT, closed_at BIGINT, expires_at BIGINT,
                created_at BIGINT NOT NULL)
            """,
            "CREATE INDEX incidents_expiry ON incidents (expires_at)",
            """
            CREATE TABLE incident_subjects (
                incident_id TEXT NOT NULL, subject_id TEXT NOT NULL, PRIMARY KEY (incident_id, subject_id))
            """,
            "CREATE INDEX incident_subjects_subject ON incident_subjects (subject_id)",
        ]
    }

    /// Data subject requests (GDPR Art. 12), what the controller recorded with them, and the
    /// limits they placed on processing (Art. 18 restriction, Art. 21 objection).
    static let requests = Migration(version: 4) { db in
        [
            // No personal data in clear: the subject by id, the grounds and corrections sealed under
            // the subject's key (so they go with it), dates as YYYY-MM-DD in the controller's zone.
            """
            CREATE TABLE requests (
                id TEXT PRIMARY KEY, kind TEXT NOT NULL, subject_id TEXT NOT NULL, channel TEXT NOT NULL,
                scope TEXT, received_on TEXT NOT NULL, deadline_on TEXT NOT NULL, verified_at BIGINT, verified_how TEXT,
                extended_at BIGINT, extension_reason TEXT, status TEXT NOT NULL, completed_at BIGINT, decisions TEXT,
                sent TEXT, expires_at BIGINT, created_at BIGINT NOT NULL)
            """,
            "CREATE INDEX requests_status ON requests (status, deadline_on)",
            "CREATE INDEX requests_expiry ON requests (expires_at)",
            """
            CREATE TABLE request_grounds (
                request_id TEXT NOT NULL, activity TEXT NOT NULL, subject_id TEXT NOT NULL,
                grounds_sealed \(db.blob) NOT NULL, PRIMARY KEY (request_id, activity))
            """,
            """
            CREATE TABLE request_corrections (
                request_id TEXT NOT NULL, record_id TEXT NOT NULL, subject_id TEXT NOT NULL,
                value_sealed \(db.blob) NOT NULL, PRIMARY KEY (request_id, record_id))
            """,
            """
            CREATE TABLE processing_limits (
                id TEXT PRIMARY KEY, subject_id TEXT NOT NULL, activity TEXT, kind TEXT NOT NULL,
                request_id TEXT NOT NULL, since BIGINT NOT NULL, lifted_at BIGINT)
            """,
            "CREATE INDEX processing_limits_subject ON processing_limits (subject_id)",
        ]
    }

    /// The consent register (GDPR Art. 7(1): the controller must be able to show consent was given).
    static let consents = Migration(version: 3) { db in
        [
            """
            CREATE TABLE consents (
                id TEXT PRIMARY KEY, subject_id TEXT NOT NULL REFERENCES subjects(id), activity TEXT NOT NULL,
                wording_version TEXT NOT NULL, channel TEXT NOT NULL, given_at BIGINT NOT NULL, withdrawn_at BIGINT,
                withdrawal_channel TEXT)
            """,
            "CREATE INDEX consents_subject ON consents (subject_id, activity)",
        ]
    }

    /// Retention enforced: anonymised records, legal holds, erasure tombstones, the sweep's lock,
    /// and the review of shortened rules.
    static let sweep = Migration(version: 2) { db in
        [
            """
            CREATE TABLE anonymised_records (
                id TEXT PRIMARY KEY, activity TEXT NOT NULL, category TEXT NOT NULL, system TEXT,
                collected_at BIGINT NOT NULL, anonymised_at BIGINT NOT NULL)
            """,
            """
            CREATE TABLE holds (
                id TEXT PRIMARY KEY, subject_id TEXT NOT NULL, activity TEXT, reason_sealed \(db.blob) NOT NULL,
                until_at BIGINT, created_at BIGINT NOT NULL, released_at BIGINT)
            """,
            "CREATE INDEX holds_subject ON holds (subject_id)",
            // A subject whose data is gone but whose key may not yet be destroyed in the keyring.
            "CREATE TABLE erased_subjects (subject_id TEXT PRIMARY KEY, erased_at BIGINT NOT NULL)",
            "CREATE TABLE sweep_lock (id INTEGER PRIMARY KEY, owner TEXT, expires_at BIGINT NOT NULL)",
            "INSERT INTO sweep_lock (id, owner, expires_at) VALUES (1, NULL, 0)",
            // The register version whose shorter rule moved this record's expiry earlier.
            "ALTER TABLE records ADD COLUMN shortened_by BIGINT",
            "ALTER TABLE register_versions ADD COLUMN reviewed_at BIGINT",
            "CREATE INDEX events_record ON events (record_id)",
            // The sweep pages through expired records by (expiry, id).
            "DROP INDEX records_expiry",
            "CREATE INDEX records_expiry ON records (expires_at, id)",
            // How many records wait for an event, kept up to date by every write, so that the sweep
            // need not count them.
            "CREATE TABLE record_stats (id INTEGER PRIMARY KEY, waiting BIGINT NOT NULL)",
            "INSERT INTO record_stats (id, waiting) SELECT 1, COUNT(*) FROM records WHERE expires_at IS NULL",
        ]
    }

    static let keyring: [Migration] = [
        Migration(version: 1) { db in
            [
                """
                CREATE TABLE subject_keys (
                    subject_id TEXT PRIMARY KEY, master_version INTEGER NOT NULL, wrapped \(db.blob) NOT NULL)
                """,
                "CREATE INDEX subject_keys_master ON subject_keys (master_version)",
            ]
        },
        Migration(version: 2) { db in byteOrdered([("subject_keys", ["subject_id"])], on: db) },
    ]

    /// Runs the migrations not yet run; returns the versions it ran.
    @discardableResult
    static func run(_ migrations: [Migration], table: SQLName, on db: StoreConnection) async throws -> [Int] {
        try await db.sql.raw(
            "CREATE TABLE IF NOT EXISTS \(name: table) (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)"
        ).run()
        // One read tells what has run; only the rest take a transaction each.
        let applied = Set(
            try await db.sql.raw("SELECT version FROM \(name: table)").all().map {
                try $0.decode(column: "version", as: Int.self)
            })
        var ran: [Int] = []
        for migration in migrations where !applied.contains(migration.version) {
            let done = try await db.transaction { sql in
                let rows = try await sql.raw(
                    "SELECT version FROM \(name: table) WHERE version = \(bind: migration.version)"
                ).all()
                if !rows.isEmpty { return true }
                for statement in migration.statements(db) { try await sql.raw(SQLQueryString(statement)).run() }
                try await sql.raw(
                    "INSERT INTO \(name: table) (version, applied_at) VALUES (\(bind: migration.version), \(bind: Clock.nowMillis()))"
                ).run()
                return false
            }
            if !done { ran.append(migration.version) }
        }
        return ran
    }
}
