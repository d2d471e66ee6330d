import Foundation

/// What completing a request did.
public struct RequestCompletion: Sendable {
    public let request: DataSubjectRequest
    public let decisions: [RightsDecision]
    /// The copy for the person, for access and portability.
    public var export: SubjectExport?
    /// The subject had nothing left and is erased whole, its data key destroyed.
    public let subjectErased: Bool
    /// What was done to the subject's rows in the company's own databases.
    public var connected: [ConnectedChange] = []

    public init(
        request: DataSubjectRequest, decisions: [RightsDecision], export: SubjectExport? = nil, subjectErased: Bool,
        connected: [ConnectedChange] = []
    ) {
        self.request = request
        self.decisions = decisions
        self.export = export
        self.subjectErased = subjectErased
        self.connected = connected
    }
}
