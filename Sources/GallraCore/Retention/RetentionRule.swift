/// A retention rule: for one piece of personal data, the instant at which it must be erased or
/// anonymised, computed from the data's events (see `shared/spec/retention-rules.md`).
public enum RetentionRule: Hashable, Sendable {
    /// The data is not kept beyond the processing itself: it expires at `collected`.
    case none
    case expression(RetentionExpression)

    /// Every event the rule reads, in order of first mention.
    public var events: [EventName] {
        switch self {
        case .none: return [.collected]
        case .expression(let expression): return expression.events
        }
    }
}

/// `expr = term { "+" duration }`; the sum is kept as nested `.shifted` nodes.
public indirect enum RetentionExpression: Hashable, Sendable {
    case event(EventName)
    /// The earliest of the known arguments ("whichever comes first").
    case earliest([RetentionExpression])
    /// The latest of the arguments; pending while any is pending.
    case latest([RetentionExpression])
    /// 1 January 00:00 of the year after the instant's calendar year.
    case endOfYear(RetentionExpression)
    case shifted(RetentionExpression, by: RetentionDuration)

    public var events: [EventName] {
        var seen: [EventName] = []
        collectEvents(into: &seen)
        return seen
    }

    private func collectEvents(into seen: inout [EventName]) {
        switch self {
        case .event(let name):
            if !seen.contains(name) { seen.append(name) }
        case .earliest(let arguments), .latest(let arguments):
            for argument in arguments { argument.collectEvents(into: &seen) }
        case .endOfYear(let inner), .shifted(let inner, _):
            inner.collectEvents(into: &seen)
        }
    }

    public static func + (lhs: RetentionExpression, rhs: RetentionDuration) -> RetentionExpression {
        .shifted(lhs, by: rhs)
    }
}

/// A length of time as the author wrote it: `12mo` stays `12mo`, it never becomes `1y`.
public struct RetentionDuration: Hashable, Sendable {
    public enum Unit: String, CaseIterable, Sendable {
        /// Exact hours.
        case hours = "h"
        /// Calendar days in the controller's time zone (wall-clock time kept across DST).
        case days = "d"
        case weeks = "w"
        /// Calendar months, the day clamped to the month's last day.
        case months = "mo"
        case years = "y"
    }

    public var amount: Int
    public var unit: Unit

    public init(_ amount: Int, _ unit: Unit) {
        self.amount = amount
        self.unit = unit
    }

    public static func hours(_ n: Int) -> Self { .init(n, .hours) }
    public static func days(_ n: Int) -> Self { .init(n, .days) }
    public static func weeks(_ n: Int) -> Self { .init(n, .weeks) }
    public static func months(_ n: Int) -> Self { .init(n, .months) }
    public static func years(_ n: Int) -> Self { .init(n, .years) }
}

/// The name of an event: `name { "." name }` with `name = [a-z][a-z0-9-]*`.
public struct EventName: Hashable, Comparable, Sendable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    public let rawValue: String

    /// Returns nil when the text is not a well-formed event name.
    public init?(validating text: String) {
        guard EventName.isWellFormed(text) else { return nil }
        rawValue = text
    }

    public init(stringLiteral value: String) {
        precondition(EventName.isWellFormed(value), "malformed event name \(value)")
        rawValue = value
    }

    public var description: String { rawValue }

    public static func < (lhs: EventName, rhs: EventName) -> Bool { lhs.rawValue < rhs.rawValue }

    static func isWellFormed(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        return !parts.isEmpty && parts.allSatisfy(isWellFormedPart)
    }

    private static func isWellFormedPart(_ part: Substring) -> Bool {
        guard let first = part.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
        return part.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }
}
