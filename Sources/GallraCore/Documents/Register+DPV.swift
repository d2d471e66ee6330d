/// The register in the W3C Data Privacy Vocabulary (DPV 2), as JSON-LD, so that other tools can
/// read it: each activity a `dpv:Process` with its purpose, legal basis (the GDPR extension's
/// Art. 6(1) points), personal data, data subjects, storage duration, recipients and measures.
extension Register {
    static let dpvContext: JSONText = .object([
        ("dpv", .string("https://w3id.org/dpv#")),
        ("pd", .string("https://w3id.org/dpv/pd#")),
        ("eu-gdpr", .string("https://w3id.org/dpv/legal/eu/gdpr#")),
        ("loc", .string("https://w3id.org/dpv/loc#")),
        ("dct", .string("http://purl.org/dc/terms/")),
        ("rdfs", .string("http://www.w3.org/2000/01/rdf-schema#")),
        ("xsd", .string("http://www.w3.org/2001/XMLSchema#")),
        ("gallra", .string("https://gallra.se/ns#")),
    ])

    public func exportDPV(language: Language, base: String = "urn:gallra:register:") -> JSONText {
        let controllerID = base + "controller"
        let controllerNode: JSONText = .object([
            ("@id", .string(controllerID)),
            ("@type", .string("dpv:DataController")),
            ("rdfs:label", .string(controller.name)),
            ("dpv:hasAddress", .optional(controller.address)),
            ("dpv:hasContact", .optional(controller.email ?? controller.phone)),
        ])
        let processes = activities.map { activity in
            dpvProcess(activity, language, base: base, controller: controllerID)
        }
        return .object([
            ("@context", Self.dpvContext),
            ("@graph", .array([controllerNode] + recipients.map { dpvRecipient($0, base: base) } + processes)),
        ])
    }

    private func dpvProcess(_ activity: ProcessingActivity, _ language: Language, base: String, controller: String)
        -> JSONText
    {
        let wording = activity.peopleWording(declaredEvents: events)[language]
        var storage: [(String, JSONText)] = [
            ("@type", .string("dpv:StorageDuration")),
            ("dct:description", .string(wording)),
            ("gallra:retentionRule", .string(activity.retention.description)),
        ]
        if let duration = activity.retention.fixedDurationFromCollection {
            storage.append(
                ("dpv:hasDuration", .object([("@value", .string(duration)), ("@type", .string("xsd:duration"))])))
        }
        var deletion: [(String, JSONText)] = [
            ("@type", .string(activity.onExpiry == .anonymise ? "dpv:Anonymise" : "dpv:Erase"))
        ]
        deletion.append(("dct:description", .string(activity.onExpiry.rawValue)))
        return .object([
            ("@id", .string(base + "activity/" + activity.id)),
            ("@type", .string("dpv:Process")),
            ("rdfs:label", .string(activity.name[language])),
            ("dpv:hasDataController", .object([("@id", .string(controller))])),
            (
                "dpv:hasPurpose",
                .object([
                    ("@type", .array(["dpv:Purpose", activity.dpvPurpose].map(JSONText.string))),
                    ("dct:description", .string(activity.purpose[language])),
                ])
            ),
            ("dpv:hasLegalBasis", .array(activity.legalBasis.map { .object([("@id", .string($0.dpvTerm))]) })),
            ("dpv:hasPersonalData", .array(activity.data.map { dpvPersonalData($0, language) })),
            ("dpv:hasDataSubject", .array(activity.dataSubjects.map { dpvDataSubject($0, language) })),
            ("dpv:hasStorageCondition", .object(storage)),
            ("dpv:hasProcessing", .object(deletion)),
            (
                "dpv:hasRecipient",
                .array(activity.recipients.map { .object([("@id", .string(base + "recipient/" + $0))]) })
            ),
            (
                "dpv:hasTechnicalOrganisationalMeasure",
                activity.security.map {
                    .object([
                        ("@type", .string("dpv:TechnicalOrganisationalMeasure")),
                        ("dct:description", .string($0[language])),
                    ])
                } ?? .array([])
            ),
            ("gallra:law", .optional(activity.law)),
        ])
    }

    private func dpvRecipient(_ recipient: Recipient, base: String) -> JSONText {
        let type: String
        switch recipient.kind {
        case .processor: type = "dpv:DataProcessor"
        case .subProcessor: type = "dpv:DataSubProcessor"
        case .controller: type = "dpv:DataController"
        case .authority: type = "dpv:Authority"
        }
        var node: [(String, JSONText)] = [
            ("@id", .string(base + "recipient/" + recipient.id)),
            ("@type", .array([type, "dpv:Recipient"].map(JSONText.string))),
            ("rdfs:label", .string(recipient.name)),
        ]
        if let country = recipient.country {
            node.append(("dpv:hasLocation", .object([("@id", .string("loc:\(country)"))])))
        }
        if let transfer = recipient.transfer {
            node.append(
                (
                    "dpv:hasOrganisationalMeasure",
                    .object([
                        ("@type", .string(transfer.safeguard?.dpvTerm ?? "dpv:DataTransferSafeguard")),
                        ("dct:description", .string("transfer to \(transfer.country)")),
                        ("dpv:hasLocation", .object([("@id", .string("loc:\(transfer.country)"))])),
                    ])
                ))
        }
        return .object(node)
    }

    private func dpvPersonalData(_ id: String, _ language: Language) -> JSONText {
        let category = category(id)
        var types = ["dpv:PersonalData"]
        if let term = DPVTerms.personalData[id] { types.append(term) }
        if category?.isSpecial == true { types.append("dpv:SpecialCategoryPersonalData") }
        return .object([
            ("@type", .array(types.map(JSONText.string))),
            ("rdfs:label", .string(category?.name[language] ?? id)),
            ("gallra:category", .string(id)),
        ])
    }

    private func dpvDataSubject(_ id: String, _ language: Language) -> JSONText {
        let name = knownSubjectCategories.first { $0.id == id }?.name[language] ?? id
        var types = ["dpv:DataSubject"]
        if let term = DPVTerms.dataSubjects[id] { types.append(term) }
        return .object([
            ("@type", .array(types.map(JSONText.string))),
            ("rdfs:label", .string(name)),
            ("gallra:category", .string(id)),
        ])
    }
}

/// Gallra's built-in categories mapped onto DPV's own terms, where DPV has one.
enum DPVTerms {
    static let personalData: [String: String] = [
        "name": "pd:Name", "email": "pd:EmailAddress", "phone": "pd:TelephoneNumber", "address": "pd:PhysicalAddress",
        "contact_details": "pd:Contact", "personal_identity_number": "pd:NationalIdentificationNumber",
        "billing": "pd:BillingAddress", "payment": "pd:PaymentCardNumber", "ip_address": "pd:IPAddress",
        "cookie_id": "pd:BrowserFingerprint", "login": "pd:Password", "images": "pd:Picture",
        "recordings": "pd:VoiceCommunicationRecording", "date_of_birth": "pd:DateOfBirth", "location": "pd:Location",
        "health": "pd:Health", "ethnic_origin": "pd:Ethnicity", "political_opinions": "pd:PoliticalOpinion",
        "religious_beliefs": "pd:Religion", "trade_union_membership": "pd:TradeUnionMembership",
        "genetic": "pd:Genetic", "biometric": "pd:Biometric", "sex_life": "pd:SexualHistory",
        "position": "pd:Job", "company": "pd:Employer",
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
    var dpvTerm: String {
        switch self {
        case .adequacyDecision: return "eu-gdpr:A45-3"
        case .standardContractualClauses: return "dpv:StandardContractualClauses"
        case .bindingCorporateRules: return "dpv:BindingCorporateRules"
        case .codeOfConduct: return "dpv:CodeOfConduct"
        case .certification: return "dpv:Certification"
        case .derogation: return "eu-gdpr:A49-1"
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
