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
    public var subjectCategories: [String] = []
    public var dataCategories: [String] = []
    public var approximateSubjects: Int?
    public var approximateRecords: Int?
    public var consequences: String?
    public var measures: String?
    public var risk: Risk?
    public var authorityNotified: Date?
    public var authorityReference: String?
    /// Art. 33(1): why the notification came later than 72 hours.
    public var delayReasons: String?
    /// Why IMY was not notified (the incident is unlikely to result in a risk).
    public var authorityNotNeeded: String?
    public var subjectsInformed: Date?
    public var exemption: Exemption?
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

    /// A notification at `instant` is late, and then needs the reasons for the delay.
    public func isLate(_ instant: Date) -> Bool { instant > notificationDue }

    /// What still stands in the way of closing the incident, in words.
    public var closingProblems: [String] {
        var problems: [String] = []
        if risk == nil { problems.append("the risk is not assessed (none, risk or high)") }
        if awaitsNotification {
            problems.append("IMY is neither notified nor is it recorded why not (Art. 33(1))")
        }
        if risk == .high && subjectsInformed == nil && exemption == nil {
            problems.append("the people affected are not informed, and no Art. 34(3) exemption is recorded")
        }
        return problems
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
}
