@preconcurrency import Crypto
import Foundation
import GallraConnectors
import GallraCore
import GallraDatabase

/// The file the audit checkpoints are appended to, outside the database: by default beside the key
/// file (`<key file>.audit-checkpoints`), created with mode 0600. Each append is one write of a
/// whole line with O_APPEND, made durable with fsync before the checkpoint is reported written.
struct AuditCheckpointFile: Sendable {
    let path: String

    /// Longer lines are not checkpoints (one is about 200 bytes); they are reported, not kept.
    static let maximumLineLength = 1_024

    /// What the file holds: the checkpoints whose signature holds, and the lines that are not
    /// checkpoints of this key file, by line number.
    struct Reading: Sendable {
        var checkpoints: [AuditCheckpoint] = []
        var rejected: [(line: Int, checkpoint: AuditCheckpoint?)] = []
    }

    func append(_ checkpoint: AuditCheckpoint) throws(GallraError) {
        let existed = FileManager.default.fileExists(atPath: path)
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard descriptor >= 0 else {
            throw GallraError.unavailable(
                "Cannot open the audit checkpoints file \"\(path)\": \(String(cString: strerror(errno))).")
        }
        defer { close(descriptor) }
        let bytes = Array((checkpoint.line + "\n").utf8)
        let written = bytes.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
        guard written == bytes.count, fsync(descriptor) == 0 else {
            throw GallraError.unavailable("Cannot write the audit checkpoints file \"\(path)\".")
        }
        // A new file's name must survive a crash as well as its contents.
        if !existed { DirectoryEntry.sync(of: path) }
    }

    /// The file's checkpoints, their signatures checked with `key`; nil when there is no file.
    /// Read a piece at a time; a line is never held beyond `maximumLineLength`.
    func read(checkingWith key: Curve25519.Signing.PublicKey) throws(GallraError) -> Reading? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw GallraError.unavailable("Cannot read the audit checkpoints file \"\(path)\".")
        }
        defer { try? handle.close() }  // read-only: nothing is lost if closing fails
        var reading = Reading()
        var (line, number, overlong) = ([UInt8](), 0, false)
        func finish() {
            number += 1
            defer { (line, overlong) = ([], false) }
            if line.isEmpty && !overlong { return }
            let text = String(decoding: line, as: UTF8.self)
            guard !overlong, let checkpoint = AuditCheckpoint.parse(Substring(text)) else {
                reading.rejected.append((number, nil))
                return
            }
            if checkpoint.isSigned(by: key) {
                reading.checkpoints.append(checkpoint)
            } else {
                reading.rejected.append((number, checkpoint))
            }
        }
        while true {
            let chunk: Data
            do {
                chunk = try handle.read(upToCount: 64 * 1024) ?? Data()
            } catch {
                throw GallraError.unavailable("Cannot read the audit checkpoints file \"\(path)\".")
            }
            if chunk.isEmpty { break }
            for byte in chunk {
                if byte == UInt8(ascii: "\n") {
                    finish()
                } else if line.count < Self.maximumLineLength {
                    line.append(byte)
                } else {
                    overlong = true
                }
            }
        }
        if !line.isEmpty || overlong { finish() }
        return reading
    }
}
