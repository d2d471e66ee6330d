/// The record kept as a processor (Art. 30(2)) in DPV: a second `dpv:ROPA` whose
/// `dpv:hasDataProcessor` is the company, each controller it acts for a `dpv:DataController`, and
/// for each of them a `dpv:Process` with that controller and the processor, the categories of
/// processing (`dpv:hasProcessing`), the `dpv:ControllerProcessorAgreement`, the transfers with
/// their safeguards, and the security measures.
extension Register {
    func dpvProcessorGraph(base: String, _ language: Language) -> [JSONText] {
        guard let record = processorRecord else { return [] }
        let sv = language == .sv
        let processorID = base + "processor"
        let processes = record.controllers.map { base + "processing/" + $0.id }
        let ropa: JSONText = .object([
            ("@id", .string(base + "processor-ropa")),
            ("@type", .string("dpv:ROPA")),
            (
                "rdfs:label",
                .string(
                    sv ? "Register som personuppgiftsbiträde (artikel 30.2)" : "Record as a processor (Article 30(2))")
            ),
            ("dpv:hasDataProcessor", .object([("@id", .string(processorID))])),
            ("dct:hasPart", .array(processes.map { .object([("@id", .string($0))]) })),
        ])
        return [ropa, dpvEntity(record.processor, id: processorID, type: "dpv:DataProcessor")]
            + record.controllers.map { client in
                dpvEntity(
                    Controller(
                        name: client.name, organisationNumber: client.organisationNumber, address: client.address,
                        email: client.email, phone: client.phone, dpo: client.dpo,
                        representative: client.representative),
                    id: base + "client/" + client.id, type: "dpv:DataController")
            }
            + record.controllers.map { client in
                dpvProcessing(client, record, base: base, processor: processorID, language)
            }
    }

    private func dpvEntity(_ entity: Controller, id: String, type: String) -> JSONText {
        var node: [(String, JSONText)] = [
            ("@id", .string(id)), ("@type", .string(type)), ("dpv:hasName", .string(entity.name)),
        ]
        if let number = entity.organisationNumber { node.append(("dpv:hasIdentifier", .string(number))) }
        if let address = entity.address { node.append(("dpv:hasAddress", .string(address))) }
        if let contact = entity.email ?? entity.phone { node.append(("dpv:hasContact", .string(contact))) }
        if let dpo = entity.dpo {
            node.append(("dpv:hasDataProtectionOfficer", dpvContact(dpo, type: "dpv:DataProtectionOfficer")))
        }
        if let representative = entity.representative {
            node.append(("dpv:hasRepresentative", dpvContact(representative, type: "dpv:Representative")))
        }
        return .object(node)
    }

    private func dpvProcessing(
        _ client: ClientController, _ record: ProcessorRecord, base: String, processor: String, _ language: Language
    ) -> JSONText {
        let sv = language == .sv
        var node: [(String, JSONText)] = [
            ("@id", .string(base + "processing/" + client.id)),
            ("@type", .string("dpv:Process")),
            (
                "rdfs:label",
                .string(sv ? "Behandling för \(client.name)" : "Processing on behalf of \(client.name)")
            ),
            ("dpv:hasDataController", .object([("@id", .string(base + "client/" + client.id))])),
            ("dpv:hasDataProcessor", .object([("@id", .string(processor))])),
            (
                "dpv:hasProcessing",
                .array(
                    client.processing.map {
                        .object([("@type", .string("dpv:Processing")), ("rdfs:label", .string($0[language]))])
                    })
            ),
        ]
        var measures: [JSONText] = []
        if let agreement = client.agreement {
            var contract: [(String, JSONText)] = [
                ("@type", Self.types(["dpv:DataProcessingAgreement", "dpv:ControllerProcessorAgreement"]))
            ]
            if let reference = agreement.reference { contract.append(("dct:identifier", .string(reference))) }
            if let signed = agreement.signed { contract.append(("dct:dateAccepted", Self.date(signed))) }
            if let expires = agreement.expires { contract.append(("dct:valid", Self.date(expires))) }
            measures.append(.object(contract))
        }
        var countries: [JSONText] = []
        for transfer in client.transfers {
            var measure: [(String, JSONText)] = [
                ("@type", .string(transfer.safeguard.dpvTerm)),
                ("dct:description", .string(transfer.wording(language))),
            ]
            if let country = transfer.country {
                measure.append(("dpv:hasCountry", .object([("@id", .string("loc:\(country)"))])))
                countries.append(.object([("@id", .string("loc:\(country)"))]))
            }
            if let organisation = transfer.organisation {
                measure.append(
                    (
                        "dpv:hasRecipient",
                        .object([("@type", .string("dpv:Organisation")), ("dpv:hasName", .string(organisation))])
                    ))
            }
            if let basis = transfer.safeguard.dpvBasis {
                measure.append(("dpv:hasLegalBasis", .object([("@id", .string(basis))])))
            }
            if transfer.compellingLegitimateInterests {
                measure.append(("gallra:compellingLegitimateInterests", .bool(true)))
            }
            measures.append(.object(measure))
        }
        if !countries.isEmpty { node.append(("dpv:hasThirdCountry", .array(countries))) }
        if !measures.isEmpty { node.append(("dpv:hasLegalMeasure", .array(measures))) }
        if let security = record.security {
            node.append(
                (
                    "dpv:hasTechnicalOrganisationalMeasure",
                    .object([
                        ("@type", .string("dpv:TechnicalOrganisationalMeasure")),
                        ("dct:description", .string(security[language])),
                    ])
                ))
        }
        return .object(node)
    }
}
