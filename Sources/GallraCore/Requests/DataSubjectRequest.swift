import Foundation

public enum RequestStatus: String, Sendable {
    case open
    case extended
    case completed
}

/// A data subject request as the request register keeps it (GDPR Art. 12).
public struct DataSubjectRequest: Sendable {
    public let id: String
    public let kind: RequestKind
    public let subject: String
    public let channel: String
    /// The activities the request names; nil: all of them.
    public let scope: [String]?
    public let received: CivilDate
    public let deadline: CivilDate
    public let verifiedAt: Date?
    public var verifiedHow: String?
    public let extendedAt: Date?
    public var extensionReason: String?
    public let status: RequestStatus
    public let completedAt: Date?
    /// What was sent to the person, said without personal data.
    public let sent: String?
    /// The decisions as carried out; nil until the request is completed.
    public let completedDecisions: [RightsDecision]?
    /// The short reference people quote (`2026-0042`, `RequestReference`), given when it is opened.
    public var reference: String?
    /// Set when the request was closed by refusing it (Art. 12(4)); nothing was carried out.
    public var refusal: RequestRefusal?
    /// Why the officer last narrowed or widened the activities the request names.
    public var scopeReason: String?

    public init(
        id: String,
        kind: RequestKind,
        subject: String,
        channel: String,
        scope: [String]?,
        received: CivilDate,
        deadline: CivilDate,
        verifiedAt: Date?,
        verifiedHow: String?,
        extendedAt: Date?,
        extensionReason: String?,
        status: RequestStatus,
        completedAt: Date?,
        sent: String?,
        completedDecisions: [RightsDecision]?
    ) {
        self.id = id
        self.kind = kind
        self.subject = subject
        self.channel = channel
        self.scope = scope
        self.received = received
        self.deadline = deadline
        self.verifiedAt = verifiedAt
        self.verifiedHow = verifiedHow
        self.extendedAt = extendedAt
        self.extensionReason = extensionReason
        self.status = status
        self.completedAt = completedAt
        self.sent = sent
        self.completedDecisions = completedDecisions
    }

    public func isOverdue(on today: CivilDate) -> Bool { status != .completed && today > deadline }

    public func daysLeft(on today: CivilDate) -> Int { deadline.daysSinceEpoch - today.daysSinceEpoch }
}

/// How a request reached the controller (cli.md: `--channel web|email|phone|letter`).
public enum RequestChannel: String, CaseIterable, Sendable {
    case web, email, phone, letter

    /// The channel a word names, or the refusal that lists the channels.
    public init(naming word: String) throws(GallraError) {
        guard let channel = RequestChannel(rawValue: word) else {
            throw GallraError.invalidInput(
                "Unknown channel \"\(word)\"; use one of \(RequestChannel.allCases.map(\.rawValue).joined(separator: ", "))."
            )
        }
        self = channel
    }
}

extension DataSubjectRequest {
    /// Art. 12(3): the deadline may be extended by two further months where necessary, taking into
    /// account the complexity and number of requests; the person must be told so, with the
    /// reasons, within one month of receipt. Returns the new deadline and the reason as kept.
    public func extended(reason: String, on today: CivilDate) throws -> (deadline: CivilDate, reason: String) {
        let reason = reason.trimmingCharacters(in: .whitespaces)
        guard !reason.isEmpty else {
            throw GallraError.invalidInput("An extension needs its reason (Art. 12(3)), which the person is told.")
        }
        guard status != .extended else {
            throw GallraError.conflict("Request \(id) is already extended, to \(deadline).")
        }
        guard today <= deadline else {
            throw GallraError.invalidInput(
                "Request \(id) can no longer be extended: the reasons had to be given within one month of receipt, by \(deadline) (Art. 12(3))."
            )
        }
        return (LegalDeadlines.requestAnswerDue(received: received, extended: true), reason)
    }

    /// Art. 12(6): how the identity of the person asking was confirmed, as it is kept.
    public static func verification(_ how: String) throws -> String {
        let how = how.trimmingCharacters(in: .whitespaces)
        guard !how.isEmpty else {
            throw GallraError.invalidInput(
                "Say how the identity was verified (e.g. BankID, a reply from the e-mail address on file).")
        }
        return how
    }
}
