import Foundation

/// What the store holds on one subject under one activity, as far as a decision needs it.
public struct ActivityHolding: Hashable, Sendable {
    public var activity: String
    public var records: Int
    /// When the last of these records expires; nil while any of them waits for an event.
    public var expires: Date?
    /// The events some of these records wait for.
    public var waitingFor: Set<EventName>

    public init(activity: String, records: Int, expires: Date?, waitingFor: Set<EventName> = []) {
        self.activity = activity
        self.records = records
        self.expires = expires
        self.waitingFor = waitingFor
    }
}

/// A legal hold as the rights engine sees it: on every activity of the subject, or on one.
public struct HoldScope: Hashable, Sendable {
    public var activity: String?
    public var until: Date?

    public init(activity: String?, until: Date?) {
        self.activity = activity
        self.until = until
    }
}

/// Everything a decision on one subject's request depends on.
public struct RightsContext: Sendable {
    public var register: Register
    public var calendar: ZonedCalendar
    public var holdings: [ActivityHolding]
    public var holds: [HoldScope]
    /// Activities the subject has a consent in force for.
    public var consentsInForce: Set<String>
    /// Activities for which the controller recorded compelling legitimate grounds with this request
    /// (Art. 21(1)). The grounds themselves stay with the request, sealed, out of the decisions.
    public var compellingGrounds: Set<String>
    /// How many records a rectification request corrects, by activity.
    public var corrections: [String: Int]
    /// When the request names activities, only those are decided.
    public var scope: Set<String>?

    public init(
        register: Register, calendar: ZonedCalendar, holdings: [ActivityHolding], holds: [HoldScope] = [],
        consentsInForce: Set<String> = [], compellingGrounds: Set<String> = [], corrections: [String: Int] = [:],
        scope: Set<String>? = nil
    ) {
        self.register = register
        self.calendar = calendar
        self.holdings = holdings
        self.holds = holds
        self.consentsInForce = consentsInForce
        self.compellingGrounds = compellingGrounds
        self.corrections = corrections
        self.scope = scope
    }
}
