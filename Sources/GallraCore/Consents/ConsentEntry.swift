import Foundation

/// One consent as the register keeps it: to which activity, which wording was shown, how and when
/// it was given, and when it was withdrawn. History is kept: a new consent is a new row.
public struct ConsentEntry: Sendable {
    public let id: String
    public let subject: String
    public let activity: String
    public let wordingVersion: String
    public let channel: String
    public let given: Date
    public let withdrawn: Date?

    public init(
        id: String,
        subject: String,
        activity: String,
        wordingVersion: String,
        channel: String,
        given: Date,
        withdrawn: Date?
    ) {
        self.id = id
        self.subject = subject
        self.activity = activity
        self.wordingVersion = wordingVersion
        self.channel = channel
        self.given = given
        self.withdrawn = withdrawn
    }

    public func isInForce(at instant: Date) -> Bool { given <= instant && (withdrawn.map { $0 > instant } ?? true) }
}
