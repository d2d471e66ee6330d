import Foundation

/// A time of day on the controller's wall clock: when the daily sweep runs, say 02:15.
public struct DailyTime: Hashable, Sendable, CustomStringConvertible {
    public let hour: Int
    public let minute: Int
    public let second: Int

    public init?(hour: Int, minute: Int, second: Int = 0) {
        guard (0..<24).contains(hour), (0..<60).contains(minute), (0..<60).contains(second) else { return nil }
        self.hour = hour
        self.minute = minute
        self.second = second
    }

    /// "HH:MM".
    public init?(parsing text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isASCIIDigit) }),
            let hour = Int(parts[0]), let minute = Int(parts[1])
        else { return nil }
        self.init(hour: hour, minute: minute)
    }

    public var description: String {
        String(format: "%02d:%02d", hour, minute) + (second == 0 ? "" : String(format: ":%02d", second))
    }

    var secondOfDay: Double { Double(hour * 3_600 + minute * 60 + second) }
}

extension ZonedCalendar {
    /// The next moment after `instant` at which the wall clock shows `time`. On the night a DST
    /// change skips it, the time moves forward by the gap, like every wall time here.
    public func next(_ time: DailyTime, after instant: Date) -> Date {
        let today = localDate(of: instant)
        for offset in 0...2 {
            let candidate = self.instant(today.adding(days: offset), secondOfDay: time.secondOfDay)
            if candidate > instant { return candidate }
        }
        return self.instant(today.adding(days: 3), secondOfDay: time.secondOfDay)
    }
}
