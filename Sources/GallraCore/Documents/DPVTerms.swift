/// Gallra's built-in categories and register words mapped onto terms DPV 2.3 defines; where DPV
/// has none, nothing is claimed (the category keeps its own label).
enum DPVTerms {
    static let personalData: [String: String] = [
        "name": "pd:Name", "email": "pd:EmailAddress", "phone": "pd:TelephoneNumber", "address": "pd:PhysicalAddress",
        "contact_details": "pd:Contact", "personal_identity_number": "pd:Identifier",
        "billing": "pd:Transactional", "payment": "pd:PaymentCardNumber", "ip_address": "pd:IPAddress",
        "cookie_id": "pd:Identifier", "login": "pd:Password", "images": "pd:Picture",
        "recordings": "pd:VoiceCommunicationRecording", "date_of_birth": "pd:BirthDate", "location": "pd:Location",
        "health": "pd:Health", "ethnic_origin": "pd:Ethnicity", "political_opinions": "pd:PoliticalOpinion",
        "religious_beliefs": "pd:Religion", "trade_union_membership": "pd:TradeUnionMembership",
        "genetic": "pd:Genetic", "biometric": "pd:Biometric", "sex_life": "pd:SexualHistory",
        "position": "pd:Job", "company": "pd:Professional",
    ]

    static let dataSubjects: [String: String] = [
        "customers": "dpv:Customer", "job_applicants": "dpv:JobApplicant", "employees": "dpv:Employee",
        "website_visitors": "dpv:Visitor", "users": "dpv:User", "members": "dpv:Member",
        "newsletter_subscribers": "dpv:Subscriber", "event_participants": "dpv:Participant",
        "prospects": "dpv:Consumer",
    ]
}

extension LegalBasis {
    /// The point of Art. 6(1) in DPV's GDPR extension.
    var dpvTerm: String {
        switch self {
        case .consent: return "eu-gdpr:A6-1-a"
        case .contract: return "eu-gdpr:A6-1-b"
        case .legalObligation: return "eu-gdpr:A6-1-c"
        case .vitalInterests: return "eu-gdpr:A6-1-d"
        case .publicTask: return "eu-gdpr:A6-1-e"
        case .legitimateInterests: return "eu-gdpr:A6-1-f"
        }
    }
}

extension TransferSafeguard {
    /// The safeguard as DPV 2.3 names it.
    var dpvTerm: String {
        switch self {
        case .adequacyDecision: return "eu-gdpr:AdequacyDecision"
        case .standardContractualClauses: return "eu-gdpr:SCCByCommission"
        case .bindingCorporateRules: return "eu-gdpr:BindingCorporateRules"
        case .codeOfConduct: return "dpv:CodeOfConduct"
        case .certification: return "dpv:Certification"
        case .derogation: return "dpv:DataTransferLegalBasis"
        }
    }

    /// The article of Chapter V the safeguard rests on, where DPV 2.3 has a term for it (it has
    /// none for Art. 47, and a derogation is one of Art. 49(1)'s points, which the register does
    /// not say).
    var dpvBasis: String? {
        switch self {
        case .adequacyDecision: return "eu-gdpr:A45-3"
        case .standardContractualClauses: return "eu-gdpr:A46-2-c"
        case .codeOfConduct: return "eu-gdpr:A46-2-e"
        case .certification: return "eu-gdpr:A46-2-f"
        case .bindingCorporateRules, .derogation: return nil
        }
    }
}

extension Recipient.Kind {
    var dpvTerm: String {
        switch self {
        case .processor: return "dpv:DataProcessor"
        case .subProcessor: return "dpv:DataSubProcessor"
        case .controller: return "dpv:DataController"
        case .authority: return "dpv:Authority"
        }
    }
}

extension ProcessingActivity {
    /// The DPV purpose category this activity falls under.
    var dpvPurpose: String {
        if directMarketing { return "dpv:DirectMarketing" }
        if legalBasis.contains(.legalObligation) { return "dpv:LegalCompliance" }
        if legalBasis.contains(.contract) { return "dpv:ServiceProvision" }
        if keeps != nil { return "dpv:LegalCompliance" }
        return "dpv:Purpose"
    }

    /// Where the data comes from (Art. 14(2)(f)) as a `dpv:DataSource`.
    func dpvSource(_ language: Language) -> JSONText {
        let kind: String
        switch source {
        case .dataSubject: kind = "dpv:DataSubjectDataSource"
        case .publicRegisters: kind = "dpv:PublicDataSource"
        case .thirdParty: kind = "dpv:ThirdPartyDataSource"
        }
        var node: [(String, JSONText)] = [("@type", Register.types(["dpv:DataSource", kind]))]
        if let detail = sourceDetail { node.append(("dct:description", .string(detail[language]))) }
        return .object(node)
    }
}

extension RetentionRule {
    /// "P10Y" for `collected + 10y`: a rule that is a fixed time from collection, as an
    /// xsd:duration; nil for any rule that waits for another event.
    var fixedDurationFromCollection: String? {
        guard case .expression(let expression) = self else { return nil }
        var durations: [RetentionDuration] = []
        var current = expression
        while case .shifted(let inner, let duration) = current {
            durations.append(duration)
            current = inner
        }
        guard case .event(let name) = current, name == .collected, !durations.isEmpty else { return nil }
        var amounts: [RetentionDuration.Unit: Int] = [:]
        for duration in durations {
            let (unit, amount) =
                duration.unit == .weeks ? (.days, duration.amount * 7) : (duration.unit, duration.amount)
            amounts[unit, default: 0] += amount
        }
        let date = [(RetentionDuration.Unit.years, "Y"), (.months, "M"), (.days, "D")].compactMap { unit, letter in
            amounts[unit].map { "\($0)\(letter)" }
        }.joined()
        let time = amounts[.hours].map { "\($0)H" } ?? ""
        return "P" + date + (time.isEmpty ? "" : "T" + time)
    }
}
