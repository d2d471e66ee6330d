import Foundation

/// What a retention rule says about one piece of data, given the events known so far.
public enum RetentionOutcome: Hashable, Sendable {
    /// The data must be erased or anonymised at this instant.
    case expires(at: Date)
    /// The rule cannot be computed until these events happen; the data is kept meanwhile.
    case pending(waitingFor: [EventName])

    public var expiry: Date? {
        if case .expires(let instant) = self { return instant }
        return nil
    }

    public var waitingFor: [EventName] {
        if case .pending(let events) = self { return events }
        return []
    }
}

extension RetentionRule {
    /// The expiry instant of the rule for data whose known events are `events`; an event that is
    /// absent has not happened (it is pending).
    public func outcome(events: [EventName: Date], calendar: ZonedCalendar) -> RetentionOutcome {
        switch self {
        case .none:
            return RetentionExpression.event(.collected).outcome(events: events, calendar: calendar)
        case .expression(let expression):
            return expression.outcome(events: events, calendar: calendar)
        }
    }
}

extension RetentionExpression {
    public func outcome(events: [EventName: Date], calendar: ZonedCalendar) -> RetentionOutcome {
        switch self {
        case .event(let name):
            guard let instant = events[name] else { return .pending(waitingFor: [name]) }
            return .expires(at: instant)

        case .earliest(let arguments):
            // "Whichever comes first": a cap applies even while the other event is pending.
            let outcomes = arguments.map { $0.outcome(events: events, calendar: calendar) }
            if let earliest = outcomes.compactMap(\.expiry).min() { return .expires(at: earliest) }
            return .pending(waitingFor: Self.union(outcomes))

        case .latest(let arguments):
            let outcomes = arguments.map { $0.outcome(events: events, calendar: calendar) }
            let known = outcomes.compactMap(\.expiry)
            guard known.count == outcomes.count, let latest = known.max() else {
                return .pending(waitingFor: Self.union(outcomes))
            }
            return .expires(at: latest)

        case .endOfYear(let inner):
            return inner.outcome(events: events, calendar: calendar).map(calendar.startOfNextYear(after:))

        case .shifted(let inner, let duration):
            return inner.outcome(events: events, calendar: calendar).map { duration.added(to: $0, in: calendar) }
        }
    }

    private static func union(_ outcomes: [RetentionOutcome]) -> [EventName] {
        var names: [EventName] = []
        for name in outcomes.flatMap(\.waitingFor) where !names.contains(name) { names.append(name) }
        return names
    }
}

extension RetentionOutcome {
    func map(_ transform: (Date) -> Date) -> RetentionOutcome {
        switch self {
        case .expires(let instant): return .expires(at: transform(instant))
        case .pending: return self
        }
    }
}

extension RetentionDuration {
    public func added(to instant: Date, in calendar: ZonedCalendar) -> Date {
        switch unit {
        case .hours: return instant.addingTimeInterval(Double(amount) * 3_600)
        case .days: return calendar.adding(days: amount, to: instant)
        case .weeks: return calendar.adding(days: amount * 7, to: instant)
        case .months: return calendar.adding(months: amount, to: instant)
        case .years: return calendar.adding(months: amount * 12, to: instant)
        }
    }
}
