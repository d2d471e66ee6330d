import Foundation

/// A piece of personal data to store.
public struct NewRecord: Sendable {
    public var subject: String
    public var activity: String
    public var category: String
    public var value: String
    public var collected: Date
    public var system: String?

    public init(
        subject: String, activity: String, category: String, value: String, collected: Date, system: String? = nil
    ) {
        self.subject = subject
        self.activity = activity
        self.category = category
        self.value = value
        self.collected = collected
        self.system = system
    }
}

/// Where an event applies: to everything of the subject, to one activity, or to one record.
public enum EventScope: Hashable, Sendable {
    case subject
    case activity(String)
    case record(String)
}
