/// The Swedish public holidays of Lag (1989:253) om allmänna helgdagar, for any year.
///
/// Sundays are public holidays under the same law; `isWorkingDay` treats every Saturday and
/// Sunday as a non-working day as Regulation 1182/71 art. 3(4) does. Midsommarafton, julafton
/// and nyårsafton are not allmänna helgdagar under the law and are not listed.
public enum SwedishPublicHolidays {
    public struct Holiday: Hashable, Sendable {
        public let date: CivilDate
        public let name: String
    }

    public static func holidays(in year: Int) -> [Holiday] {
        let easter = easterSunday(year)
        func fixed(_ month: Int, _ day: Int, _ name: String) -> Holiday {
            Holiday(date: CivilDate(year: year, month: month, day: day)!, name: name)
        }
        func afterEaster(_ days: Int, _ name: String) -> Holiday {
            Holiday(date: easter.adding(days: days), name: name)
        }
        func saturday(between month: Int, _ day: Int, _ name: String) -> Holiday {
            let first = CivilDate(year: year, month: month, day: day)!
            return Holiday(date: first.adding(days: (6 - first.weekday + 7) % 7), name: name)
        }
        return [
            fixed(1, 1, "nyårsdagen"),
            fixed(1, 6, "trettondedag jul"),
            afterEaster(-2, "långfredagen"),
            afterEaster(0, "påskdagen"),
            afterEaster(1, "annandag påsk"),
            fixed(5, 1, "första maj"),
            afterEaster(39, "Kristi himmelsfärdsdag"),
            afterEaster(49, "pingstdagen"),
            fixed(6, 6, "Sveriges nationaldag"),
            // Midsommardagen: the Saturday from 20 to 26 June.
            saturday(between: 6, 20, "midsommardagen"),
            // Alla helgons dag: the Saturday from 31 October to 6 November.
            saturday(between: 10, 31, "alla helgons dag"),
            fixed(12, 25, "juldagen"),
            fixed(12, 26, "annandag jul"),
        ].sorted { $0.date < $1.date }
    }

    public static func isHoliday(_ date: CivilDate) -> Bool {
        holidays(in: date.year).contains { $0.date == date }
    }

    /// Not a Saturday, a Sunday or a public holiday.
    public static func isWorkingDay(_ date: CivilDate) -> Bool {
        date.weekday < 6 && !isHoliday(date)
    }

    /// Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm, Meeus/Jones/Butcher).
    public static func easterSunday(_ year: Int) -> CivilDate {
        let a = year % 19
        let b = year / 100
        let c = year % 100
        let d = b / 4
        let e = b % 4
        let f = (b + 8) / 25
        let g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30
        let i = c / 4
        let k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31
        let day = (h + l - 7 * m + 114) % 31 + 1
        return CivilDate(year: year, month: month, day: day)!
    }
}
