@preconcurrency import Crypto
import Foundation
import GallraConnectors
import GallraCore
import GallraDatabase
import SQLKit

/// The master keys in the key file and the subjects' data keys in the keyring, each data key
/// wrapped by a master key: rotation, removal of retired master keys, crypto-shredding.
public struct Keys: StoreRegister {
    let store: Store

    /// Introduces a new master key and re-wraps every data key under it, a batch at a time; the
    /// data stays readable throughout, since every wrapped key names the master key it needs.
    /// A rotation stopped part-way (killed, the machine gone) is finished by the next one instead
    /// of a further key introduced: the key file's current key is then one the audit log has not
    /// seen a rotation to. Returns how many data keys this call re-wrapped.
    public func rotate() async throws -> (from: Int, to: Int, rewrapped: Int) {
        let (versions, current) = store.masterKeys.withLock { ($0.masterKeys.map(\.version), $0.currentVersion) }
        let unfinished = current > 1 ? !(try await rotationRecorded(to: current)) : false
        let (from, to, key) = try store.masterKeys.withLock { keys throws(GallraError) in
            if unfinished { return (versions.filter { $0 < current }.max() ?? current, current, keys.current.key) }
            let from = keys.currentVersion
            try keys.addMasterKey()
            return (from, keys.currentVersion, keys.current.key)
        }
        let rewrapped = try await rewrap(to: to, key: key)
        // The count comes from the keyring: after a rotation finished by a second call, it is the
        // number of data keys the two calls re-wrapped together.
        let wrapped =
            try await keyring.read.raw(
                "SELECT COUNT(*) AS n FROM subject_keys WHERE master_version = \(bind: to)"
            ).first()?.decode(column: "n", as: Int.self) ?? 0
        try await data.transaction { sql in
            try await audit(
                [AuditEvent("keys.rotate", detail: "master key \(from) -> \(to), \(wrapped) data keys re-wrapped")],
                on: sql)
        }
        return (from, to, rewrapped)
    }

    /// Re-wraps under master key `to` every data key wrapped by another, a batch per transaction.
    private func rewrap(to: Int, key current: SymmetricKey) async throws -> Int {
        var rewrapped = 0
        while true {
            let rows = try await keyring.read.raw(
                "SELECT subject_id, master_version, wrapped FROM subject_keys WHERE master_version <> \(bind: to) LIMIT 1000"
            ).all()
            if rows.isEmpty { return rewrapped }
            try await keyring.transaction { sql in
                for row in rows {
                    let subject = try row.decode(column: "subject_id", as: String.self)
                    let old = try masterKey(version: try row.decode(column: "master_version", as: Int.self))
                    let key = try SubjectCipher.unwrap(
                        try row.decode(column: "wrapped", as: Data.self), with: old, subject: subject)
                    let wrapped = try SubjectCipher.wrap(key, with: current, subject: subject)
                    try await sql.raw(
                        "UPDATE subject_keys SET master_version = \(bind: to), wrapped = \(bind: wrapped) WHERE subject_id = \(bind: subject)"
                    ).run()
                }
            }
            rewrapped += rows.count
        }
    }

    /// Whether the audit log records a finished rotation to master key `version`.
    private func rotationRecorded(to version: Int) async throws -> Bool {
        try await data.read.raw("SELECT detail FROM audit_log WHERE action = 'keys.rotate'").all().contains { row in
            try row.decode(column: "detail", as: String.self).contains(" -> \(version), ")
        }
    }

    /// Removes from the key file the master keys no data key is wrapped with any more, and
    /// records in the audit log the versions gone from the key file that no entry names yet (so
    /// that a removal killed between the key file and the log is recorded by the next).
    public func removeRetired() async throws -> [Int] {
        let used = try await keyring.read.raw("SELECT DISTINCT master_version FROM subject_keys").all()
            .map { try $0.decode(column: "master_version", as: Int.self) }
        let (removed, left) = try store.masterKeys.withLock { keys throws(GallraError) in
            let removed = try keys.removeMasterKeys(except: Set(used))
            return (removed, Set(keys.masterKeys.map(\.version)))
        }
        let named = try await data.read.raw("SELECT detail FROM audit_log WHERE action = 'keys.remove'").all()
            .flatMap { row in
                try row.decode(column: "detail", as: String.self).matches(of: /\d+/).compactMap { Int($0.output) }
            }
        let unrecorded = (1...(left.max() ?? 1)).filter { !left.contains($0) && !named.contains($0) }
        if !unrecorded.isEmpty {
            try await data.transaction { sql in
                try await audit(
                    [
                        AuditEvent(
                            "keys.remove",
                            detail: "master keys removed: \(unrecorded.map(String.init).joined(separator: ", "))")
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
        forget([subject])
    }

    /// Drops destroyed subjects' data keys from the keys kept unwrapped.
    func forget(_ subjects: [String]) {
        store.dataKeyCache.withLock { cache in
            for subject in subjects { cache[subject] = nil }
        }
    }

    /// New subjects' data keys, wrapped by the current master key, stored in the keyring.
    func createDataKeys(for subjects: [String]) async throws -> [String: SymmetricKey] {
        let (version, master) = store.masterKeys.withLock { ($0.currentVersion, $0.current.key) }
        let created = try await keyring.transaction { sql in
            var created: [String: SymmetricKey] = [:]
            for chunk in subjects.chunked(into: 500) {
                var insert = sql.insert(into: "subject_keys").columns("subject_id", "master_version", "wrapped")
                for subject in chunk {
                    let key = SubjectCipher.newDataKey()
                    let wrapped = try SubjectCipher.wrap(key, with: master, subject: subject)
                    insert = insert.values(SQLBind(subject), SQLBind(version), SQLBind(wrapped))
                    created[subject] = key
                }
                try await insert.run()
            }
            return created
        }
        let unwrapped = created.mapValues(UnwrappedKey.init)
        store.dataKeyCache.withLock { cache in cache.merge(unwrapped) { _, new in new } }
        return created
    }

    /// A subject's data key, unwrapped; an integrity error once it has been destroyed.
    func dataKey(for subject: String) async throws -> SymmetricKey {
        if let cached = store.dataKeyCache.withLock({ $0[subject] }) { return cached.key }
        guard
            let row = try await keyring.read.raw(
                "SELECT master_version, wrapped FROM subject_keys WHERE subject_id = \(bind: subject)"
            ).first()
        else {
            throw GallraError.integrity(
                "The data key of subject \(subject) has been destroyed; its data cannot be read.")
        }
        let master = try masterKey(version: try row.decode(column: "master_version", as: Int.self))
        let key = try SubjectCipher.unwrap(
            try row.decode(column: "wrapped", as: Data.self), with: master, subject: subject)
        let unwrapped = UnwrappedKey(key: key)
        store.dataKeyCache.withLock { cache in
            if cache.count > 10_000 { cache.removeAll() }
            cache[subject] = unwrapped
        }
        return key
    }

    func cipher(for subject: String) async throws -> SubjectCipher {
        SubjectCipher(dataKey: try await dataKey(for: subject))
    }

    /// Staff secrets (a user's second factor) are sealed under a key derived from the key file's
    /// index key: kept apart from the database like every key, and untouched by master-key rotation.
    func staffCipher() -> SubjectCipher {
        derivedCipher("gallra staff secrets")
    }

    /// Messages waiting in the outbox and what public tokens carry (addresses, before anyone is a
    /// subject) are sealed under a key derived the same way. The derivation's label is the one the
    /// self-service pages had when they were called "the public door": changing it would make every
    /// message and token already sealed unreadable.
    func selfServiceCipher() -> SubjectCipher {
        derivedCipher("gallra public door")
    }

    private func derivedCipher(_ purpose: String) -> SubjectCipher {
        let index = store.masterKeys.withLock { UnwrappedKey(key: $0.indexKey) }
        return SubjectCipher(
            dataKey: HKDF<SHA256>.deriveKey(
                inputKeyMaterial: index.key, info: Data(purpose.utf8), outputByteCount: 32))
    }

    private func masterKey(version: Int) throws -> SymmetricKey {
        try store.masterKeys.withLock { keys throws(GallraError) in try keys.masterKey(version: version) }
    }
}

/// A data key kept unwrapped: immutable once made, so tasks may share it.
struct UnwrappedKey: @unchecked Sendable {
    let key: SymmetricKey
}
