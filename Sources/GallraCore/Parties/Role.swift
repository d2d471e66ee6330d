/// What a person or program is trusted with (`shared/spec/server.md`).
public enum Role: String, Sendable, CaseIterable, Codable {
    /// Everything, including users and tokens.
    case admin
    /// Everything but users and tokens.
    case privacyOfficer = "privacy_officer"
    /// Subjects, records, requests and consents of the activities assigned, nothing else.
    case support
    /// The register, the documents and the audit log; no personal data.
    case auditor
}

/// What a use case needs of its caller.
public enum Permission: String, Sendable, CaseIterable {
    /// Read the register of processing activities and the documents written from it.
    case readRegister
    /// Apply a new version of the register.
    case changeRegister
    /// Read personal data: subjects, records, consents, requests (scoped for support).
    case readPersonalData
    /// Add or change personal data, handle requests and consents (scoped for support).
    case writePersonalData
    /// The incident register (Art. 33–34).
    case handleIncidents
    /// Legal holds.
    case placeHolds
    /// Run or forecast the sweep.
    case sweep
    /// Verify and read the audit log.
    case readAudit
    /// Master keys.
    case manageKeys
    /// Users and API tokens.
    case manageAccess
}

extension Role {
    /// Whether the role has `permission` at all (support: only for its activities).
    public func grants(_ permission: Permission) -> Bool {
        switch self {
        case .admin: return true
        case .privacyOfficer: return permission != .manageAccess
        case .support: return permission == .readPersonalData || permission == .writePersonalData
        case .auditor: return permission == .readRegister || permission == .readAudit
        }
    }
}
