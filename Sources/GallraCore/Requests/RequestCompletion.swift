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
    /// What a rectification corrected in Gallra's store and in the connected databases.
    public var corrected: [Correction] = []
    /// The messages about the request in the outbox, read after it completed: what went to the
    /// person, or waits to go, is said from these alone.
    public var mail: [MailRecord] = []

    /// A value corrected (Art. 16), named without the value: the activity, and the data category
    /// of a record in the store or of a connected row's column (the column where the systems file
    /// names no category).
    public struct Correction: Sendable, Equatable {
        public let activity: String
        public let what: String

        public init(activity: String, what: String) {
            self.activity = activity
            self.what = what
        }
    }

    public init(
        request: DataSubjectRequest, decisions: [RightsDecision], export: SubjectExport? = nil, subjectErased: Bool,
        connected: [ConnectedChange] = [], corrected: [Correction] = [], mail: [MailRecord] = []
    ) {
        self.request = request
        self.decisions = decisions
        self.export = export
        self.subjectErased = subjectErased
        self.connected = connected
        self.corrected = corrected
        self.mail = mail
    }
}
