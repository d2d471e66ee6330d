import Foundation
import GallraCore
import SQLKit

extension Store {
    /// Introduces a new master key and re-wraps every data key under it, a batch at a time; the
    /// data stays readable throughout, since every wrapped key names the master key it needs.
    /// Returns how many data keys were re-wrapped.
    public func rotateKeys() async throws -> (from: Int, to: Int, rewrapped: Int) {
        let from = keys.currentVersion
        try keys.addMasterKey()
        let to = keys.currentVersion
        var rewrapped = 0
        while true {
            let rows = try await keyring.read.raw(
                "SELECT subject_id, master_version, wrapped FROM subject_keys WHERE master_version <> \(bind: to) LIMIT 1000"
            ).all()
            if rows.isEmpty { break }
            try await keyring.transaction { sql in
                for row in rows {
                    let subject = try row.decode(column: "subject_id", as: String.self)
                    let old = try self.keys.masterKey(version: try row.decode(column: "master_version", as: Int.self))
                    let key = try SubjectCipher.unwrap(
                        try row.decode(column: "wrapped", as: Data.self), with: old, subject: subject)
                    let wrapped = try SubjectCipher.wrap(key, with: self.keys.current.key, subject: subject)
                    try await sql.raw(
                        "UPDATE subject_keys SET master_version = \(bind: to), wrapped = \(bind: wrapped) WHERE subject_id = \(bind: subject)"
                    ).run()
                }
            }
            rewrapped += rows.count
        }
        try await data.transaction { sql in
            try await self.audit(
                [AuditEvent("keys.rotate", detail: "master key \(from) -> \(to), \(rewrapped) data keys re-wrapped")],
                on: sql)
        }
        return (from, to, rewrapped)
    }

    /// Removes from the key file the master keys no data key is wrapped with any more.
    public func removeRetiredMasterKeys() async throws -> [Int] {
        let used = try await keyring.read.raw("SELECT DISTINCT master_version FROM subject_keys").all()
            .map { try $0.decode(column: "master_version", as: Int.self) }
        let removed = try keys.removeMasterKeys(except: Set(used))
        if !removed.isEmpty {
            try await data.transaction { sql in
                try await self.audit(
                    [
                        AuditEvent(
                            "keys.remove",
                            detail: "master keys removed: \(removed.map(String.init).joined(separator: ", "))")
                    ],
                    on: sql)
            }
        }
        return removed
    }

    /// Destroys a subject's data key: everything of theirs becomes unreadable, here and in every
    /// backup of the data. (The sweep and erasure requests build on this.)
    public func destroyDataKey(subject: String) async throws {
        try await keyring.sql.raw("DELETE FROM subject_keys WHERE subject_id = \(bind: subject)").run()
        dataKeyCache[subject] = nil
    }
}
