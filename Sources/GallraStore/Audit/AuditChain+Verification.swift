@preconcurrency import Crypto
import GallraConnectors
import GallraCore
import GallraDatabase
import SQLKit

extension AuditChain {
    /// Walks the whole chain in order, a page at a time, and names the first entry that breaks it:
    /// entries before `audit_head.keyed_from` by their plain SHA-256, the rest by their HMAC under
    /// `key`. Then holds the chain against `checkpoints` (their signatures already checked): a
    /// checkpoint of an entry the chain no longer has means its tail was cut, one whose hash
    /// differs from the entry's means the chain was rewritten up to it.
    static func verify(
        on sql: any SQLDatabase, key: SymmetricKey, checkpoints: [AuditCheckpoint]
    ) async throws -> AuditVerification {
        guard let start = try await sql.raw("SELECT keyed_from FROM audit_head WHERE id = 1").first() else {
            return .broken(seq: 1, reason: "the head of the audit log was removed")
        }
        guard let keyedFrom = try start.decode(column: "keyed_from", as: Int64?.self), keyedFrom >= 1 else {
            return .broken(seq: 1, reason: "the head of the audit log no longer says where keyed hashing starts")
        }
        // Moving the start up would let rewritten entries pass as plain SHA-256 ones.
        if let moved = checkpoints.first(where: { $0.keyedFrom != keyedFrom }) {
            return .broken(
                seq: min(moved.keyedFrom, keyedFrom),
                reason:
                    "keyed hashing was moved to start at entry \(keyedFrom): the checkpoint of \(moved.at) saw it start at entry \(moved.keyedFrom)"
            )
        }
        let keyed = HMAC<SHA256>(key: key)
        let pending = checkpoints.sorted { $0.seq < $1.seq }
        var next = 0
        /// The checkpoints of entry `seq`, held against its hash.
        func checkpointsAgree(seq: Int64, hash: String) -> AuditVerification? {
            while next < pending.count, pending[next].seq == seq {
                let checkpoint = pending[next]
                next += 1
                if checkpoint.hash != hash {
                    return .broken(
                        seq: seq,
                        reason:
                            "the chain was rewritten: entry \(seq) is not the entry the checkpoint of \(checkpoint.at) saw"
                    )
                }
            }
            return nil
        }
        var expectedSeq: Int64 = 1
        var previous = genesis
        if let broken = checkpointsAgree(seq: 0, hash: genesis) { return broken }
        let pageSize = 10_000
        while true {
            let rows = try await sql.raw(
                """
                SELECT \(AuditEntry.columns) FROM audit_log
                WHERE seq >= \(bind: expectedSeq) ORDER BY seq LIMIT \(bind: pageSize)
                """
            ).all()
            for row in rows {
                let entry = try AuditEntry(row: row)
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
                if entry.computedHash(keyed: entry.seq >= keyedFrom ? keyed : nil) != entry.hash {
                    return .broken(
                        seq: entry.seq,
                        reason: entry.seq == keyedFrom && keyedFrom > 1
                            ? "entry \(entry.seq) was altered, or the entries before it were rewritten: its hash does not match its contents"
                            : "entry \(entry.seq) was altered: its hash does not match its contents")
                }
                if let broken = checkpointsAgree(seq: entry.seq, hash: entry.hash) { return broken }
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
        // What is left saw entries the chain no longer has: the latest of them names the most.
        if let latest = pending.last, latest.seq > count {
            return .broken(
                seq: count + 1,
                reason: "entries after \(count) were removed: the checkpoint of \(latest.at) saw entry \(latest.seq)")
        }
        return .intact(entries: count)
    }
}
