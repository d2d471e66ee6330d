import Foundation

/// Calendar arithmetic in one time zone (the controller's): days keep the wall-clock time across
/// daylight-saving changes, hours are exact.
public struct ZonedCalendar: Sendable {
    public let timeZone: TimeZone

    public static let stockholm = ZonedCalendar(timeZone: TimeZone(identifier: "Europe/Stockholm")!)

    public init(timeZone: TimeZone) {
        self.timeZone = timeZone
    }

    /// Returns nil for an identifier the time-zone database does not know.
    public init?(timeZoneIdentifier: String) {
        guard let zone = TimeZone(identifier: timeZoneIdentifier) else { return nil }
        self.init(timeZone: zone)
    }

    /// The local date and the time of day (in seconds) of an instant.
    public func local(_ instant: Date) -> (date: CivilDate, secondOfDay: Double) {
        local(instant, offset: timeZone.secondsFromGMT(for: instant))
    }

    /// `local(_:)` with the zone's offset at that instant known.
    private func local(_ instant: Date, offset: Int) -> (date: CivilDate, secondOfDay: Double) {
        let localSeconds = instant.timeIntervalSince1970 + Double(offset)
        let days = Int((localSeconds / 86_400).rounded(.down))
        return (CivilDate(daysSinceEpoch: days), localSeconds - Double(days) * 86_400)
    }

    public func localDate(of instant: Date) -> CivilDate { local(instant).date }

    /// The instant a local wall-clock time denotes. A time skipped by a DST change moves forward
    /// by the gap; a repeated one takes its first occurrence.
    public func instant(_ date: CivilDate, secondOfDay: Double = 0) -> Date {
        let wall = Double(date.daysSinceEpoch) * 86_400 + secondOfDay
        // Try the offsets in force around that wall time; take the first that maps back to it.
        let guesses = [wall - 86_400, wall, wall + 86_400].map {
            Double(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: $0)))
        }
        for offset in Set(guesses).sorted(by: >) {
            let candidate = Date(timeIntervalSince1970: wall - offset)
            if Double(timeZone.secondsFromGMT(for: candidate)) == offset { return candidate }
        }
        // In a gap: use the offset before the change, which lands after the gap.
        return Date(timeIntervalSince1970: wall - (guesses.min() ?? 0))
    }

    public func startOfDay(_ date: CivilDate) -> Date { instant(date) }

    public func adding(days: Int, to instant: Date) -> Date {
        let (date, second) = local(instant)
        return self.instant(date.adding(days: days), secondOfDay: second)
    }

    public func adding(months: Int, to instant: Date) -> Date {
        let (date, second) = local(instant)
        return self.instant(date.adding(months: months), secondOfDay: second)
    }

    /// 1 January 00:00 of the year after the instant's local calendar year.
    public func startOfNextYear(after instant: Date) -> Date {
        let date = localDate(of: instant)
        return self.instant(CivilDate(year: date.year + 1, month: 1, day: 1)!)
    }

    /// RFC 3339 with the local offset, e.g. `2032-01-01T00:00:00+01:00`.
    public func rfc3339(_ instant: Date) -> String {
        // The zone is asked once: it is the slow part, and a sweep writes this for every row.
        let offset = timeZone.secondsFromGMT(for: instant)
        let (date, second) = local(instant, offset: offset)
        let whole = Int(second.rounded(.down))
        let sign = offset < 0 ? "-" : "+"
        let magnitude = abs(offset) / 60
        return "\(date)T\(two(whole / 3600)):\(two(whole / 60 % 60)):\(two(whole % 60))"
            + "\(sign)\(two(magnitude / 60)):\(two(magnitude % 60))"
    }

    private func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
