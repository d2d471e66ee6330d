import Foundation

/// A personal data incident (GDPR Art. 4(12)), as the incident register keeps it: the facts IMY's
/// breach form asks for (Art. 33(3)), the 72-hour notification (Art. 33(1)) and the information to
/// the people affected (Art. 34). Texts describe the incident, not the people: those are linked.
public struct Incident: Sendable, Equatable {
    public enum Risk: String, CaseIterable, Sendable {
        /// Unlikely to result in a risk to people's rights and freedoms: IMY need not be notified.
        case none
        case risk
        /// Likely to result in a high risk: the people affected are told without undue delay.
        case high
    }

    /// What kind of breach it is (EDPB Guidelines 9/2022): of confidentiality (disclosed or
    /// accessed), of integrity (altered) or of availability (lost or destroyed); one or more.
    public enum Nature: String, CaseIterable, Sendable, Codable {
        case confidentiality, integrity, availability
    }

    /// Art. 33(3)(a) and 34: what the controller decided about telling the people affected.
    public enum PeopleDecision: String, CaseIterable, Sendable {
        /// They are told: a message to each linked person with an e-mail address, through the outbox.
        case tell
        /// They are not told under an Art. 34(3) exemption (needed when the risk is high).
        case exempt
        /// They need not be told: the risk is not high (Art. 34(1)); the reason is recorded.
        case notRequired = "not_required"
    }

    /// Art. 34(3): when the people affected need not be told.
    public enum Exemption: String, CaseIterable, Sendable {
        /// (a) the data was protected so as to be unintelligible, e.g. encrypted.
        case a
        /// (b) later measures mean the high risk is no longer likely to materialise.
        case b
        /// (c) it would involve disproportionate effort; a public communication is made instead.
        case c

        public var article: String { "Art. 34(3)(\(rawValue))" }
    }

    public var id: String
    /// When the controller became aware: the 72-hour clock starts here.
    public var aware: Date
    public var occurred: Date?
    public var ended: Date?
    public var description: String
    /// How the incident was discovered (a report from a customer, a log alert, …).
    public var discoveredHow: String?
    public var nature: [Nature] = []
    public var subjectCategories: [String] = []
    public var dataCategories: [String] = []
    public var approximateSubjects: Int?
    public var approximateRecords: Int?
    public var consequences: String?
    public var measures: String?
    /// Art. 33(3)(b): where more information is obtained, the DPO or another contact point.
    public var contactPoint: String?
    public var risk: Risk?
    /// Why the risk is assessed as it is.
    public var riskReasoning: String?
    public var authorityNotified: Date?
    public var authorityReference: String?
    /// Art. 33(1): why the notification came later than 72 hours.
    public var delayReasons: String?
    /// Why IMY was not notified (the incident is unlikely to result in a risk).
    public var authorityNotNeeded: String?
    public var peopleDecision: PeopleDecision?
    /// When the people affected were told by other means than Gallra's messages (recorded by hand).
    public var subjectsInformed: Date?
    public var exemption: Exemption?
    /// Why the people are not told (an exemption's or, with the risk not high, the reason).
    public var exemptionReason: String?
    public var closed: Date?

    public init(id: String, aware: Date, description: String) {
        self.id = id
        self.aware = aware
        self.description = description
    }

    /// Art. 33(1): IMY is notified within 72 hours of awareness.
    public var notificationDue: Date { LegalDeadlines.breachNotificationDue(aware: aware) }

    /// Whether the notification to IMY is still owed.
    public var awaitsNotification: Bool { authorityNotified == nil && authorityNotNeeded == nil }

    /// Seconds left on the 72-hour clock at `now`; negative when late.
    public func timeLeft(at now: Date) -> TimeInterval { notificationDue.timeIntervalSince(now) }

    /// Whole hours on the clock at `now`: the hours left, or (negative) the whole hours late, at
    /// least one once the deadline has passed ("overdue by 9 hours", never "-9 hours left").
    public func hoursLeft(at now: Date) -> Int {
        let left = timeLeft(at: now)
        if left >= 0 { return Int(left / 3_600) }
        return -max(1, Int(-left / 3_600))
    }

    /// A notification at `instant` is late, and then needs the reasons for the delay.
    public func isLate(_ instant: Date) -> Bool { instant > notificationDue }

    /// What still stands in the way of closing the incident, given what the outbox holds of the
    /// messages to the people affected.
    public func closingGaps(_ messages: IncidentMessages) -> [IncidentGap] {
        var gaps: [IncidentGap] = []
        if nature.isEmpty { gaps.append(.nature) }
        if discoveredHow == nil { gaps.append(.discovery) }
        if subjectCategories.isEmpty || dataCategories.isEmpty { gaps.append(.categories) }
        if approximateSubjects == nil || approximateRecords == nil { gaps.append(.numbers) }
        if consequences == nil { gaps.append(.consequences) }
        if measures == nil { gaps.append(.measures) }
        if contactPoint == nil { gaps.append(.contactPoint) }
        if risk == nil || riskReasoning == nil { gaps.append(.risk) }
        if awaitsNotification { gaps.append(.authority) }
        switch peopleDecision {
        case nil: gaps.append(.peopleDecision)
        case .tell:
            let toldOtherwise = subjectsInformed != nil
            if !toldOtherwise && (messages.queued == 0 || messages.unreachable > 0) { gaps.append(.peopleUnreached) }
            if !toldOtherwise && messages.queued > 0 && messages.sent < messages.queued {
                gaps.append(.messagesPending)
            }
        case .exempt, .notRequired: break
        }
        return gaps
    }

    /// The facts that describe the incident (Art. 33(3)), as each version keeps them.
    public var facts: IncidentFacts {
        IncidentFacts(
            description: description, discoveredHow: discoveredHow, nature: nature, occurred: occurred, ended: ended,
            subjectCategories: subjectCategories, dataCategories: dataCategories,
            approximateSubjects: approximateSubjects, approximateRecords: approximateRecords,
            consequences: consequences, measures: measures, contactPoint: contactPoint, risk: risk?.rawValue,
            riskReasoning: riskReasoning)
    }
}

/// A message to a person affected, as its outbox row records it.
public struct IncidentMessage: Sendable {
    public let subject: String
    public let language: Language
    public let mail: MailRecord

    public init(subject: String, language: Language, mail: MailRecord) {
        self.subject = subject
        self.language = language
        self.mail = mail
    }
}

/// What the outbox holds of the messages an incident sent to the people affected (Art. 34).
public struct IncidentMessages: Sendable, Equatable {
    public var queued: Int
    public var sent: Int
    public var failed: Int
    /// People linked who could not be sent a message (no e-mail address).
    public var unreachable: Int

    public init(queued: Int = 0, sent: Int = 0, failed: Int = 0, unreachable: Int = 0) {
        self.queued = queued
        self.sent = sent
        self.failed = failed
        self.unreachable = unreachable
    }
}

/// A duty not yet settled before an incident can be closed. The raw value is the code the API
/// and the command line give; the admin UI says it in words.
public enum IncidentGap: String, CaseIterable, Sendable {
    case nature
    case discovery
    case categories
    case numbers
    case consequences
    case measures
    case contactPoint = "contact_point"
    case risk
    case authority
    case peopleDecision = "people_decision"
    case peopleUnreached = "people_unreached"
    case messagesPending = "messages_pending"

    /// In English, for the command line and the API.
    public var english: String {
        switch self {
        case .nature: "the nature of the breach (confidentiality, integrity, availability)"
        case .discovery: "how it was discovered"
        case .categories: "the categories of people and of data concerned (Art. 33(3)(a))"
        case .numbers: "the approximate numbers of people and of records concerned (Art. 33(3)(a))"
        case .consequences: "the likely consequences (Art. 33(3)(c))"
        case .measures: "the measures taken or proposed (Art. 33(3)(d))"
        case .contactPoint: "the contact point (Art. 33(3)(b))"
        case .risk: "the risk assessment and its reasoning"
        case .authority: "the notification to IMY, or why there is none (Art. 33(1), 33(5))"
        case .peopleDecision: "the decision whether to tell the people affected (Art. 34)"
        case .peopleUnreached:
            "some people affected have no message queued; tell them another way and record when (Art. 34)"
        case .messagesPending: "the messages to the people affected are not all sent"
        }
    }
}

extension Incident {
    /// "23 h 15 min left" or "late by 5 h 2 min".
    public func clock(at now: Date) -> String {
        let left = timeLeft(at: now)
        let minutes = Int((abs(left) / 60).rounded(.down))
        let text = "\(minutes / 60) h \(minutes % 60) min"
        return left >= 0 ? "\(text) left" : "late by \(text)"
    }

    /// The order of urgency: open incidents still owing IMY's notification first, the nearest
    /// (or most overdue) deadline first; then the other open ones, the newest first; then the closed.
    public static func byUrgency(_ a: Incident, _ b: Incident) -> Bool {
        func rank(_ incident: Incident) -> Int {
            incident.closed != nil ? 2 : incident.awaitsNotification ? 0 : 1
        }
        let (ra, rb) = (rank(a), rank(b))
        if ra != rb { return ra < rb }
        if ra == 0, a.notificationDue != b.notificationDue { return a.notificationDue < b.notificationDue }
        if a.aware != b.aware { return a.aware > b.aware }
        return a.id < b.id
    }
}
