import Foundation
import GallraCore
import GallraServices
import Hummingbird

/// The facts of an incident as POST and PATCH take them; absent fields stay as they are.
struct IncidentFactsRequest: JSONBody {
    static let fields: Set<String> = [
        "aware", "occurred", "ended", "description", "subject_categories", "data_categories", "approximate_subjects",
        "approximate_records", "consequences", "measures", "risk", "affected", "discovered_how", "nature",
        "contact_point", "risk_reasoning",
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
    var discoveredHow: String?
    var nature: [String]?
    var contactPoint: String?
    var riskReasoning: String?

    enum CodingKeys: String, CodingKey {
        case aware, occurred, ended, description, consequences, measures, risk, affected
        case subjectCategories = "subject_categories", dataCategories = "data_categories"
        case approximateSubjects = "approximate_subjects", approximateRecords = "approximate_records"
        case discoveredHow = "discovered_how", nature, contactPoint = "contact_point", riskReasoning = "risk_reasoning"
    }

    func change(in calendar: ZonedCalendar) throws -> IncidentChange {
        IncidentChange(
            occurred: try occurred.map { try calendar.instant($0, field: "occurred") },
            ended: try ended.map { try calendar.instant($0, field: "ended") }, description: description,
            discoveredHow: discoveredHow, nature: try natureValues(),
            subjectCategories: subjectCategories, dataCategories: dataCategories,
            approximateSubjects: approximateSubjects?.value, approximateRecords: approximateRecords?.value,
            consequences: consequences, measures: measures, contactPoint: contactPoint, risk: try risk.map(Self.risk),
            riskReasoning: riskReasoning)
    }

    /// The nature of the breach: confidentiality, integrity, availability (one or more).
    func natureValues() throws -> [Incident.Nature]? {
        try nature.map { names in
            try names.map { name in
                guard let value = Incident.Nature(rawValue: name) else {
                    throw GallraError.invalidInput(
                        "\"nature\" holds confidentiality, integrity or availability, not \"\(name)\".")
                }
                return value
            }
        }
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

/// The Art. 34 decision: tell the people affected (queues a message to each linked person with an
/// e-mail address), or not with the exemption or the reason; or when they were told another way.
struct PeopleDecisionRequest: JSONBody {
    static let fields: Set<String> = ["decision", "exemption", "reason", "told"]

    var decision: String?
    var exemption: String?
    var reason: String?
    var told: String?

    func parsed(in calendar: ZonedCalendar) throws -> (
        decision: Incident.PeopleDecision?, exemption: Incident.Exemption?, told: Date?
    ) {
        let decisionValue = try decision.map { text in
            guard let value = Incident.PeopleDecision(rawValue: text) else {
                throw GallraError.invalidInput("\"decision\" is tell, exempt or not_required.")
            }
            return value
        }
        let exemptionValue = try exemption.map { text in
            guard let value = Incident.Exemption(rawValue: text) else {
                throw GallraError.invalidInput("\"exemption\" is a, b or c (Art. 34(3)).")
            }
            return value
        }
        let toldValue = try told.map { try calendar.instant($0, field: "told") }
        guard decisionValue != nil || toldValue != nil else {
            throw GallraError.invalidInput("Give \"decision\" (tell, exempt or not_required) or \"told\".")
        }
        return (decisionValue, exemptionValue, toldValue)
    }
}
