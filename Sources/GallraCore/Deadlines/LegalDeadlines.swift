import Foundation

/// The deadlines the GDPR sets, computed to the day or the hour.
public enum LegalDeadlines {
    /// GDPR Art. 12(3): a data subject request is answered within one month of receipt, or three
    /// when extended. Counted by Regulation (EEC, Euratom) No 1182/71 art. 3: the day of receipt
    /// is not counted, so the period ends on the same date in the last month (art. 3(2)(c)), or
    /// on that month's last day when the date does not exist; a period ending on a Saturday,
    /// Sunday or public holiday ends on the next working day (art. 3(4)).
    public static func requestAnswerDue(received: CivilDate, extended: Bool = false) -> CivilDate {
        var last = received.adding(months: extended ? 3 : 1)
        while !SwedishPublicHolidays.isWorkingDay(last) { last = last.adding(days: 1) }
        return last
    }

    /// GDPR Art. 33(1): notify the supervisory authority within 72 hours of becoming aware of a
    /// personal data breach. Exact hours: nothing rolls, and a DST change counts as it really is.
    public static let breachNotificationWindow: TimeInterval = 72 * 3_600

    public static func breachNotificationDue(aware: Date) -> Date {
        aware.addingTimeInterval(breachNotificationWindow)
    }
}
