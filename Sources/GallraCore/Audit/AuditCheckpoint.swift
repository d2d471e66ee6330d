import Foundation

/// A signed note of the audit log's head, kept outside the database (`AuditCheckpointFile`): what
/// the chain held at a moment. A database whose chain was cut or rewritten since no longer agrees
/// with it, whatever was done to the database.
///
/// One line of text:
/// `seq=120 hash=<64 hex> at=2025-12-06T22:40:00Z keyed-from=1 signature=<base64>`.
/// `keyed-from` is the first keyed entry as the database said then, so that moving where keyed
/// hashing starts (to pass rewritten entries off as plain SHA-256 ones) is found too. The signature
/// is Ed25519 over "gallra audit checkpoint v1\n" and the line up to " signature=", checkable with
/// `gallra audit public-key`.
public struct AuditCheckpoint: Equatable, Sendable {
    public let seq: Int64
    public let hash: String
    /// When it was taken, ISO 8601 in UTC, as written.
    public let at: String
    public let keyedFrom: Int64
    /// Ed25519 over the fields (checked by the store, which holds the key).
    public let signature: Data

    public init(seq: Int64, hash: String, at: String, keyedFrom: Int64, signature: Data) {
        self.seq = seq
        self.hash = hash
        self.at = at
        self.keyedFrom = keyedFrom
        self.signature = signature
    }

    /// The fields the signature covers, as written on the line.
    public var fields: String { "seq=\(seq) hash=\(hash) at=\(at) keyed-from=\(keyedFrom)" }

    /// The line in the checkpoints file (without its newline).
    public var line: String { fields + " signature=" + signature.base64EncodedString() }

    /// Reads one line, strictly: five fields in order, each of its exact form; anything else is
    /// nil. Total on any bytes (a damaged file is reported, never trusted).
    public static func parse(_ line: Substring) -> AuditCheckpoint? {
        let parts = line.split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 5,
            let seq = number(parts[0], "seq="), seq >= 0,
            let hash = value(parts[1], "hash="), hash.utf8.count == 64,
            hash.utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) }),
            let at = value(parts[2], "at="), isInstant(at),
            let keyedFrom = number(parts[3], "keyed-from="), keyedFrom >= 1,
            let encoded = value(parts[4], "signature="), encoded.utf8.count <= 100,
            let signature = Data(base64Encoded: encoded), signature.count == 64
        else { return nil }
        return AuditCheckpoint(seq: seq, hash: hash, at: at, keyedFrom: keyedFrom, signature: signature)
    }

    private static func value(_ part: Substring, _ name: String) -> String? {
        part.hasPrefix(name) ? String(part.dropFirst(name.count)) : nil
    }

    private static func number(_ part: Substring, _ name: String) -> Int64? {
        guard let digits = value(part, name), (1...19).contains(digits.utf8.count),
            digits.utf8.allSatisfy({ (48...57).contains($0) })
        else { return nil }
        return Int64(digits)
    }

    /// YYYY-MM-DDTHH:MM:SSZ, as `ISO8601DateFormatter` writes it.
    private static func isInstant(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 20 else { return false }
        for (index, byte) in bytes.enumerated() {
            switch index {
            case 4, 7: guard byte == UInt8(ascii: "-") else { return false }
            case 10: guard byte == UInt8(ascii: "T") else { return false }
            case 13, 16: guard byte == UInt8(ascii: ":") else { return false }
            case 19: guard byte == UInt8(ascii: "Z") else { return false }
            default: guard (48...57).contains(byte) else { return false }
            }
        }
        return true
    }
}
