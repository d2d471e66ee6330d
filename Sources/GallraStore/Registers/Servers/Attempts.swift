import Foundation
import GallraConnectors
import GallraCore
import GallraDatabase
import SQLKit

extension Store {
    /// Attempts that sign-in and the public pages limit, shared by every server on the database.
    public var attempts: Attempts { Attempts(store: self) }
}

/// Attempts counted per key (an account, a client, an address asked for, a link) in the
/// database, so that two servers behind a proxy allow no more than one would. A key is kept only
/// as a keyed digest (it may be an e-mail address); an attempt older than a day is dropped as
/// new ones come.
public struct Attempts: StoreRegister {
    let store: Store
    /// No limit counts further back than this.
    static let kept: Int64 = 24 * 3_600_000

    /// Counts an attempt on every key and returns true, unless one of them has had its limit
    /// within `window`: then nothing is counted and the answer is false. Checked and counted in
    /// one transaction that holds each key (on PostgreSQL an advisory lock per key; SQLite has
    /// one writer): forty attempts sent at once to two servers are forty attempts.
    public func admit(_ limits: [String: Int], window: TimeInterval, now: Date = Date()) async throws -> Bool {
        let digests = limits.map { (digest: digest($0.key), limit: $0.value) }.sorted { $0.digest < $1.digest }
        let since = now.millis - Int64(window * 1000)
        return try await data.transaction { sql in
            try await hold(digests.map(\.digest), on: sql)
            for key in digests {
                let count =
                    try await sql.raw(
                        "SELECT count(*) AS n FROM attempts WHERE key_digest = \(bind: key.digest) AND at > \(bind: since)"
                    ).first()?.decode(column: "n", as: Int.self) ?? 0
                if count >= key.limit { return false }
            }
            for key in digests {
                try await sql.raw(
                    "INSERT INTO attempts (id, key_digest, at) VALUES (\(bind: Store.newID()), \(bind: key.digest), \(bind: now.millis))"
                ).run()
            }
            try await sql.raw("DELETE FROM attempts WHERE at < \(bind: now.millis - Self.kept)").run()
            return true
        }
    }

    /// Takes back the last attempt counted on each key: it succeeded.
    public func forgive(_ keys: [String]) async throws {
        try await data.transaction { sql in
            for key in keys {
                let digest = digest(key)
                try await sql.raw(
                    """
                    DELETE FROM attempts WHERE id IN (
                        SELECT id FROM attempts WHERE key_digest = \(bind: digest) ORDER BY at DESC, id DESC LIMIT 1)
                    """
                ).run()
            }
        }
    }

    /// Forgets every attempt on these keys.
    public func reset(_ keys: [String]) async throws {
        try await data.transaction { sql in
            for key in keys {
                try await sql.raw("DELETE FROM attempts WHERE key_digest = \(bind: digest(key))").run()
            }
        }
    }

    /// The key as stored: keyed by the store's index key, so the table names no one.
    private func digest(_ key: String) -> String {
        index.lookup("attempt", key)
    }

    /// Holds the keys until the transaction ends, in one order (no deadlock between two servers).
    private func hold(_ digests: [String], on sql: any SQLDatabase) async throws {
        guard data.dialect == .postgres else { return }
        for digest in digests {
            try await sql.raw("SELECT pg_advisory_xact_lock(hashtextextended(\(bind: digest), 0))").run()
        }
    }
}
