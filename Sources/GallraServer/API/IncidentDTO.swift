import Foundation
import GallraCore
import GallraStore
import Hummingbird

/// The incident on the wire: instants as RFC 3339 in the controller's zone, keys in snake_case.
struct IncidentResponse: ResponseEncodable {
    let id: String
    let aware: String
    let notifyBy: String
    let secondsLeft: Int?
    let occurred: String?
    let ended: String?
    let description: String
    let subjectCategories: [String]
    let dataCategories: [String]
    let approximateSubjects: Int?
    let approximateRecords: Int?
    let consequences: String?
    let measures: String?
    let risk: String?
    let imyNotified: String?
    let imyReference: String?
    let delayReasons: String?
    let imyNotNotifiedReason: String?
    let subjectsInformed: String?
    let exemption: String?
    let exemptionReason: String?
    let closed: String?
    let affectedSubjects: Int

    enum CodingKeys: String, CodingKey {
        case id, aware, occurred, ended, description, consequences, measures, risk, exemption, closed
        case notifyBy = "notify_by", secondsLeft = "seconds_left", subjectCategories = "subject_categories"
        case dataCategories = "data_categories", approximateSubjects = "approximate_subjects"
        case approximateRecords = "approximate_records", imyNotified = "imy_notified"
        case imyReference = "imy_reference", delayReasons = "delay_reasons"
        case imyNotNotifiedReason = "imy_not_notified_reason", subjectsInformed = "subjects_informed"
        case exemptionReason = "exemption_reason", affectedSubjects = "affected_subjects"
    }

    init(_ incident: Incident, affected: Int, calendar: ZonedCalendar, now: Date) {
        func instant(_ date: Date?) -> String? { date.map(calendar.rfc3339) }
        id = incident.id
        aware = calendar.rfc3339(incident.aware)
        notifyBy = calendar.rfc3339(incident.notificationDue)
        secondsLeft = incident.awaitsNotification ? Int(incident.timeLeft(at: now)) : nil
        occurred = instant(incident.occurred)
        ended = instant(incident.ended)
        description = incident.description
        subjectCategories = incident.subjectCategories
        dataCategories = incident.dataCategories
        approximateSubjects = incident.approximateSubjects
        approximateRecords = incident.approximateRecords
        consequences = incident.consequences
        measures = incident.measures
        risk = incident.risk?.rawValue
        imyNotified = instant(incident.authorityNotified)
        imyReference = incident.authorityReference
        delayReasons = incident.delayReasons
        imyNotNotifiedReason = incident.authorityNotNeeded
        subjectsInformed = instant(incident.subjectsInformed)
        exemption = incident.exemption?.article
        exemptionReason = incident.exemptionReason
        closed = instant(incident.closed)
        affectedSubjects = affected
    }
}

/// The facts of an incident as POST and PATCH take them; absent fields stay as they are.
struct IncidentFactsRequest: Decodable {
    var aware: String?
    var occurred: String?
    var ended: String?
    var description: String?
    var subjectCategories: [String]?
    var dataCategories: [String]?
    var approximateSubjects: Int?
    var approximateRecords: Int?
    var consequences: String?
    var measures: String?
    var risk: String?
    /// People affected: subject ids or identifiers, linked to the incident.
    var affected: [String]?

    enum CodingKeys: String, CodingKey {
        case aware, occurred, ended, description, consequences, measures, risk, affected
        case subjectCategories = "subject_categories", dataCategories = "data_categories"
        case approximateSubjects = "approximate_subjects", approximateRecords = "approximate_records"
    }

    func change(in calendar: ZonedCalendar) throws -> IncidentChange {
        IncidentChange(
            occurred: try occurred.map { try instant($0, "occurred", calendar) },
            ended: try ended.map { try instant($0, "ended", calendar) }, description: description,
            subjectCategories: subjectCategories, dataCategories: dataCategories,
            approximateSubjects: approximateSubjects, approximateRecords: approximateRecords,
            consequences: consequences, measures: measures, risk: try risk.map(Self.risk))
    }

    static func risk(_ text: String) throws -> Incident.Risk {
        guard let risk = Incident.Risk(rawValue: text) else {
            throw HTTPError(.unprocessableContent, message: "\"risk\" is none, risk or high, not \"\(text)\".")
        }
        return risk
    }
}

/// The notification to IMY and the information to the people affected (Art. 33–34).
struct NotificationRequest: Decodable {
    var imy: String?
    var reference: String?
    var delayReasons: String?
    var noImyReason: String?
    var subjectsInformed: String?
    var exemption: String?
    var exemptionReason: String?

    enum CodingKeys: String, CodingKey {
        case imy, reference, exemption
        case delayReasons = "delay_reasons", noImyReason = "no_imy_reason", subjectsInformed = "subjects_informed"
        case exemptionReason = "exemption_reason"
    }
}

/// An instant as RFC 3339 or a date, or a 422 that names the field.
func instant(_ text: String, _ field: String, _ calendar: ZonedCalendar) throws -> Date {
    guard let instant = calendar.parseInstant(text) else {
        throw HTTPError(.unprocessableContent, message: "\"\(field)\" must be YYYY-MM-DD or an RFC 3339 instant.")
    }
    return instant
}
