import Foundation

/// The register in the W3C Data Privacy Vocabulary (DPV 2.3), as JSON-LD, so that other tools can
/// read it: a `dpv:ROPA` of the controller, each activity a `dpv:Process` with its purpose, legal
/// basis (the GDPR extension's Art. 6(1) points), personal data, data subjects, storage conditions,
/// recipients, sources and measures. Only terms DPV 2.3 defines are used (a test checks each
/// against DPV's own term lists); what DPV has no term for is said in `gallra:` or `dct:`.
extension Register {
    static let dpvContext: JSONText = .object([
        ("dpv", .string("https://w3id.org/dpv#")),
        ("pd", .string("https://w3id.org/dpv/pd#")),
        ("eu-gdpr", .string("https://w3id.org/dpv/legal/eu/gdpr#")),
        ("loc", .string("https://w3id.org/dpv/loc#")),
        ("dct", .string("http://purl.org/dc/terms/")),
        ("rdf", .string("http://www.w3.org/1999/02/22-rdf-syntax-ns#")),
        ("rdfs", .string("http://www.w3.org/2000/01/rdf-schema#")),
        ("owl", .string("http://www.w3.org/2002/07/owl#")),
        ("xsd", .string("http://www.w3.org/2001/XMLSchema#")),
        ("gallra", .string("https://gallra.se/ns#")),
    ])

    /// Where the export's identifiers live: the controller's own IRI when configured, otherwise one
    /// made from its organisation number (or name), so two companies' exports never merge.
    public func dpvBase(configured: String? = nil) -> String {
        if let configured {
            return configured.hasSuffix("/") || configured.hasSuffix("#") || configured.hasSuffix(":")
                ? configured : configured + "/"
        }
        if let number = controller.organisationNumber?.filter(\.isNumber), !number.isEmpty {
            return "urn:gallra:org:\(number):"
        }
        let slug = controller.name.lowercased().map { $0.isLetter || $0.isNumber ? String($0) : "-" }.joined()
        return "urn:gallra:controller:\(slug):"
    }

    /// - Parameters:
    ///   - version: the register version the export is of; `date`, the day it came into force.
    public func exportDPV(
        language: Language, base configured: String? = nil, version: Int? = nil, date: CivilDate? = nil
    ) -> JSONText {
        let base = dpvBase(configured: configured)
        let controllerID = base + "controller"
        var ropa: [(String, JSONText)] = [
            ("@id", .string(base + "ropa")),
            ("@type", .string("dpv:ROPA")),
            ("rdfs:label", .string(language == .sv ? "Register över behandlingar" : "Record of processing activities")),
            ("dpv:hasDataController", .object([("@id", .string(controllerID))])),
            ("dct:hasPart", .array(activities.map { .object([("@id", .string(base + "activity/" + $0.id))]) })),
        ]
        if let version { ropa.append(("owl:versionInfo", .string(String(version)))) }
        if let date {
            ropa.append(("dct:date", .object([("@value", .string(date.description)), ("@type", .string("xsd:date"))])))
        }
        let graph: [JSONText] =
            [.object(ropa), dpvController(id: controllerID)]
            + recipients.map { dpvRecipient($0, base: base, language) }
            + activities.map { dpvProcess($0, language, base: base, controller: controllerID) }
            + dpvProcessorGraph(base: base, language)
        return .object([("@context", Self.dpvContext), ("@graph", .array(graph))])
    }

    private func dpvController(id: String) -> JSONText {
        var node: [(String, JSONText)] = [
            ("@id", .string(id)),
            ("@type", .string("dpv:DataController")),
            ("dpv:hasName", .string(controller.name)),
        ]
        if let number = controller.organisationNumber { node.append(("dpv:hasIdentifier", .string(number))) }
        if let address = controller.address { node.append(("dpv:hasAddress", .string(address))) }
        if let contact = controller.email ?? controller.phone { node.append(("dpv:hasContact", .string(contact))) }
        if let dpo = controller.dpo {
            node.append(("dpv:hasDataProtectionOfficer", dpvContact(dpo, type: "dpv:DataProtectionOfficer")))
        }
        if let representative = controller.representative {
            node.append(("dpv:hasRepresentative", dpvContact(representative, type: "dpv:Representative")))
        }
        return .object(node)
    }

    func dpvContact(_ contact: Contact, type: String) -> JSONText {
        var node: [(String, JSONText)] = [("@type", .string(type))]
        if let name = contact.name { node.append(("dpv:hasName", .string(name))) }
        if let reach = contact.email ?? contact.phone { node.append(("dpv:hasContact", .string(reach))) }
        if let address = contact.address { node.append(("dpv:hasAddress", .string(address))) }
        return .object(node)
    }

    private func dpvRecipient(_ recipient: Recipient, base: String, _ language: Language) -> JSONText {
        var node: [(String, JSONText)] = [
            ("@id", .string(base + "recipient/" + recipient.id)),
            ("@type", .string(recipient.kind.dpvTerm)),
            ("dpv:hasName", .string(recipient.name)),
        ]
        if let country = recipient.country {
            node.append(("dpv:hasCountry", .object([("@id", .string("loc:\(country)"))])))
        }
        var measures: [JSONText] = []
        if let agreement = recipient.agreement {
            var contract: [(String, JSONText)] = [("@type", .string("dpv:DataProcessingAgreement"))]
            if let reference = agreement.reference { contract.append(("dct:identifier", .string(reference))) }
            if let signed = agreement.signed { contract.append(("dct:dateAccepted", Self.date(signed))) }
            if let expires = agreement.expires { contract.append(("dct:valid", Self.date(expires))) }
            measures.append(.object(contract))
        }
        if let transfer = recipient.transfer {
            node.append(("dpv:hasThirdCountry", .object([("@id", .string("loc:\(transfer.country)"))])))
            if let safeguard = transfer.safeguard {
                var measure: [(String, JSONText)] = [
                    ("@type", .string(safeguard.dpvTerm)),
                    ("dpv:hasCountry", .object([("@id", .string("loc:\(transfer.country)"))])),
                    ("dct:description", .string("\(safeguard.name[language]) (\(safeguard.article))")),
                ]
                if let basis = safeguard.dpvBasis {
                    measure.append(("dpv:hasLegalBasis", .object([("@id", .string(basis))])))
                }
                measures.append(.object(measure))
            }
        }
        if !measures.isEmpty { node.append(("dpv:hasLegalMeasure", .array(measures))) }
        return .object(node)
    }

    private func dpvProcess(_ activity: ProcessingActivity, _ language: Language, base: String, controller: String)
        -> JSONText
    {
        var node: [(String, JSONText)] = [
            ("@id", .string(base + "activity/" + activity.id)),
            ("@type", .string("dpv:Process")),
            ("rdfs:label", .string(activity.name[language])),
            ("dpv:hasDataController", .object([("@id", .string(controller))])),
            (
                "dpv:hasPurpose",
                .object([
                    ("@type", Self.types(["dpv:Purpose", activity.dpvPurpose])),
                    ("dct:description", .string(activity.purpose[language])),
                ])
            ),
        ]
        var bases: [JSONText] = activity.legalBasis.map { .object([("@id", .string($0.dpvTerm))]) }
        if let interest = activity.legitimateInterest {
            bases.append(
                .object([
                    ("@type", .string("dpv:LegitimateInterestOfController")),
                    ("dct:description", .string(interest[language])),
                ]))
        }
        node.append(("dpv:hasLegalBasis", .array(bases)))
        if let law = activity.lawWording {
            node.append(
                (
                    "dpv:hasApplicableLaw",
                    .object([("@type", .string("dpv:Law")), ("rdfs:label", .string(law[language]))])
                ))
        }
        node += [
            ("dpv:hasPersonalData", .array(activity.data.map { dpvPersonalData($0, language) })),
            ("dpv:hasDataSubject", .array(activity.dataSubjects.map { dpvDataSubject($0, language) })),
            ("dpv:hasStorageCondition", .array(dpvStorage(activity, language))),
            ("dpv:hasDataSource", activity.dpvSource(language)),
            (
                "dpv:hasRecipient",
                .array(activity.recipients.map { .object([("@id", .string(base + "recipient/" + $0))]) })
            ),
        ]
        if let security = activity.security {
            node.append(
                (
                    "dpv:hasTechnicalOrganisationalMeasure",
                    .object([
                        ("@type", .string("dpv:TechnicalOrganisationalMeasure")),
                        ("dct:description", .string(security[language])),
                    ])
                ))
        }
        if let decisions = activity.automatedDecisions {
            node.append(
                (
                    "dpv:hasContext",
                    .object([
                        ("@type", .string("dpv:AutomatedDecisionMaking")),
                        ("dct:description", .string(decisions.wording(language).joined(separator: " "))),
                    ])
                ))
        }
        return .object(node)
    }

    /// How long, and what happens at the end: a `dpv:StorageDuration` whose duration is a
    /// `dpv:Duration` (a fixed time from collection) or a `dpv:UntilEventDuration` (a time from an
    /// event), and a `dpv:StorageDeletion` for the erasure or anonymisation at the end.
    private func dpvStorage(_ activity: ProcessingActivity, _ language: Language) -> [JSONText] {
        let wording = activity.peopleWording(declaredEvents: events)[language]
        var duration: [(String, JSONText)] = []
        if let fixed = activity.retention.fixedDurationFromCollection {
            duration = [
                ("@type", .string("dpv:Duration")),
                ("rdf:value", .object([("@value", .string(fixed)), ("@type", .string("xsd:duration"))])),
            ]
        } else {
            duration = [("@type", .string("dpv:UntilEventDuration"))]
        }
        duration += [
            ("dct:description", .string(wording)), ("gallra:retentionRule", .string(activity.retention.description)),
        ]
        let deletion: [(String, JSONText)] = [
            ("@type", .string("dpv:StorageDeletion")),
            (
                "dct:description",
                .string(
                    activity.onExpiry == .anonymise
                        ? "anonymised at the end of retention" : "erased at the end of retention")
            ),
            ("gallra:onExpiry", .string(activity.onExpiry.rawValue)),
        ]
        return [
            .object([("@type", .string("dpv:StorageDuration")), ("dpv:hasDuration", .object(duration))]),
            .object(deletion),
        ]
    }

    private func dpvPersonalData(_ id: String, _ language: Language) -> JSONText {
        let category = category(id)
        var types = ["dpv:PersonalData"]
        if let term = DPVTerms.personalData[id] { types.append(term) }
        if category?.isSpecial == true { types.append("dpv:SpecialCategoryPersonalData") }
        return .object([
            ("@type", Self.types(types)),
            ("rdfs:label", .string(category?.name[language] ?? id)),
            ("gallra:category", .string(id)),
        ])
    }

    private func dpvDataSubject(_ id: String, _ language: Language) -> JSONText {
        let name = knownSubjectCategories.first { $0.id == id }?.name[language] ?? id
        var types = ["dpv:DataSubject"]
        if let term = DPVTerms.dataSubjects[id] { types.append(term) }
        return .object([
            ("@type", Self.types(types)),
            ("rdfs:label", .string(name)),
            ("gallra:category", .string(id)),
        ])
    }

    /// One type as a string, several as a list, none twice.
    static func types(_ terms: [String]) -> JSONText {
        var unique: [String] = []
        for term in terms where !unique.contains(term) { unique.append(term) }
        return unique.count == 1 ? .string(unique[0]) : .array(unique.map(JSONText.string))
    }

    static func date(_ date: CivilDate) -> JSONText {
        .object([("@value", .string(date.description)), ("@type", .string("xsd:date"))])
    }
}
