import Foundation
import Testing

@testable import GallraCore

@Suite("The daily sweep's time of day")
struct DailyTimeTests {
    static let calendar = ZonedCalendar.stockholm

    @Test(
        "The next run on the wall clock, across midnight and both DST changes",
        arguments: [
            ("02:15", "2026-01-10T01:00:00+01:00", "2026-01-10T02:15:00+01:00"),
            ("02:15", "2026-01-10T02:15:00+01:00", "2026-01-11T02:15:00+01:00"),
            ("02:15", "2026-01-10T23:59:00+01:00", "2026-01-11T02:15:00+01:00"),
            // 02:15 does not exist on 29 March 2026: it moves forward by the hour skipped.
            ("02:15", "2026-03-28T03:00:00+01:00", "2026-03-29T03:15:00+02:00"),
            ("02:15", "2026-03-29T03:15:00+02:00", "2026-03-30T02:15:00+02:00"),
            // 02:15 happens twice on 25 October 2026: the first one.
            ("02:15", "2026-10-24T12:00:00+02:00", "2026-10-25T02:15:00+02:00"),
            ("23:30", "2026-06-01T23:45:00+02:00", "2026-06-02T23:30:00+02:00"),
        ])
    func next(time: String, after: String, expected: String) throws {
        let daily = try #require(DailyTime(parsing: time))
        let next = Self.calendar.next(daily, after: try #require(Self.calendar.parseInstant(after)))
        #expect(Self.calendar.rfc3339(next) == expected)
    }

    @Test("Only HH:MM within the day is a time", arguments: ["2:15", "24:00", "12:60", "12-00", "", "ab:cd"])
    func refused(text: String) {
        #expect(DailyTime(parsing: text) == nil)
    }
}
