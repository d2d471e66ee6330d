@preconcurrency import Crypto
import Foundation
import GallraConnectors
import GallraCore
import GallraDatabase

/// The key file: versioned master keys that wrap the subjects' data keys, and the key of the
/// lookup index. It is created with mode 0600 on first use and never stored in the database.
public struct KeyFile: Sendable {
    public struct MasterKey: Sendable {
        public let version: Int
        let key: SymmetricKey
        let created: String
    }

    public let path: String
    public private(set) var masterKeys: [MasterKey]
    public private(set) var currentVersion: Int
    /// The HMAC-SHA256 key of the identifier index; it never changes, or lookups would break.
    let indexKey: SymmetricKey

    public var current: MasterKey { masterKeys.first { $0.version == currentVersion }! }

    public func masterKey(version: Int) throws(GallraError) -> SymmetricKey {
        guard let key = masterKeys.first(where: { $0.version == version }) else {
            throw GallraError.unavailable(
                "The key file \"\(path)\" has no master key version \(version); it is needed to read the data wrapped by it."
            )
        }
        return key.key
    }

    /// Reads the key file, or creates it (mode 0600) when it does not exist.
    public static func openOrCreate(path: String) throws(GallraError) -> KeyFile {
        if FileManager.default.fileExists(atPath: path) { return try read(path: path) }
        let file = KeyFile(
            path: path, masterKeys: [MasterKey(version: 1, key: SymmetricKey(size: .bits256), created: Self.now())],
            currentVersion: 1, indexKey: SymmetricKey(size: .bits256))
        try file.write(creating: true)
        return file
    }

    public static func read(path: String) throws(GallraError) -> KeyFile {
        try checkPermissions(path: path)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw GallraError.unavailable("Cannot read the key file \"\(path)\".")
        }
        // try?: a key file that does not decode is refused just below as damaged
        guard let stored = try? JSONDecoder().decode(Stored.self, from: data),
            let index = Data(base64Encoded: stored.indexKey), index.count == 32
        else { throw GallraError.unavailable("The key file \"\(path)\" is damaged.") }
        var keys: [MasterKey] = []
        for entry in stored.masterKeys {
            guard let bytes = Data(base64Encoded: entry.key), bytes.count == 32 else {
                throw GallraError.unavailable("Master key version \(entry.version) in \"\(path)\" is damaged.")
            }
            keys.append(MasterKey(version: entry.version, key: SymmetricKey(data: bytes), created: entry.created))
        }
        guard keys.contains(where: { $0.version == stored.current }) else {
            throw GallraError.unavailable("The key file \"\(path)\" names a current master key it does not hold.")
        }
        return KeyFile(
            path: path, masterKeys: keys, currentVersion: stored.current, indexKey: SymmetricKey(data: index))
    }

    /// Adds a new master key and makes it current; older keys stay until removed.
    public mutating func addMasterKey() throws(GallraError) {
        let version = (masterKeys.map(\.version).max() ?? 0) + 1
        masterKeys.append(MasterKey(version: version, key: SymmetricKey(size: .bits256), created: Self.now()))
        currentVersion = version
        try write(creating: false)
    }

    /// Removes master keys that nothing is wrapped with any more.
    public mutating func removeMasterKeys(except kept: Set<Int>) throws(GallraError) -> [Int] {
        let removed = masterKeys.map(\.version).filter { !kept.contains($0) && $0 != currentVersion }
        masterKeys.removeAll { removed.contains($0.version) }
        try write(creating: false)
        return removed
    }

    private struct Stored: Codable {
        struct Entry: Codable {
            let version: Int
            let key: String
            let created: String
        }
        let format: Int
        let current: Int
        let indexKey: String
        let masterKeys: [Entry]
    }

    /// Written to a temporary file with mode 0600, synced, and renamed over the old one, so a crash
    /// never leaves a half-written key file; then its directory is synced.
    private func write(creating: Bool) throws(GallraError) {
        let stored = Stored(
            format: 1, current: currentVersion, indexKey: indexKey.withUnsafeBytes { Data($0).base64EncodedString() },
            masterKeys: masterKeys.map { key in
                .init(
                    version: key.version, key: key.key.withUnsafeBytes { Data($0).base64EncodedString() },
                    created: key.created)
            })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        // try?: a key file that cannot be encoded is refused just below, nothing written
        guard let data = try? encoder.encode(stored) else {
            throw GallraError.unavailable("Cannot encode the key file.")
        }
        removeStrayTemporaries()
        let temporary = path + ".tmp-\(getpid())"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else { throw GallraError.unavailable("Cannot create the key file \"\(path)\".") }
        let written = data.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
        let synced = fsync(descriptor) == 0
        close(descriptor)
        FaultPoint.pass("keyfile.written")
        guard written == data.count, synced else {
            unlink(temporary)
            throw GallraError.unavailable("Cannot write the key file \"\(path)\".")
        }
        if creating {
            // link() fails if another process created the file first: never overwrite a key file.
            guard link(temporary, path) == 0 else {
                unlink(temporary)
                throw GallraError.unavailable(
                    "The key file \"\(path)\" appeared while it was being created; run again.")
            }
            unlink(temporary)
        } else {
            guard rename(temporary, path) == 0 else {
                unlink(temporary)
                throw GallraError.unavailable("Cannot replace the key file \"\(path)\".")
            }
        }
        // The new name must survive a crash too: else a rotation's new key, or a removal of
        // retired ones, could be undone by a power cut after it was reported done.
        DirectoryEntry.sync(of: path)
        FaultPoint.pass("keyfile.replaced")
    }

    /// Removes the temporaries of writes whose process is gone (killed between writing one and
    /// renaming it): each holds a copy of the master keys, which must not outlive the key file's.
    private func removeStrayTemporaries() {
        let url = URL(fileURLWithPath: path)
        let prefix = url.lastPathComponent + ".tmp-"
        let directory = url.deletingLastPathComponent()
        // try?: an unreadable directory leaves the temporaries for the next write; the write itself says why it failed
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        for file in files where file.hasPrefix(prefix) {
            guard let pid = pid_t(file.dropFirst(prefix.count)), pid != getpid(), kill(pid, 0) != 0, errno == ESRCH
            else { continue }
            unlink(directory.appendingPathComponent(file).path)
        }
    }

    private static func now() -> String { ISO8601DateFormatter().string(from: Date()) }
}
