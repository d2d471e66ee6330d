import GallraCore
import Logging
import PostgresKit
import SQLKit

/// The append-only, hash-chained audit log.
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
        _ events: [AuditEvent], actor: String, at: Int64 = Clock.nowMillis(), on sql: any SQLDatabase,
        copyingInto postgres: PostgresConnection?, logger: Logger
    ) async throws {
        try await append([(events, actor, at)], on: sql, copyingInto: postgres, logger: logger)
    }

    /// Appends the entries of several parties, each with its own moment, in order: one lock of the
    /// head and one write for them all (the reads' entries queued while a transaction held the log).
    static func append(
        _ items: [(events: [AuditEvent], actor: String, at: Int64)], on sql: any SQLDatabase,
        copyingInto postgres: PostgresConnection?, logger: Logger
    ) async throws {
        guard items.contains(where: { !$0.events.isEmpty }) else { return }
        var head = try await lockHead(on: sql)
        var entries: [AuditEntry] = []
        for item in items {
            let chained = chain(item.events, after: head, actor: item.actor, at: item.at)
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

    /// The entries for `events`, chained after `head`: pure, so that a sweep can hash while the
    /// database deletes.
    static func chain(_ events: [AuditEvent], after head: Head, actor: String, at: Int64) -> [AuditEntry] {
        var (seq, previous) = (head.seq, head.hash)
        var entries: [AuditEntry] = []
        entries.reserveCapacity(events.count)
        for event in events {
            seq += 1
            let hash = AuditEntry.digest(
                seq: seq, at: at, actor: actor, action: event.action, subject: event.subject, activity: event.activity,
                detail: event.detail, previousHash: previous)
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

    /// Walks the whole chain in order, a page at a time, and names the first entry that breaks it.
    static func verify(on sql: any SQLDatabase) async throws -> AuditVerification {
        var expectedSeq: Int64 = 1
        var previous = genesis
        let pageSize = 10_000
        while true {
            let rows = try await sql.raw(
                """
                SELECT seq, at, actor, action, subject_id, activity, detail, prev_hash, hash FROM audit_log
                WHERE seq >= \(bind: expectedSeq) ORDER BY seq LIMIT \(bind: pageSize)
                """
            ).all()
            for row in rows {
                let entry = AuditEntry(
                    seq: try row.decode(column: "seq", as: Int64.self),
                    at: try row.decode(column: "at", as: Int64.self),
                    actor: try row.decode(column: "actor", as: String.self),
                    action: try row.decode(column: "action", as: String.self),
                    subject: try row.decode(column: "subject_id", as: String?.self),
                    activity: try row.decode(column: "activity", as: String?.self),
                    detail: try row.decode(column: "detail", as: String.self),
                    previousHash: try row.decode(column: "prev_hash", as: String.self),
                    hash: try row.decode(column: "hash", as: String.self))
                if entry.seq != expectedSeq {
                    return .broken(seq: expectedSeq, reason: "entry \(expectedSeq) is missing: it was removed")
                }
                if entry.previousHash != previous {
                    return .broken(
                        seq: entry.seq,
                        reason:
                            "entry \(entry.seq) does not follow entry \(entry.seq - 1): entries were removed or reordered"
                    )
                }
                if entry.computedHash != entry.hash {
                    return .broken(
                        seq: entry.seq, reason: "entry \(entry.seq) was altered: its hash does not match its contents")
                }
                previous = entry.hash
                expectedSeq += 1
            }
            if rows.count < pageSize { break }
        }
        let count = expectedSeq - 1
        if let earlier = try await sql.raw("SELECT MIN(seq) AS seq FROM audit_log WHERE seq < 1").first(),
            let seq = try earlier.decode(column: "seq", as: Int64?.self)
        {
            return .broken(seq: seq, reason: "entry \(seq) is out of sequence: it was inserted or renumbered")
        }
        guard let head = try await sql.raw("SELECT seq, hash FROM audit_head WHERE id = 1").first() else {
            return .broken(seq: count + 1, reason: "the head of the audit log was removed")
        }
        let headSeq = try head.decode(column: "seq", as: Int64.self)
        let headHash = try head.decode(column: "hash", as: String.self)
        if headSeq != count || headHash != previous {
            if headSeq > count {
                return .broken(
                    seq: count + 1, reason: "entry \(count + 1) is missing: entries after \(count) were removed")
            }
            return .broken(seq: headSeq, reason: "the head of the audit log does not match entry \(count)")
        }
        return .intact(entries: count)
    }
}

/// The result of `gallra audit verify`.
public enum AuditVerification: Equatable, Sendable {
    case intact(entries: Int64)
    /// The first entry that breaks the chain, and how.
    case broken(seq: Int64, reason: String)
}

extension Array {
    func chunked(into size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
