/// Art. 13(2)(e): whether a person must give the data, and what follows if they do not.
public struct DataProvision: Hashable, Sendable {
    public enum Requirement: String, CaseIterable, Hashable, Sendable {
        /// Required by law.
        case statutory
        /// Required by a contract the person has entered.
        case contractual
        /// Needed to enter into a contract.
        case contractEntry = "contract_entry"
        /// Not required.
        case voluntary
    }

    public var requirement: Requirement
    /// What follows if the person does not give the data, in the register's words.
    public var consequence: LocalizedText?

    public init(requirement: Requirement, consequence: LocalizedText? = nil) {
        self.requirement = requirement
        self.consequence = consequence
    }
}

/// Art. 13(2)(f), 14(2)(g) and 22: decisions made by automated means alone, profiling included —
/// what is decided, the logic involved, and the consequences for the person.
public struct AutomatedDecisions: Hashable, Sendable {
    public var what: LocalizedText
    public var logic: LocalizedText
    public var consequences: LocalizedText

    public init(what: LocalizedText, logic: LocalizedText, consequences: LocalizedText) {
        self.what = what
        self.logic = logic
        self.consequences = consequences
    }
}

extension ProcessingActivity {
    /// What the notice says of Art. 13(2)(e): the register's own statement, or one that follows
    /// from the legal basis; nil for data not obtained from the person (Art. 14 asks no such thing).
    public var effectiveProvision: DataProvision? {
        if let provision { return provision }
        guard source == .dataSubject else { return nil }
        if legalBasis.contains(.legalObligation) { return DataProvision(requirement: .statutory) }
        if legalBasis.contains(.contract) { return DataProvision(requirement: .contractEntry) }
        return DataProvision(requirement: .voluntary)
    }
}
