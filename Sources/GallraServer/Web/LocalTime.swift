import Foundation
import GallraCore
import Hummingbird

/// The browser's date-time field (`datetime-local`: "2026-03-27T10:00") read and written in the
/// controller's time zone.
enum LocalTime {
    static func parse(_ text: String, field: String, _ calendar: ZonedCalendar) throws -> Date {
        let parts = text.split(separator: "T")
        guard parts.count == 2, let date = CivilDate(iso: parts[0]) else {
            throw GallraError.invalidInput(
                ErrorReason(sv: "\"\(field)\" är ett datum och en tid.", en: "\"\(field)\" is a date and a time."))
        }
        let clock = parts[1].split(separator: ":").compactMap { Int($0) }
        guard clock.count >= 2, (0..<24).contains(clock[0]), (0..<60).contains(clock[1]) else {
            throw GallraError.invalidInput(
                ErrorReason(sv: "\"\(field)\" är ett datum och en tid.", en: "\"\(field)\" is a date and a time."))
        }
        return calendar.instant(date, secondOfDay: Double(clock[0] * 3_600 + clock[1] * 60))
    }

    static func field(_ instant: Date, _ calendar: ZonedCalendar) -> String {
        String(calendar.rfc3339(instant).prefix(16))
    }
}
