import Foundation
import GallraCore

/// The privacy officers' daily reminder, in the officer's language: what is due, by reference,
/// kind and deadline, and a link to the overview. It names no data subject: a mail leaves Gallra's
/// reach, and who asked is on the request's page for those whose role may see it.
enum OfficerMail {
    static func reminder(
        to address: String, _ digest: ReminderDigest, _ language: Language, calendar: ZonedCalendar,
        controller: Controller, settings: SelfServiceSettings
    ) -> MailMessage {
        let link = settings.baseURL + "admin"
        return PersonMail.message(
            .reminder, to: address, language, link: link, controller: controller, settings: settings,
            [
                "day": digest.day.description, "summary": summary(digest, language), "days": "\(digest.window)",
                "requests": lines(digest.requests.map { request($0, language) }, language),
                "incidents": lines(digest.incidents.map { incident($0, language, calendar) }, language),
                "link": link,
            ])
    }

    /// "3 begäranden (1 försenad), 1 incident att anmäla".
    static func summary(_ digest: ReminderDigest, _ language: Language) -> String {
        let sv = language == .sv
        var parts: [String] = []
        if !digest.requests.isEmpty {
            let count = digest.requests.count
            var text =
                sv ? "\(count) \(count == 1 ? "begäran" : "begäranden")" : "\(count) request\(count == 1 ? "" : "s")"
            if digest.overdueRequests > 0 {
                let late = digest.overdueRequests
                text += sv ? " (\(late) \(late == 1 ? "försenad" : "försenade"))" : " (\(late) overdue)"
            }
            parts.append(text)
        }
        if !digest.incidents.isEmpty {
            let count = digest.incidents.count
            parts.append(
                sv
                    ? "\(count) \(count == 1 ? "incident" : "incidenter") att anmäla"
                    : "\(count) incident\(count == 1 ? "" : "s") to notify")
        }
        return parts.joined(separator: ", ")
    }

    /// "– 2026-0042 radering: sista dag 2026-12-01, försenad 6 dagar".
    static func request(_ request: ReminderDigest.DueRequest, _ language: Language) -> String {
        let sv = language == .sv
        let days = abs(request.daysLeft)
        let when: String =
            switch (request.daysLeft, sv) {
            case (0, true): "sista dagen i dag"
            case (0, false): "due today"
            case (..<0, true): "försenad \(days) \(days == 1 ? "dag" : "dagar")"
            case (..<0, false): "overdue by \(days) day\(days == 1 ? "" : "s")"
            case (_, true): "\(days) \(days == 1 ? "dag" : "dagar") kvar"
            case (_, false): "\(days) day\(days == 1 ? "" : "s") left"
            }
        let deadline = sv ? "sista dag \(request.deadline)" : "due \(request.deadline)"
        return "\(request.reference) \(kindName(request.kind, language)): \(deadline), \(when)"
    }

    /// "– incident upptäckt 2026-12-06 14:02: anmäl senast 2026-12-09 14:02, 31 timmar kvar": known
    /// by the moment it became known, as the incidents page shows it; its description stays in
    /// Gallra, as it may name someone.
    static func incident(_ incident: ReminderDigest.ClockIncident, _ language: Language, _ calendar: ZonedCalendar)
        -> String
    {
        let sv = language == .sv
        let hours = abs(incident.hoursLeft)
        let when: String =
            switch (incident.isLate, sv) {
            case (true, true): "försenad med \(hours) \(hours == 1 ? "timme" : "timmar")"
            case (true, false): "overdue by \(hours) hour\(hours == 1 ? "" : "s")"
            case (false, true): "\(hours) \(hours == 1 ? "timme" : "timmar") kvar"
            case (false, false): "\(hours) hour\(hours == 1 ? "" : "s") left"
            }
        let aware = moment(incident.aware, calendar)
        let due = moment(incident.notificationDue, calendar)
        return sv
            ? "incident upptäckt \(aware): anmäl senast \(due), \(when)"
            : "incident known since \(aware): notify by \(due), \(when)"
    }

    /// What a request asks for, in a word, as the admin UI names it.
    static func kindName(_ kind: RequestKind, _ language: Language) -> String {
        switch (kind, language) {
        case (.access, .sv): "tillgång"
        case (.access, .en): "access"
        case (.rectification, .sv): "rättelse"
        case (.rectification, .en): "rectification"
        case (.erasure, .sv): "radering"
        case (.erasure, .en): "erasure"
        case (.restriction, .sv): "begränsning"
        case (.restriction, .en): "restriction"
        case (.objection, .sv): "invändning"
        case (.objection, .en): "objection"
        case (.portability, .sv): "dataportabilitet"
        case (.portability, .en): "portability"
        case (.withdrawConsent, .sv): "återkallat samtycke"
        case (.withdrawConsent, .en): "withdrawal of consent"
        }
    }

    /// Each item on a line of its own after a dash; "– inga" when there is none.
    private static func lines(_ items: [String], _ language: Language) -> String {
        (items.isEmpty ? [language == .sv ? "inga" : "none"] : items).map { "– \($0)" }.joined(separator: "\n")
    }

    /// `2026-12-09 14:02`, in the controller's zone.
    private static func moment(_ instant: Date, _ calendar: ZonedCalendar) -> String {
        String(calendar.rfc3339(instant).prefix(16)).replacingOccurrences(of: "T", with: " ")
    }
}
