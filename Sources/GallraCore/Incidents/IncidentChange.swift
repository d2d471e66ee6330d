import Foundation

/// What an update of an incident changes; nil leaves a field as it is, an empty text clears it.
public struct IncidentChange: Sendable {
    public var occurred: Date?
    public var ended: Date?
    public var description: String?
    public var discoveredHow: String?
    public var nature: [Incident.Nature]?
    public var subjectCategories: [String]?
    public var dataCategories: [String]?
    public var approximateSubjects: Int?
    public var approximateRecords: Int?
    public var consequences: String?
    public var measures: String?
    public var contactPoint: String?
    public var risk: Incident.Risk?
    public var riskReasoning: String?

    public init(
        occurred: Date? = nil, ended: Date? = nil, description: String? = nil, discoveredHow: String? = nil,
        nature: [Incident.Nature]? = nil, subjectCategories: [String]? = nil, dataCategories: [String]? = nil,
        approximateSubjects: Int? = nil, approximateRecords: Int? = nil, consequences: String? = nil,
        measures: String? = nil, contactPoint: String? = nil, risk: Incident.Risk? = nil, riskReasoning: String? = nil
    ) {
        self.occurred = occurred
        self.ended = ended
        self.description = description
        self.discoveredHow = discoveredHow
        self.nature = nature
        self.subjectCategories = subjectCategories
        self.dataCategories = dataCategories
        self.approximateSubjects = approximateSubjects
        self.approximateRecords = approximateRecords
        self.consequences = consequences
        self.measures = measures
        self.contactPoint = contactPoint
        self.risk = risk
        self.riskReasoning = riskReasoning
    }

    public func applied(to incident: Incident) -> Incident {
        /// A text given empty clears the field; blanks around it are dropped.
        func text(_ value: String?, _ current: String?) -> String? {
            guard let value else { return current }
            let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
            return trimmed.isEmpty ? nil : trimmed
        }
        var result = incident
        if let occurred { result.occurred = occurred }
        if let ended { result.ended = ended }
        if let description { result.description = description.trimmingCharacters(in: .whitespacesAndNewlines) }
        result.discoveredHow = text(discoveredHow, result.discoveredHow)
        if let nature { result.nature = Incident.Nature.allCases.filter { nature.contains($0) } }
        if let subjectCategories { result.subjectCategories = subjectCategories }
        if let dataCategories { result.dataCategories = dataCategories }
        if let approximateSubjects { result.approximateSubjects = approximateSubjects }
        if let approximateRecords { result.approximateRecords = approximateRecords }
        result.consequences = text(consequences, result.consequences)
        result.measures = text(measures, result.measures)
        result.contactPoint = text(contactPoint, result.contactPoint)
        if let risk { result.risk = risk }
        result.riskReasoning = text(riskReasoning, result.riskReasoning)
        return result
    }
}
