@preconcurrency import Crypto
import GallraConnectors
import GallraCore
import GallraDatabase
import Logging
import PostgresKit
import SQLKit

/// The append-only, hash-chained audit log. Each entry's hash is an HMAC under the audit key,
/// which the database does not hold (`AuditKeys`), so that whoever can write the database cannot
/// alter an entry and recompute the hashes after it. Entries written before the chain was keyed
/// (before `audit_head.keyed_from`) keep their plain SHA-256; the first keyed entry follows the
/// last of them, which binds them too.
enum AuditChain {
    static let genesis = String(repeating: "0", count: 64)

    /// The last entry of the chain: what the next one follows.
    struct Head: Sendable {
        var seq: Int64
        var hash: String
    }

    /// Appends `events` in the caller's transaction. The head row is updated last, which in
    /// PostgreSQL holds its row lock until commit and so serialises concurrent appenders.
    static func append(
        _ events: [AuditEvent], actor: String, at: Int64 = Clock.nowMillis(), key: SymmetricKey,
        on sql: any SQLDatabase, copyingInto postgres: PostgresConnection?, logger: Logger
    ) async throws {
        try await append([(events, actor, at)], key: key, on: sql, copyingInto: postgres, logger: logger)
    }

    /// Appends the entries of several parties, each with its own moment, in order: one lock of the
    /// head and one write for them all (the reads' entries queued while a transaction held the log).
    static func append(
        _ items: [(events: [AuditEvent], actor: String, at: Int64)], key: SymmetricKey, on sql: any SQLDatabase,
        copyingInto postgres: PostgresConnection?, logger: Logger
    ) async throws {
        guard items.contains(where: { !$0.events.isEmpty }) else { return }
        var head = try await lockHead(on: sql)
        var entries: [AuditEntry] = []
        for item in items {
            let chained = chain(item.events, after: head, actor: item.actor, at: item.at, key: key)
            if let last = chained.last { head = Head(seq: last.seq, hash: last.hash) }
            entries += chained
        }
        try await write(entries, on: sql, copyingInto: postgres, logger: logger)
    }

    /// Locks the head row for the caller's transaction and reads it. Taking the lock with the read
    /// (an update to itself) orders appenders before they read it.
    static func lockHead(on sql: any SQLDatabase) async throws -> Head {
        guard let row = try await sql.raw("UPDATE audit_head SET seq = seq WHERE id = 1 RETURNING seq, hash").first()
        else {
            throw GallraError.integrity("The audit log has no head row.")
        }
        return Head(
            seq: try row.decode(column: "seq", as: Int64.self), hash: try row.decode(column: "hash", as: String.self))
    }

    /// The entries for `events`, chained after `head` and keyed with `key`: pure, so that a sweep
    /// can hash while the database deletes. New entries are always keyed: the chain is keyed from
    /// the entry after the head the migration found.
    static func chain(
        _ events: [AuditEvent], after head: Head, actor: String, at: Int64, key: SymmetricKey
    ) -> [AuditEntry] {
        // The key's padded blocks are hashed once here, and the prepared HMAC copied per entry.
        let keyed = HMAC<SHA256>(key: key)
        var (seq, previous) = (head.seq, head.hash)
        var entries: [AuditEntry] = []
        entries.reserveCapacity(events.count)
        for event in events {
            seq += 1
            let hash = AuditEntry.digest(
                seq: seq, at: at, actor: actor, action: event.action, subject: event.subject, activity: event.activity,
                detail: event.detail, previousHash: previous, keyed: keyed)
            entries.append(
                AuditEntry(
                    seq: seq, at: at, actor: actor, action: event.action, subject: event.subject,
                    activity: event.activity, detail: event.detail, previousHash: previous, hash: hash))
            previous = hash
        }
        return entries
    }

    /// Writes entries chained after the locked head, and moves the head to the last of them. On
    /// PostgreSQL many entries go by COPY, with `lines` when they were encoded ahead.
    static func write(
        _ entries: [AuditEntry], lines: ByteBuffer? = nil, on sql: any SQLDatabase,
        copyingInto postgres: PostgresConnection?, logger: Logger
    ) async throws {
        guard let last = entries.last else { return }
        if let postgres, entries.count >= AuditCopy.threshold {
            try await AuditCopy.write(lines ?? AuditCopy.lines(entries), on: postgres, logger: logger)
        } else {
            try await insertAsRows(entries, on: sql)
        }
        try await sql.raw("UPDATE audit_head SET seq = \(bind: last.seq), hash = \(bind: last.hash) WHERE id = 1").run()
    }

    private static func insertAsRows(_ entries: [AuditEntry], on sql: any SQLDatabase) async throws {
        for chunk in entries.chunked(into: 1_000) {
            var insert = sql.insert(into: "audit_log").columns(
                "seq", "at", "actor", "action", "subject_id", "activity", "detail", "prev_hash", "hash")
            for entry in chunk {
                insert = insert.values(
                    SQLBind(entry.seq), SQLBind(entry.at), SQLBind(entry.actor), SQLBind(entry.action),
                    SQLBind(entry.subject), SQLBind(entry.activity), SQLBind(entry.detail), SQLBind(entry.previousHash),
                    SQLBind(entry.hash))
            }
            try await insert.run()
        }
    }
}
