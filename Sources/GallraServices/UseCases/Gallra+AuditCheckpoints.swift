import GallraCore
import GallraStore

extension Gallra {
    /// Checks the whole audit chain and holds it against every signed checkpoint outside the
    /// database.
    public func checkAudit(by party: Party) async throws -> AuditCheck {
        try await acting(by: party, needs: .readAudit) { try await store.checkAudit() }
    }

    /// Signs the audit log's head and appends it to the checkpoints file. It writes nothing to the
    /// database and says nothing about anyone, so whoever may verify the log may anchor it.
    public func checkpointAudit(by party: Party) async throws -> AuditCheckpoint {
        try await acting(by: party, needs: .readAudit) { try await store.checkpointAudit() }
    }

    /// As `checkpointAudit(by:)`, but nothing is written (nil) while the head is still the one
    /// `previous` saw: the server's schedule does not fill the file with the same checkpoint.
    public func checkpointAudit(unlessAt previous: AuditCheckpoint?, by party: Party) async throws -> AuditCheckpoint? {
        try await acting(by: party, needs: .readAudit) { try await store.checkpointAudit(unlessAt: previous) }
    }

    /// The public key of the checkpoints' signatures (Ed25519, base64).
    public func auditCheckpointPublicKey(by party: Party) async throws -> String {
        try await acting(by: party, needs: .readAudit) { try store.auditCheckpointPublicKey() }
    }
}
