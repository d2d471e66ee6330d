/// The result of `gallra audit verify`.
public enum AuditVerification: Equatable, Sendable {
    case intact(entries: Int64)
    /// The first entry that breaks the chain, and how.
    case broken(seq: Int64, reason: String)
}
