/// What `gallra audit verify` found: the chain, held against the signed checkpoints kept outside
/// the database.
public struct AuditCheck: Equatable, Sendable {
    /// Intact only when the chain is and every checkpoint agrees with it.
    public var verification: AuditVerification
    /// The checkpoints file read.
    public var checkpointsPath: String
    /// The checkpoints whose signature held and that were checked; nil when there was no file.
    public var checkpoints: Int?
    /// The newest checkpoint whose signature held.
    public var latest: AuditCheckpoint?

    public init(
        verification: AuditVerification, checkpointsPath: String, checkpoints: Int?, latest: AuditCheckpoint? = nil
    ) {
        self.latest = latest
        self.verification = verification
        self.checkpointsPath = checkpointsPath
        self.checkpoints = checkpoints
    }
}
