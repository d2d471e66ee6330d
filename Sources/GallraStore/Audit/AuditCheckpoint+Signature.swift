@preconcurrency import Crypto
import Foundation
import GallraConnectors
import GallraCore
import GallraDatabase

/// A checkpoint's signature: Ed25519 by the key file's signing key, over
/// "gallra audit checkpoint v1\n" and the fields.
extension AuditCheckpoint {
    /// What is signed: a label of its own, so that the signature means nothing anywhere else.
    static func message(_ fields: String) -> Data { Data(("gallra audit checkpoint v1\n" + fields).utf8) }

    /// A checkpoint of the head `seq`/`hash`, signed now.
    static func signed(
        seq: Int64, hash: String, keyedFrom: Int64, at date: Date = Date(), with key: Curve25519.Signing.PrivateKey
    ) throws(GallraError) -> AuditCheckpoint {
        let at = ISO8601DateFormatter().string(from: date)
        let fields = "seq=\(seq) hash=\(hash) at=\(at) keyed-from=\(keyedFrom)"
        let signature: Data
        do {
            signature = try key.signature(for: message(fields))
        } catch {
            throw GallraError.unavailable("The audit checkpoint could not be signed.")
        }
        return AuditCheckpoint(seq: seq, hash: hash, at: at, keyedFrom: keyedFrom, signature: signature)
    }

    /// Whether the key file's signing key signed this checkpoint as it reads now.
    func isSigned(by key: Curve25519.Signing.PublicKey) -> Bool {
        key.isValidSignature(signature, for: Self.message(fields))
    }
}
