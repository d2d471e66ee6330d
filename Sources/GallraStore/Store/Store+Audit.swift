import Foundation
import GallraConnectors
import GallraCore
import GallraDatabase

extension Store {
    /// Checks the whole audit chain and the checkpoints; names the first entry altered, removed or
    /// reordered, a cut tail a checkpoint saw, or a checkpoint not signed with this key file.
    public func verifyAudit() async throws -> AuditVerification {
        try await checkAudit().verification
    }

    /// Checks the whole audit chain, and holds it against every checkpoint in the checkpoints file.
    public func checkAudit() async throws -> AuditCheck {
        let file = AuditCheckpointFile(path: auditCheckpointsPath)
        // The file first: a checkpoint written while the chain is walked is not held against it.
        let reading = try file.read(checkingWith: try auditKeys.checkpointSigner().publicKey)
        var verification = try await AuditChain.verify(
            on: data.read, key: auditKeys.chain, checkpoints: reading?.checkpoints ?? [])
        if case .intact = verification, let (line, checkpoint) = reading?.rejected.first {
            let place = "line \(line) of the checkpoints file \"\(file.path)\""
            verification = .broken(
                seq: checkpoint?.seq ?? 0,
                reason: checkpoint.map {
                    "\(place) (the checkpoint of \($0.at), entry \($0.seq)) has a bad signature: it was not written with this key file, or was changed"
                } ?? "\(place) is not a checkpoint")
        }
        return AuditCheck(
            verification: verification, checkpointsPath: file.path, checkpoints: reading?.checkpoints.count,
            latest: reading?.checkpoints.max { $0.seq < $1.seq })
    }

    /// Signs the audit log's head as it is now and appends it to the checkpoints file (fsynced
    /// before this returns), so that the head is anchored outside the database.
    public func checkpointAudit(at date: Date = Date()) async throws -> AuditCheckpoint {
        guard let checkpoint = try await checkpointAudit(at: date, unlessAt: nil) else {
            throw GallraError.integrity("The audit checkpoint was not written.")
        }
        return checkpoint
    }

    /// As `checkpointAudit(at:)`, but writes nothing (and returns nil) while the head is still the
    /// one `previous` saw: an idle server does not fill the file with the same checkpoint.
    public func checkpointAudit(at date: Date = Date(), unlessAt previous: AuditCheckpoint?) async throws
        -> AuditCheckpoint?
    {
        guard let head = try await data.read.raw("SELECT seq, hash, keyed_from FROM audit_head WHERE id = 1").first()
        else { throw GallraError.integrity("The audit log has no head row.") }
        guard let keyedFrom = try head.decode(column: "keyed_from", as: Int64?.self) else {
            throw GallraError.integrity("The head of the audit log does not say where keyed hashing starts.")
        }
        let (seq, hash) = (
            try head.decode(column: "seq", as: Int64.self), try head.decode(column: "hash", as: String.self)
        )
        if let previous, previous.seq == seq, previous.hash == hash, previous.keyedFrom == keyedFrom { return nil }
        let checkpoint = try AuditCheckpoint.signed(
            seq: seq, hash: hash, keyedFrom: keyedFrom, at: date, with: try auditKeys.checkpointSigner())
        try AuditCheckpointFile(path: auditCheckpointsPath).append(checkpoint)
        return checkpoint
    }

    /// The public key of the checkpoints' signatures (Ed25519, base64): whoever keeps copies of the
    /// checkpoints can check them with it, and cannot forge one.
    public func auditCheckpointPublicKey() throws -> String {
        try auditKeys.checkpointSigner().publicKey.rawRepresentation.base64EncodedString()
    }
}
