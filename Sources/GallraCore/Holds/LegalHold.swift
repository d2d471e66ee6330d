import Foundation

/// A legal hold: the subject's records (or one activity's) are never erased while it is in force
/// (GDPR Art. 17(3)(e): the establishment, exercise or defence of legal claims).
public struct LegalHold: Sendable {
    public let id: String
    public let subject: String
    public let activity: String?
    public let until: Date?
    /// When it was released; nil while in force (or where it was not read).
    public var released: Date?
    /// Why it was placed (sealed under the person's key); read only where it is shown.
    public var reason: String?

    public init(id: String, subject: String, activity: String?, until: Date?) {
        self.id = id
        self.subject = subject
        self.activity = activity
        self.until = until
    }
}
