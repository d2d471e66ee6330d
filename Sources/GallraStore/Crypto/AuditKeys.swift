@preconcurrency import Crypto
import Foundation
import GallraConnectors
import GallraCore
import GallraDatabase

/// The audit log's keys, which the database never holds: whoever can write the database cannot
/// recompute the chain's hashes nor sign a checkpoint.
///
/// They are derived from the key file's index key, the one key there that never changes (master
/// keys rotate and retired ones are removed, which would orphan the chain). HKDF with a label per
/// use keeps the index key itself to its one purpose.
struct AuditKeys: Sendable {
    static let chainLabel = "gallra audit chain v1"
    static let checkpointLabel = "gallra audit checkpoint v1"

    /// The HMAC-SHA256 key of the chain's entries.
    let chain: SymmetricKey
    /// The seed of the Ed25519 key that signs checkpoints.
    private let checkpointSeed: SymmetricKey

    init(indexKey: SymmetricKey) {
        chain = HKDF<SHA256>.deriveKey(
            inputKeyMaterial: indexKey, info: Data(Self.chainLabel.utf8), outputByteCount: 32)
        checkpointSeed = HKDF<SHA256>.deriveKey(
            inputKeyMaterial: indexKey, info: Data(Self.checkpointLabel.utf8), outputByteCount: 32)
    }

    /// The checkpoints' signing key. Ed25519 rather than an HMAC: its public key can be handed to
    /// whoever keeps the checkpoints (a log service, an auditor), who can then check them without
    /// being able to forge one.
    func checkpointSigner() throws(GallraError) -> Curve25519.Signing.PrivateKey {
        do {
            return try Curve25519.Signing.PrivateKey(rawRepresentation: checkpointSeed.withUnsafeBytes { Data($0) })
        } catch {
            throw GallraError.unavailable("The audit checkpoints' signing key cannot be derived from the key file.")
        }
    }
}
