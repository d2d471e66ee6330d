import Foundation
import GallraCore
import GallraServices
import Hummingbird

/// The facts of an incident as POST and PATCH take them; absent fields stay as they are.
struct IncidentFactsRequest: JSONBody {
    static let fields: Set<String> = [
        "aware", "occurred", "ended", "description", "subject_categories", "data_categories", "approximate_subjects",
        "approximate_records", "consequences", "measures", "risk", "affected",
    ]

    var aware: String?
    var occurred: String?
    var ended: String?
    var description: String?
    var subjectCategories: [String]?
    var dataCategories: [String]?
    var approximateSubjects: ApproximateCount?
    var approximateRecords: ApproximateCount?
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
            occurred: try occurred.map { try calendar.instant($0, field: "occurred") },
            ended: try ended.map { try calendar.instant($0, field: "ended") }, description: description,
            subjectCategories: subjectCategories, dataCategories: dataCategories,
            approximateSubjects: approximateSubjects?.value, approximateRecords: approximateRecords?.value,
            consequences: consequences, measures: measures, risk: try risk.map(Self.risk))
    }

    /// `aware` only as POST takes it: a PATCH that gives it is refused rather than ignored.
    func refuseAware(in calendar: ZonedCalendar) throws {
        guard let aware else { return }
        _ = try calendar.instant(aware, field: "aware")
        throw GallraError.invalidInput(
            "\"aware\" is set when the incident is opened and not changed after: the 72 hours of Art. 33(1) run from it."
        )
    }

    static func risk(_ text: String) throws -> Incident.Risk {
        guard let risk = Incident.Risk(rawValue: text) else {
            throw GallraError.invalidInput("\"risk\" is none, risk or high, not \"\(text)\".")
        }
        return risk
    }
}

/// How many people or records an incident concerns (Art. 33(3)(a)): a whole number, never
/// negative, that fits the store's 64-bit column. Anything else is refused naming the field; the
/// decoder's own error for a number too big names no field.
struct ApproximateCount: Decodable {
    let value: Int

    init(from decoder: any Decoder) throws {
        let field = decoder.codingPath.map(\.stringValue).joined(separator: ".")
        // try?: whatever is not such a number is refused just below, naming the field
        guard let value = try? decoder.singleValueContainer().decode(Int.self), value >= 0 else {
            throw GallraError.invalidInput("\"\(field)\" is a whole number from 0 to \(Int64.max).")
        }
        self.value = value
    }
}

/// The notification to IMY and the information to the people affected (Art. 33–34).
struct NotificationRequest: JSONBody {
    static let fields: Set<String> = [
        "imy", "reference", "delay_reasons", "no_imy_reason", "subjects_informed", "exemption", "exemption_reason",
    ]

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

    func notification(in calendar: ZonedCalendar) throws -> IncidentNotification {
        var exemptionValue: Incident.Exemption?
        if let exemption {
            guard let value = Incident.Exemption(rawValue: exemption) else {
                throw GallraError.invalidInput("\"exemption\" is a, b or c (Art. 34(3)).")
            }
            exemptionValue = value
        }
        return IncidentNotification(
            authorityNotified: try imy.map { try calendar.instant($0, field: "imy") }, reference: reference,
            delayReasons: delayReasons, noNotificationReason: noImyReason,
            subjectsInformed: try subjectsInformed.map { try calendar.instant($0, field: "subjects_informed") },
            exemption: exemptionValue, exemptionReason: exemptionReason)
    }
}
