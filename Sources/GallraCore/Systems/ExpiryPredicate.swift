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
    /// The event happened within the stretch, both ends included.
    case between(EventName, Date, Date)
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
        case .between(let event, let from, let to): return events[event].map { from <= $0 && $0 <= to } ?? false
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

    /// The instants of the event at which the expiry it leads to is at or before `now`. Calendar
    /// months are not monotone in the instant (31 January 01:00 and 28 January 23:00 both end on
    /// 28 February, at 01:00 and 23:00), but within a day they are, and a day's start and end move
    /// forward with the day. So: every day up to the last one that has expired whole, and on the
    /// few days after it that have expired in part, the stretches that have, each found with the
    /// evaluator itself, to the microsecond.
    static func threshold(for event: EventName, steps: [Step], now: Date, calendar: ZonedCalendar) -> ExpiryPredicate {
        func expiry(_ instant: Date) -> Date {
            steps.reduce(instant) { instant, step in
                switch step {
                case .shift(let duration): return duration.added(to: instant, in: calendar)
                case .endOfYear: return calendar.startOfNextYear(after: instant)
                }
            }
        }
        func expired(_ instant: Double) -> Bool { expiry(Date(timeIntervalSince1970: instant)) <= now }
        func start(_ day: CivilDate) -> Double { calendar.startOfDay(day).timeIntervalSince1970 }
        let today = calendar.localDate(of: now)
        /// The last day, within ±400 years, for which `holds` (true up to it, false after).
        func lastDay(where holds: (CivilDate) -> Bool) -> CivilDate? {
            var low = -146_100
            var high = 146_100
            guard holds(today.adding(days: low)) else { return nil }
            if holds(today.adding(days: high)) { return today.adding(days: high) }
            while high - low > 1 {
                let middle = (low + high) / 2
                if holds(today.adding(days: middle)) { low = middle } else { high = middle }
            }
            return today.adding(days: low)
        }
        let whole = lastDay { expired(start($0.adding(days: 1)) - 1e-6) }
        guard let partly = lastDay(where: { expired(start($0)) }) else { return .never }
        var parts: [ExpiryPredicate] = []
        if let whole {
            parts.append(.atOrBefore(event, Date(timeIntervalSince1970: start(whole.adding(days: 1)) - 1e-6)))
        }
        var day = whole?.adding(days: 1) ?? partly.adding(days: -7)
        while day <= partly {
            for (from, to) in stretches(from: start(day), to: start(day.adding(days: 1)) - 1e-6, where: expired) {
                parts.append(.between(event, Date(timeIntervalSince1970: from), Date(timeIntervalSince1970: to)))
            }
            day = day.adding(days: 1)
        }
        let joined = joined(parts)
        if joined.isEmpty { return .never }
        return joined.count == 1 ? joined[0] : .any(joined)
    }

    /// The parts, in order, with those that meet (the next begins a microsecond after the one
    /// before ends, as a day's last expired microsecond and the next day's first do) made one:
    /// the same rows, for a database to test against one bound instead of three. Databases keep
    /// instants to the microsecond, so no instant lies between parts that meet.
    static func joined(_ parts: [ExpiryPredicate]) -> [ExpiryPredicate] {
        func meets(_ end: Date, _ start: Date) -> Bool {
            start.timeIntervalSince(end) <= 1.5e-6
        }
        var result: [ExpiryPredicate] = []
        for part in parts {
            switch (result.last, part) {
            case (.atOrBefore(let event, let end)?, .between(let next, let start, let to))
            where event == next && meets(end, start):
                result[result.count - 1] = .atOrBefore(event, to)
            case (.between(let event, let from, let end)?, .between(let next, let start, let to))
            where event == next && meets(end, start):
                result[result.count - 1] = .between(event, from, to)
            default:
                result.append(part)
            }
        }
        return result
    }

    /// The stretches of [from, to] (seconds since 1970) where `holds`, ends included, looked at
    /// every quarter of an hour and their edges found to the microsecond.
    static func stretches(from: Double, to: Double, where holds: (Double) -> Bool) -> [(Double, Double)] {
        var points = Array(stride(from: from, to: to, by: 900))
        points.append(to)
        var result: [(Double, Double)] = []
        var openedAt: Double? = holds(from) ? from : nil
        for (a, b) in zip(points, points.dropFirst()) {
            let (atA, atB) = (holds(a), holds(b))
            guard atA != atB else { continue }
            let edge = lastMicrosecond(from: a, to: b, where: { holds($0) == atA })
            if atA {
                result.append((openedAt ?? a, edge))
                openedAt = nil
            } else {
                openedAt = edge + 1e-6
            }
        }
        if let openedAt { result.append((openedAt, to)) }
        return result
    }

    /// The last microsecond of [a, b) at which `holds`, given that it holds at a and not at b.
    static func lastMicrosecond(from a: Double, to b: Double, where holds: (Double) -> Bool) -> Double {
        var (low, high) = (a, b)
        while high - low > 1e-6 {
            let middle = (low + high) / 2
            if middle == low || middle == high { break }
            if holds(middle) { low = middle } else { high = middle }
        }
        let base = (low * 1e6).rounded(.down)
        for step in [2.0, 1, 0] where holds((base + step) / 1e6) && (base + step) / 1e6 < b {
            return (base + step) / 1e6
        }
        return low
    }
}
