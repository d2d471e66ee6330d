import Foundation
import Testing

@testable import GallraCore

@Suite("Calendar arithmetic and date parsing")
struct CalendarTests {
    @Test("Civil dates round-trip through days since the epoch, over four centuries")
    func epochRoundTrip() throws {
        var date = try #require(CivilDate(year: 1900, month: 1, day: 1))
        let end = try #require(CivilDate(year: 2300, month: 12, day: 31))
        var days = date.daysSinceEpoch
        while date <= end {
            #expect(CivilDate(daysSinceEpoch: days) == date)
            let next = date.adding(days: 1)
            #expect(next.daysSinceEpoch == days + 1)
            date = next
            days += 1
        }
        #expect(CivilDate(year: 1970, month: 1, day: 1)?.daysSinceEpoch == 0)
    }

    @Test("Weekdays", arguments: [("2025-01-01", 3), ("2024-02-29", 4), ("2026-11-21", 6), ("2000-01-02", 7)])
    func weekday(date: String, weekday: Int) throws {
        #expect(try #require(CivilDate(iso: date)).weekday == weekday)
    }

    @Test(
        "Dates that do not exist are refused",
        arguments: ["2025-02-29", "2100-02-29", "2025-13-01", "2025-04-31", "25-01-01", "2025-1-01", "2025-01-01x"])
    func invalidDates(text: String) {
        #expect(CivilDate(iso: text) == nil)
    }

    @Test(
        "Instants: dates are local midnight, RFC 3339 keeps its offset",
        arguments: [
            ("2025-03-14", "2025-03-14T00:00:00+01:00"),
            ("2025-07-01", "2025-07-01T00:00:00+02:00"),
            ("2025-03-14T09:30:00Z", "2025-03-14T10:30:00+01:00"),
            ("2025-03-14T09:30:00.250+01:00", "2025-03-14T09:30:00+01:00"),
            ("2025-03-14 09:30:00-05:00", "2025-03-14T15:30:00+01:00"),
        ])
    func instants(text: String, expected: String) throws {
        let calendar = ZonedCalendar.stockholm
        #expect(calendar.rfc3339(try #require(calendar.parseInstant(text))) == expected)
    }

    @Test(
        "Malformed instants are refused",
        arguments: [
            "2025-03-14T25:00:00Z", "2025-03-14T09:30Z", "yesterday", "2025-03-14T09:30:00", "2025-03-14T09:30:00+1",
        ])
    func malformedInstants(text: String) {
        #expect(ZonedCalendar.stockholm.parseInstant(text) == nil)
    }
}
