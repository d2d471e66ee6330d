import Foundation

/// What an update of an incident changes; nil leaves a field as it is.
public struct IncidentChange: Sendable {
    public var occurred: Date?
    public var ended: Date?
    public var description: String?
    public var subjectCategories: [String]?
    public var dataCategories: [String]?
    public var approximateSubjects: Int?
    public var approximateRecords: Int?
    public var consequences: String?
    public var measures: String?
    public var risk: Incident.Risk?

    public init(
        occurred: Date? = nil, ended: Date? = nil, description: String? = nil, subjectCategories: [String]? = nil,
        dataCategories: [String]? = nil, approximateSubjects: Int? = nil, approximateRecords: Int? = nil,
        consequences: String? = nil, measures: String? = nil, risk: Incident.Risk? = nil
    ) {
        self.occurred = occurred
        self.ended = ended
        self.description = description
        self.subjectCategories = subjectCategories
        self.dataCategories = dataCategories
        self.approximateSubjects = approximateSubjects
        self.approximateRecords = approximateRecords
        self.consequences = consequences
        self.measures = measures
        self.risk = risk
    }

    public func applied(to incident: Incident) -> Incident {
        var result = incident
        if let occurred { result.occurred = occurred }
        if let ended { result.ended = ended }
        if let description { result.description = description }
        if let subjectCategories { result.subjectCategories = subjectCategories }
        if let dataCategories { result.dataCategories = dataCategories }
        if let approximateSubjects { result.approximateSubjects = approximateSubjects }
        if let approximateRecords { result.approximateRecords = approximateRecords }
        if let consequences { result.consequences = consequences }
        if let measures { result.measures = measures }
        if let risk { result.risk = risk }
        return result
    }
}
