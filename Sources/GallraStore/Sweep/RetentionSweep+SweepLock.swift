import Foundation
import GallraConnectors
import GallraCore
import GallraDatabase
import SQLKit

/// One sweep at a time: a lease on a row in the database (so it works on SQLite and PostgreSQL
/// alike), renewed after every batch. A lease whose holder died is taken over: at once when the
/// holder was a process on this host that no longer exists, otherwise when the lease runs out.
extension RetentionSweep {
    static let sweepLease: Int64 = 120_000
    static let host: String = {
        var name = [CChar](repeating: 0, count: 256)
        gethostname(&name, name.count)
        return String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }()

    /// This store's name on the lock: host, process and the store itself.
    static func makeLockOwner() -> String { "\(host):\(getpid()):\(UUID().uuidString.prefix(8))" }

    func acquireSweepLock() async throws {
        let me = store.lockOwner
        let now = Clock.nowMillis()
        try await data.transaction { sql in
            guard let row = try await sql.raw("SELECT owner, expires_at FROM sweep_lock WHERE id = 1").first() else {
                throw GallraError.integrity("The sweep lock row is missing.")
            }
            let owner = try row.decode(column: "owner", as: String?.self)
            let expires = try row.decode(column: "expires_at", as: Int64.self)
            if let owner, owner != me, expires > now, !RetentionSweep.holderIsGone(owner) {
                throw RetentionSweep.lockHeld(by: owner)
            }
            // Compare and swap: take the lock only from the holder just read. On PostgreSQL a second
            // sweep that read the same free lock waits on the row, then finds it changed and stops.
            let taken = try await sql.raw(
                """
                UPDATE sweep_lock SET owner = \(bind: me), expires_at = \(bind: now + RetentionSweep.sweepLease)
                WHERE id = 1 AND COALESCE(owner, '') = \(bind: owner ?? "") RETURNING owner
                """
            ).first()
            if taken == nil {
                let holder = try await sql.raw("SELECT owner FROM sweep_lock WHERE id = 1").first()?
                    .decode(column: "owner", as: String?.self)
                throw RetentionSweep.lockHeld(by: holder ?? "?")
            }
        }
    }

    static func lockHeld(by owner: String) -> GallraError {
        let parts = owner.split(separator: ":")
        return GallraError.unavailable(
            "Another sweep is running (process \(parts.count > 1 ? parts[1] : "?") on \(parts.first ?? "?")); nothing was done."
        )
    }

    /// Renews the lease, in the caller's transaction (a batch's), so that it costs no commit of its own.
    func renewSweepLock(on sql: any SQLDatabase) async throws {
        try await sql.raw(
            """
            UPDATE sweep_lock SET expires_at = \(bind: Clock.nowMillis() + RetentionSweep.sweepLease)
            WHERE id = 1 AND owner = \(bind: store.lockOwner)
            """
        ).run()
    }

    func releaseSweepLock(on sql: (any SQLDatabase)? = nil) async throws {
        try await (sql ?? data.sql).raw(
            "UPDATE sweep_lock SET owner = NULL, expires_at = 0 WHERE id = 1 AND owner = \(bind: store.lockOwner)"
        ).run()
    }

    /// A holder on this host whose process no longer exists (it was killed) holds nothing.
    static func holderIsGone(_ owner: String) -> Bool {
        let parts = owner.split(separator: ":")
        guard parts.count >= 2, let pid = Int32(parts[1]), String(parts[0]) == host else {
            return false
        }
        return kill(pid, 0) != 0 && errno == ESRCH
    }
}
