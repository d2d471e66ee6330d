import Foundation

/// A retention rule turned into a condition on a row's event instants that a database can
/// evaluate: a row has expired at `now` exactly when the condition holds. The thresholds are
/// found with the Core evaluator itself, so the database and the store agree to the instant, the
/// controller's calendar (month ends, DST, the end of the year) included.
public indirect enum ExpiryPredicate: Hashable, Sendable {
    /// Every row has expired (`none`: nothing is kept after the processing).
    case always
    /// No row has expired.
    case never
    /// The event has happened, at or before the instant.
    case atOrBefore(EventName, Date)
    /// Every condition holds (the latest of several events: all must have happened).
    case all([ExpiryPredicate])
    /// One condition holds (the earliest of the known events).
    case any([ExpiryPredicate])

    /// Whether a row with these event instants has expired (the predicate's own meaning, for tests).
    public func holds(for events: [EventName: Date]) -> Bool {
        switch self {
        case .always: return true
        case .never: return false
        case .atOrBefore(let event, let threshold): return events[event].map { $0 <= threshold } ?? false
        case .all(let parts): return parts.allSatisfy { $0.holds(for: events) }
        case .any(let parts): return parts.contains { $0.holds(for: events) }
        }
    }
}

extension RetentionRule {
    /// The condition under which data following this rule has expired at `now`.
    public func expiryPredicate(at now: Date, calendar: ZonedCalendar) -> ExpiryPredicate {
        switch self {
        case .none: return RetentionExpression.event(.collected).predicate(at: now, calendar: calendar, through: [])
        case .expression(let expression): return expression.predicate(at: now, calendar: calendar, through: [])
        }
    }
}

extension RetentionExpression {
    /// A step of a rule that only moves an instant later: a shift, or the end of the year.
    enum Step: Hashable {
        case shift(RetentionDuration)
        case endOfYear
    }

    /// `steps` are applied, innermost first, to this expression's instant. Each is non-decreasing,
    /// so it can be moved inside the earliest and the latest, down to each event.
    func predicate(at now: Date, calendar: ZonedCalendar, through steps: [Step]) -> ExpiryPredicate {
        switch self {
        case .event(let name):
            return Self.threshold(for: name, steps: steps, now: now, calendar: calendar)
        case .earliest(let arguments):
            return .any(arguments.map { $0.predicate(at: now, calendar: calendar, through: steps) })
        case .latest(let arguments):
            return .all(arguments.map { $0.predicate(at: now, calendar: calendar, through: steps) })
        case .endOfYear(let inner):
            return inner.predicate(at: now, calendar: calendar, through: [.endOfYear] + steps)
        case .shifted(let inner, let duration):
            return inner.predicate(at: now, calendar: calendar, through: [.shift(duration)] + steps)
        }
    }

    /// The latest instant of the event at which the expiry it leads to is at or before `now`,
    /// found by bisection with the evaluator (to the microsecond, within ±400 years).
    static func threshold(for event: EventName, steps: [Step], now: Date, calendar: ZonedCalendar) -> ExpiryPredicate {
        func expiry(_ instant: Date) -> Date {
            steps.reduce(instant) { instant, step in
                switch step {
                case .shift(let duration): return duration.added(to: instant, in: calendar)
                case .endOfYear: return calendar.startOfNextYear(after: instant)
                }
            }
        }
        let span = 400.0 * 366 * 86_400
        var low = now.timeIntervalSince1970 - span
        var high = now.timeIntervalSince1970 + span
        if expiry(Date(timeIntervalSince1970: low)) > now { return .never }
        if expiry(Date(timeIntervalSince1970: high)) <= now { return .atOrBefore(event, Date(timeIntervalSince1970: high)) }
        // Invariant: expiry(low) <= now < expiry(high).
        while high - low > 1e-6 {
            let middle = (low + high) / 2
            if middle == low || middle == high { break }
            if expiry(Date(timeIntervalSince1970: middle)) <= now { low = middle } else { high = middle }
        }
        // The threshold lies in [low, high), less than a microsecond wide: of the microseconds
        // there, the later one that still expires in time.
        let base = (low * 1e6).rounded(.down)
        for step in [2.0, 1, 0] {
            let candidate = Date(timeIntervalSince1970: (base + step) / 1e6)
            if expiry(candidate) <= now { return .atOrBefore(event, candidate) }
        }
        return .atOrBefore(event, Date(timeIntervalSince1970: low))
    }
}
