/// A record an activity may use now, its value opened.
public struct RecordInUse: Sendable {
    public let subject: String
    public let record: String
    public let category: String
    public let value: String

    public init(subject: String, record: String, category: String, value: String) {
        self.subject = subject
        self.record = record
        self.category = category
        self.value = value
    }
}
