import Foundation

/// The facts describing an incident at one moment (Art. 33(3)), as the register keeps each version
/// of them: "where, and in so far as, it is not possible to provide the information at the same
/// time, the information may be provided in phases" (Art. 33(4)).
public struct IncidentFacts: Sendable, Equatable, Codable {
    public var description: String
    public var discoveredHow: String?
    public var nature: [Incident.Nature]
    public var occurred: Date?
    public var ended: Date?
    public var subjectCategories: [String]
    public var dataCategories: [String]
    public var approximateSubjects: Int?
    public var approximateRecords: Int?
    public var consequences: String?
    public var measures: String?
    public var contactPoint: String?
    public var risk: String?
    public var riskReasoning: String?

    /// The names of the fields that differ from `earlier`, in the order of the form.
    public func changed(from earlier: IncidentFacts?) -> [String] {
        guard let earlier else { return [] }
        var names: [String] = []
        if description != earlier.description { names.append("description") }
        if discoveredHow != earlier.discoveredHow { names.append("discovered_how") }
        if nature != earlier.nature { names.append("nature") }
        if occurred != earlier.occurred { names.append("occurred") }
        if ended != earlier.ended { names.append("ended") }
        if subjectCategories != earlier.subjectCategories { names.append("subject_categories") }
        if dataCategories != earlier.dataCategories { names.append("data_categories") }
        if approximateSubjects != earlier.approximateSubjects { names.append("approximate_subjects") }
        if approximateRecords != earlier.approximateRecords { names.append("approximate_records") }
        if consequences != earlier.consequences { names.append("consequences") }
        if measures != earlier.measures { names.append("measures") }
        if contactPoint != earlier.contactPoint { names.append("contact_point") }
        if risk != earlier.risk { names.append("risk") }
        if riskReasoning != earlier.riskReasoning { names.append("risk_reasoning") }
        return names
    }
}

/// One version of an incident's facts: who wrote it and when.
public struct IncidentVersion: Sendable, Equatable {
    public let number: Int
    public let at: Date
    public let actor: String
    public let facts: IncidentFacts

    public init(number: Int, at: Date, actor: String, facts: IncidentFacts) {
        self.number = number
        self.at = at
        self.actor = actor
        self.facts = facts
    }
}
