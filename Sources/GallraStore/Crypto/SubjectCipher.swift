@preconcurrency import Crypto
import Foundation
import GallraConnectors
import GallraCore
import GallraDatabase

/// AES-256-GCM under a subject's own data key, with a fresh random nonce for every value. The
/// associated data binds each ciphertext to its row, so a value moved to another row does not open.
struct SubjectCipher: Sendable {
    let dataKey: SymmetricKey

    static func newDataKey() -> SymmetricKey { SymmetricKey(size: .bits256) }

    func seal(_ text: String, context: String) throws -> Data {
        try AES.GCM.seal(Data(text.utf8), using: dataKey, authenticating: Data(context.utf8)).combined!
    }

    func open(_ sealed: Data, context: String) throws(GallraError) -> String {
        // try?: a box that does not open is refused just below as an integrity error
        guard let box = try? AES.GCM.SealedBox(combined: sealed),
            let plain = try? AES.GCM.open(box, using: dataKey, authenticating: Data(context.utf8))
        else {
            throw GallraError.integrity("A stored value does not decrypt: it was altered or belongs to another row.")
        }
        return String(decoding: plain, as: UTF8.self)
    }

    /// The data key wrapped by a master key, bound to its subject.
    static func wrap(_ dataKey: SymmetricKey, with masterKey: SymmetricKey, subject: String) throws -> Data {
        try dataKey.withUnsafeBytes { bytes in
            try AES.GCM.seal(Data(bytes), using: masterKey, authenticating: Data("subject-key:\(subject)".utf8))
                .combined!
        }
    }

    static func unwrap(_ wrapped: Data, with masterKey: SymmetricKey, subject: String) throws(GallraError)
        -> SymmetricKey
    {
        // try?: a key that does not unwrap is refused just below as an integrity error
        guard let box = try? AES.GCM.SealedBox(combined: wrapped),
            let key = try? AES.GCM.open(box, using: masterKey, authenticating: Data("subject-key:\(subject)".utf8))
        else { throw GallraError.integrity("The data key of subject \(subject) does not unwrap with its master key.") }
        return SymmetricKey(data: key)
    }
}

/// The lookup index: HMAC-SHA256 under a key of its own, so an identifier can be found without
/// decrypting anything, and the index reveals nothing without the key (a plain or salted hash of
/// an e-mail address can be reversed by guessing).
struct IdentifierIndex: Sendable {
    let key: SymmetricKey

    func lookup(_ kind: String, _ value: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data("\(kind):\(value)".utf8), using: key)
        return Hex.encode(mac)
    }
}

enum Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    static func encode<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        let bytes = Array(bytes)
        let digits = Self.digits
        return String(unsafeUninitializedCapacity: bytes.count * 2) { out in
            for (index, byte) in bytes.enumerated() {
                out[2 * index] = digits[Int(byte >> 4)]
                out[2 * index + 1] = digits[Int(byte & 0x0f)]
            }
            return bytes.count * 2
        }
    }
}
