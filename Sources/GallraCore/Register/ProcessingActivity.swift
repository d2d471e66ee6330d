/// One purpose of processing: what data, about whom, on which legal basis, for how long.
public struct ProcessingActivity: Hashable, Sendable {
    public var id: String
    public var name: LocalizedText
    public var purpose: LocalizedText
    public var dataSubjects: [String]
    public var data: [String]
    public var legalBasis: [LegalBasis]
    /// The law that creates the obligation, when the basis is `legal_obligation` (Art. 6(3)), as
    /// the register cites it in each language.
    public var lawWording: LocalizedText?
    /// The law as cited in the register's first words for it (Swedish when given).
    public var law: String? { lawWording.map { $0.sv ?? $0.en ?? "" } }
    /// The legitimate interest pursued, when that is the basis (Art. 13(1)(d)).
    public var legitimateInterest: LocalizedText?
    public var retention: RetentionRule
    /// The wording shown to people, when the register gives its own.
    public var retentionText: LocalizedText?
    public var onExpiry: ExpiryAction
    public var systems: [String]
    public var recipients: [String]
    public var source: DataSource
    public var security: LocalizedText?
    /// Processing for direct marketing: an objection stops it unconditionally (GDPR Art. 21(2)-(3)).
    public var directMarketing: Bool
    /// Set on the activity under which Gallra keeps one of its own registers (the requests, the
    /// incidents): those entries follow this activity's retention rule.
    public var keeps: OwnRegister?
    /// Art. 13(2)(e), when the register says it; otherwise it follows from the legal basis.
    public var provision: DataProvision?
    /// Art. 13(2)(f): automated decisions made in this activity, profiling included.
    public var automatedDecisions: AutomatedDecisions?
    /// Art. 14(2)(f): where the data comes from, in words, when not from the person.
    public var sourceDetail: LocalizedText?

    public init(
        id: String, name: LocalizedText, purpose: LocalizedText, dataSubjects: [String], data: [String],
        legalBasis: [LegalBasis], law: LocalizedText? = nil, legitimateInterest: LocalizedText? = nil,
        retention: RetentionRule, retentionText: LocalizedText? = nil, onExpiry: ExpiryAction = .erase,
        systems: [String] = [], recipients: [String] = [], source: DataSource = .dataSubject,
        security: LocalizedText? = nil, directMarketing: Bool = false, keeps: OwnRegister? = nil,
        provision: DataProvision? = nil, automatedDecisions: AutomatedDecisions? = nil,
        sourceDetail: LocalizedText? = nil
    ) {
        self.id = id
        self.name = name
        self.purpose = purpose
        self.dataSubjects = dataSubjects
        self.data = data
        self.legalBasis = legalBasis
        self.lawWording = law
        self.legitimateInterest = legitimateInterest
        self.retention = retention
        self.retentionText = retentionText
        self.onExpiry = onExpiry
        self.systems = systems
        self.recipients = recipients
        self.source = source
        self.security = security
        self.directMarketing = directMarketing
        self.keeps = keeps
        self.provision = provision
        self.automatedDecisions = automatedDecisions
        self.sourceDetail = sourceDetail
    }
}

/// The registers Gallra keeps besides the personal data itself.
public enum OwnRegister: String, CaseIterable, Hashable, Sendable {
    /// Data subject requests (GDPR Art. 12(3), and the controller's accountability, Art. 5(2)).
    case requests
    /// Personal data incidents (Art. 33(5)).
    case incidents
}

/// What happens to data whose retention has expired.
public enum ExpiryAction: String, CaseIterable, Hashable, Sendable {
    case erase
    /// Kept with its personal values removed and its identifying links cut.
    case anonymise
}

/// Where the data comes from; data not collected from the person needs Art. 14 information.
public enum DataSource: String, CaseIterable, Hashable, Sendable {
    case dataSubject = "data_subject"
    case publicRegisters = "public_registers"
    case thirdParty = "third_party"
}
