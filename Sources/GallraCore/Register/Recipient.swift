/// Someone personal data is disclosed to (Art. 30(1)(d)), with the Art. 28 agreement and any
/// transfer to a third country (Art. 30(1)(e), Art. 44–49).
public struct Recipient: Hashable, Sendable {
    public enum Kind: String, CaseIterable, Hashable, Sendable {
        case processor
        case subProcessor = "sub_processor"
        case controller
        case authority
    }

    public var id: String
    public var name: String
    public var kind: Kind
    public var country: String?
    public var agreement: ProcessorAgreement?
    public var transfer: ThirdCountryTransfer?

    public init(
        id: String, name: String, kind: Kind, country: String? = nil, agreement: ProcessorAgreement? = nil,
        transfer: ThirdCountryTransfer? = nil
    ) {
        self.id = id
        self.name = name
        self.kind = kind
        self.country = country
        self.agreement = agreement
        self.transfer = transfer
    }
}

/// A personuppgiftsbiträdesavtal (Art. 28(3)).
public struct ProcessorAgreement: Hashable, Sendable {
    public var signed: CivilDate?
    public var reference: String?
    public var expires: CivilDate?

    public init(signed: CivilDate? = nil, reference: String? = nil, expires: CivilDate? = nil) {
        self.signed = signed
        self.reference = reference
        self.expires = expires
    }
}

public struct ThirdCountryTransfer: Hashable, Sendable {
    public var country: String
    public var safeguard: TransferSafeguard?
    /// How a person gets a copy of the safeguard (Art. 13(1)(f)), when not simply by asking the controller.
    public var copy: LocalizedText?

    public init(country: String, safeguard: TransferSafeguard?, copy: LocalizedText? = nil) {
        self.country = country
        self.safeguard = safeguard
        self.copy = copy
    }
}

/// The ground that makes a transfer to a third country lawful (GDPR Chapter V).
public enum TransferSafeguard: String, CaseIterable, Hashable, Sendable {
    case adequacyDecision = "adequacy_decision"
    case standardContractualClauses = "standard_contractual_clauses"
    case bindingCorporateRules = "binding_corporate_rules"
    case codeOfConduct = "code_of_conduct"
    case certification
    case derogation

    public var article: String {
        switch self {
        case .adequacyDecision: return "Art. 45"
        case .standardContractualClauses: return "Art. 46(2)(c)"
        case .bindingCorporateRules: return "Art. 47"
        case .codeOfConduct: return "Art. 46(2)(e)"
        case .certification: return "Art. 46(2)(f)"
        case .derogation: return "Art. 49"
        }
    }
}

extension Recipient {
    /// EU and EEA countries (ISO 3166-1 alpha-2); a transfer anywhere else is a third-country transfer.
    public static let euEeaCountries: Set<String> = [
        "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT",
        "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO",
    ]
}
