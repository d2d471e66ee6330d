import Foundation
import Testing

@testable import GallraCore

@Suite("Swedish public holidays (Lag (1989:253) om allmänna helgdagar)")
struct SwedishPublicHolidayTests {
    /// The law's list, written out by hand from the almanac for each year.
    static let expected: [Int: [String]] = [
        2024: [
            "2024-01-01", "2024-01-06", "2024-03-29", "2024-03-31", "2024-04-01", "2024-05-01", "2024-05-09",
            "2024-05-19", "2024-06-06", "2024-06-22", "2024-11-02", "2024-12-25", "2024-12-26",
        ],
        2025: [
            "2025-01-01", "2025-01-06", "2025-04-18", "2025-04-20", "2025-04-21", "2025-05-01", "2025-05-29",
            "2025-06-06", "2025-06-08", "2025-06-21", "2025-11-01", "2025-12-25", "2025-12-26",
        ],
        2026: [
            "2026-01-01", "2026-01-06", "2026-04-03", "2026-04-05", "2026-04-06", "2026-05-01", "2026-05-14",
            "2026-05-24", "2026-06-06", "2026-06-20", "2026-10-31", "2026-12-25", "2026-12-26",
        ],
        2027: [
            "2027-01-01", "2027-01-06", "2027-03-26", "2027-03-28", "2027-03-29", "2027-05-01", "2027-05-06",
            "2027-05-16", "2027-06-06", "2027-06-26", "2027-11-06", "2027-12-25", "2027-12-26",
        ],
        2038: [
            "2038-01-01", "2038-01-06", "2038-04-23", "2038-04-25", "2038-04-26", "2038-05-01", "2038-06-03",
            "2038-06-06", "2038-06-13", "2038-06-26", "2038-11-06", "2038-12-25", "2038-12-26",
        ],
    ]

    @Test("Every holiday of the year, and nothing else", arguments: expected.keys.sorted())
    func holidays(year: Int) {
        let computed = SwedishPublicHolidays.holidays(in: year).map(\.date.description)
        #expect(computed == Self.expected[year])
    }

    @Test(
        "Easter Sunday",
        arguments: [
            (2000, "2000-04-23"), (2008, "2008-03-23"), (2011, "2011-04-24"), (2019, "2019-04-21"),
            (2285, "2285-03-22"),
        ])
    func easter(year: Int, date: String) {
        #expect(SwedishPublicHolidays.easterSunday(year).description == date)
    }

    @Test("Working days: not a weekend, not a holiday; the eves are ordinary days under the law")
    func workingDays() throws {
        #expect(!SwedishPublicHolidays.isWorkingDay(try #require(CivilDate(iso: "2025-11-22"))))  // Saturday
        #expect(!SwedishPublicHolidays.isWorkingDay(try #require(CivilDate(iso: "2025-11-23"))))  // Sunday
        #expect(!SwedishPublicHolidays.isWorkingDay(try #require(CivilDate(iso: "2025-05-29"))))  // Ascension
        #expect(SwedishPublicHolidays.isWorkingDay(try #require(CivilDate(iso: "2025-11-24"))))
        #expect(SwedishPublicHolidays.isWorkingDay(try #require(CivilDate(iso: "2025-06-20"))))  // midsommarafton
        #expect(SwedishPublicHolidays.isWorkingDay(try #require(CivilDate(iso: "2025-12-24"))))  // julafton
    }
}

@Suite("Legal deadlines")
struct LegalDeadlineTests {
    @Test(
        "Data subject requests: one month (Art. 12(3)), counted by Regulation 1182/71 art. 3",
        arguments: [
            // The same date next month; the day of receipt is not counted.
            ("2025-03-14", false, "2025-04-14"),
            ("2025-09-10", false, "2025-10-10"),
            // A missing day clamps to the month's last day; leap years count.
            ("2025-01-31", false, "2025-02-28"),
            ("2024-01-31", false, "2024-02-29"),
            ("2025-03-31", false, "2025-04-30"),
            // A Saturday or Sunday rolls to Monday.
            ("2025-02-15", false, "2025-03-17"),
            ("2025-10-26", false, "2025-11-26"),
            ("2025-07-19", false, "2025-08-19"),
            ("2025-09-13", false, "2025-10-13"),
            // Public holidays roll to the next working day.
            ("2025-03-18", false, "2025-04-22"),  // långfredagen → after annandag påsk
            ("2025-04-29", false, "2025-05-30"),  // Kristi himmelsfärdsdag
            ("2025-05-06", false, "2025-06-09"),  // nationaldagen, a Friday
            ("2025-11-25", false, "2025-12-29"),  // juldagen, annandag jul, then a weekend
            ("2025-12-01", false, "2026-01-02"),  // nyårsdagen
            ("2025-12-06", false, "2026-01-07"),  // trettondedag jul
            ("2025-05-21", false, "2025-06-23"),  // midsommardagen (Saturday) → Monday
            ("2026-03-31", false, "2026-04-30"),
            // Extended by two further months: three in all.
            ("2025-01-31", true, "2025-04-30"),
            ("2024-11-30", true, "2025-02-28"),
            ("2025-09-26", true, "2025-12-29"),
            ("2024-10-31", true, "2025-01-31"),
        ] as [(String, Bool, String)])
    func requestDeadline(received: String, extended: Bool, due: String) throws {
        let date = try #require(CivilDate(iso: received))
        #expect(LegalDeadlines.requestAnswerDue(received: date, extended: extended).description == due)
    }

    @Test(
        "Personal data breaches: 72 hours from awareness, in exact hours (Art. 33(1))",
        arguments: [
            // Across the spring DST change: 72 real hours, one hour more on the wall clock.
            ("2025-03-28T10:00:00+01:00", "2025-03-31T11:00:00+02:00"),
            // Across the autumn change: one hour less on the wall clock.
            ("2025-10-24T09:00:00+02:00", "2025-10-27T08:00:00+01:00"),
            // A weekend does not roll.
            ("2025-06-13T16:00:00+02:00", "2025-06-16T16:00:00+02:00"),
            // Nor a holiday.
            ("2025-12-23T12:00:00+01:00", "2025-12-26T12:00:00+01:00"),
            ("2025-06-13T14:00:00Z", "2025-06-16T16:00:00+02:00"),
        ])
    func breachDeadline(aware: String, due: String) throws {
        let calendar = ZonedCalendar.stockholm
        let instant = try #require(calendar.parseInstant(aware))
        let deadline = LegalDeadlines.breachNotificationDue(aware: instant)
        #expect(calendar.rfc3339(deadline) == due)
        #expect(deadline.timeIntervalSince(instant) == 72 * 3600)
    }
}
