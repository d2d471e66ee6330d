/// The record of processing activities (GDPR Art. 30), as read from a register file.
public struct Register: Hashable, Sendable {
    public var version: Int
    public var controller: Controller
    /// Events declared by the register beyond the built-in vocabulary.
    public var events: [EventDefinition]
    /// Data categories declared by the register beyond the built-in set.
    public var categories: [DataCategory]
    /// Data subject categories declared by the register beyond the built-in set.
    public var subjectCategories: [DataSubjectCategory]
    public var systems: [DataSystem]
    public var recipients: [Recipient]
    public var activities: [ProcessingActivity]
    /// The record the company keeps as a processor for other controllers (Art. 30(2)), when it is one.
    public var processorRecord: ProcessorRecord?

    public init(
        version: Int, controller: Controller, events: [EventDefinition] = [], categories: [DataCategory] = [],
        subjectCategories: [DataSubjectCategory] = [], systems: [DataSystem] = [], recipients: [Recipient] = [],
        activities: [ProcessingActivity] = [], processorRecord: ProcessorRecord? = nil
    ) {
        self.version = version
        self.controller = controller
        self.events = events
        self.categories = categories
        self.subjectCategories = subjectCategories
        self.systems = systems
        self.recipients = recipients
        self.activities = activities
        self.processorRecord = processorRecord
    }

    /// Built-in and declared events.
    public var knownEvents: [EventDefinition] { EventDefinition.builtIn + events }
    public var knownCategories: [DataCategory] { DataCategory.builtIn + categories }
    public var knownSubjectCategories: [DataSubjectCategory] { DataSubjectCategory.builtIn + subjectCategories }

    public func activity(_ id: String) -> ProcessingActivity? { activities.first { $0.id == id } }
    /// The activities by id, the first where one is given twice, as `activity(_:)` finds them:
    /// for looking up many ids, each in constant time.
    public var activitiesByID: [String: ProcessingActivity] {
        Dictionary(activities.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }
    public func category(_ id: String) -> DataCategory? { knownCategories.first { $0.id == id } }
    public func recipient(_ id: String) -> Recipient? { recipients.first { $0.id == id } }
}

/// Art. 30(1)(a): the controller, its representative and its data protection officer.
public struct Controller: Hashable, Sendable {
    public var name: String
    public var organisationNumber: String?
    public var address: String?
    public var email: String?
    public var phone: String?
    public var dpo: Contact?
    public var representative: Contact?
    /// The time zone retention is computed in; `Europe/Stockholm` unless the register says otherwise.
    public var timeZone: String
    public var languages: [Language]
    /// The controller states that it makes no decisions by automated means alone, profiling
    /// included (`automated_decisions: none`), so the notice can say so (Art. 13(2)(f)).
    public var noAutomatedDecisions: Bool

    public init(
        name: String, organisationNumber: String? = nil, address: String? = nil, email: String? = nil,
        phone: String? = nil, dpo: Contact? = nil, representative: Contact? = nil,
        timeZone: String = "Europe/Stockholm", languages: [Language] = [.sv, .en], noAutomatedDecisions: Bool = false
    ) {
        self.name = name
        self.organisationNumber = organisationNumber
        self.address = address
        self.email = email
        self.phone = phone
        self.dpo = dpo
        self.representative = representative
        self.timeZone = timeZone
        self.languages = languages
        self.noAutomatedDecisions = noAutomatedDecisions
    }
}

public struct Contact: Hashable, Sendable {
    public var name: String?
    public var email: String?
    public var phone: String?
    public var address: String?

    public init(name: String? = nil, email: String? = nil, phone: String? = nil, address: String? = nil) {
        self.name = name
        self.email = email
        self.phone = phone
        self.address = address
    }
}

/// A system where personal data lives (a CRM, the ticketing system, the accounts).
public struct DataSystem: Hashable, Sendable {
    public var id: String
    public var name: LocalizedText

    public init(id: String, name: LocalizedText) {
        self.id = id
        self.name = name
    }
}

extension Register {
    /// The activity under which Gallra keeps one of its own registers, when the register names one.
    public func activity(keeping register: OwnRegister) -> ProcessingActivity? {
        activities.first { $0.keeps == register }
    }
}
