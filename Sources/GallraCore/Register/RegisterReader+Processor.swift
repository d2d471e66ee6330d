import Yams

/// The `processor` section: the record the company keeps as a processor (Art. 30(2)).
extension RegisterParse {
    mutating func processorRecord(_ node: Node, controller: Controller?) -> ProcessorRecord? {
        let allowed = [
            "name", "organisation_number", "address", "email", "phone", "dpo", "representative", "security",
            "controllers",
        ]
        guard
            let fields = nodes.fields(
                node, of: .init(sv: "biträdets register", en: "the processor's record"), allowed: allowed)
        else { return nil }
        // The processor is the company itself unless the section names another entity's details.
        let own = controller ?? Controller(name: "")
        let name = nodes.optionalString(fields, "name") ?? own.name
        let processor = Controller(
            name: name,
            organisationNumber: nodes.optionalString(fields, "organisation_number") ?? own.organisationNumber,
            address: nodes.optionalString(fields, "address") ?? own.address,
            email: nodes.optionalString(fields, "email") ?? own.email,
            phone: nodes.optionalString(fields, "phone") ?? own.phone,
            dpo: fields["dpo"].flatMap { contact($0, Self.dpo) } ?? own.dpo,
            representative: fields["representative"].flatMap { contact($0, Self.representative) }
                ?? own.representative,
            timeZone: own.timeZone, languages: own.languages)
        if controller != nil && processor.email == nil && processor.phone == nil {
            nodes.error(
                fields.line,
                sv: "biträdets register behöver \"email\" eller \"phone\" (art. 30.2 a: kontaktuppgifter)",
                en: "the processor's record needs an \"email\" or a \"phone\" (Art. 30(2)(a): contact details)")
        }
        let security = nodes.localized(fields, "security", required: false)
        if security == nil {
            nodes.warning(
                fields.line,
                sv: "biträdets register beskriver inte säkerhetsåtgärderna (\"security\", art. 30.2 d, art. 32.1)",
                en:
                    "the processor's record does not describe its security measures (\"security\", Art. 30(2)(d), Art. 32(1))"
            )
        }
        let listed = nodes.sequence(fields, "controllers")
        let clients = listed.compactMap { clientController($0) }
        if listed.isEmpty && fields["controllers"]?.mapping == nil && fields["controllers"]?.scalar == nil {
            nodes.error(
                fields["controllers"]?.line ?? fields.line,
                sv:
                    "biträdets register nämner ingen personuppgiftsansvarig som det behandlar för (\"controllers\", art. 30.2 a)",
                en: "the processor's record names no controller it processes for (\"controllers\", Art. 30(2)(a))")
        }
        checkUnique(
            clients.map { ($0.value.id, $0.line) }, what: .init(sv: "personuppgiftsansvarig", en: "controller"))
        guard controller != nil else { return nil }
        return ProcessorRecord(processor: processor, controllers: clients.map(\.value), security: security)
    }

    private mutating func clientController(_ node: Node) -> (value: ClientController, line: Int)? {
        let allowed = [
            "id", "name", "organisation_number", "address", "email", "phone", "representative", "dpo", "agreement",
            "processing", "transfers",
        ]
        guard
            let fields = nodes.fields(
                node,
                of: .init(
                    sv: "en personuppgiftsansvarig i biträdets register", en: "a controller of the processor's record"),
                allowed: allowed),
            let id = nodes.identifier(fields)
        else { return nil }
        let what = LocalizedText(sv: "den personuppgiftsansvarige \"\(id)\"", en: "controller \"\(id)\"")
        let named = Fields(line: fields.line, what: what, values: fields.values)
        let name = nodes.requiredString(named, "name")
        let email = nodes.optionalString(named, "email")
        let phone = nodes.optionalString(named, "phone")
        let address = nodes.optionalString(named, "address")
        if email == nil && phone == nil && address == nil {
            nodes.error(
                fields.line,
                sv: "\(what[.sv]) saknar kontaktuppgifter: ange \"email\", \"phone\" eller \"address\" (art. 30.2 a)",
                en:
                    "\(what[.en]) has no contact details: give an \"email\", a \"phone\" or an \"address\" (Art. 30(2)(a))"
            )
        }
        var agreement: ProcessorAgreement?
        if let node = named["agreement"],
            let agreementFields = nodes.fields(
                node, of: .init(sv: "avtalet", en: "the agreement"), allowed: ["signed", "reference", "expires"])
        {
            agreement = ProcessorAgreement(
                signed: nodes.date(agreementFields, "signed"),
                reference: nodes.optionalString(agreementFields, "reference"),
                expires: nodes.date(agreementFields, "expires"))
        } else if named["agreement"] == nil {
            // GDPR Art. 28(3): processing by a processor is governed by a contract.
            nodes.warning(
                fields.line, sv: "\(what[.sv]) har inget biträdesavtal (\"agreement\", art. 28.3)",
                en: "\(what[.en]) has no processing agreement (\"agreement\", Art. 28(3))")
        }
        let processing = processingCategories(named)
        let transfers = nodes.sequence(named, "transfers").compactMap { transfer($0, of: what) }
        guard let name, !processing.isEmpty else { return nil }
        return (
            ClientController(
                id: id, name: name, organisationNumber: nodes.optionalString(named, "organisation_number"),
                address: address, email: email, phone: phone,
                representative: named["representative"].flatMap { contact($0, Self.representative) },
                dpo: named["dpo"].flatMap { contact($0, Self.dpo) }, agreement: agreement, processing: processing,
                transfers: transfers),
            fields.line
        )
    }

    /// Art. 30(2)(b): a list of texts, each `{ sv: …, en: … }` or one text for both languages.
    static let dpo = LocalizedText(sv: "dataskyddsombudet", en: "dpo")
    static let representative = LocalizedText(sv: "företrädaren", en: "representative")

    private mutating func processingCategories(_ fields: Fields) -> [LocalizedText] {
        let sv =
            "\(fields.what[.sv]) saknar \"processing\" (de kategorier av behandling som utförs för dess räkning, art. 30.2 b)"
        let en =
            "\(fields.what[.en]) is missing \"processing\" (the categories of processing carried out on its behalf, Art. 30(2)(b))"
        guard let node = fields["processing"] else {
            nodes.error(fields.line, sv: sv, en: en)
            return []
        }
        let items: [Node]
        switch node {
        case .sequence(let sequence): items = Array(sequence)
        default: items = [node]
        }
        if items.isEmpty { nodes.error(node.line, sv: sv, en: en) }
        return items.compactMap { item in
            nodes.localized(
                Fields(
                    line: item.line, what: .init(sv: "en kategori av behandling", en: "a category of processing"),
                    values: ["processing": item]), "processing", required: true)
        }
    }

    private mutating func transfer(_ node: Node, of controller: LocalizedText) -> ProcessorTransfer? {
        let what = LocalizedText(sv: "en överföring för \(controller[.sv])", en: "a transfer of \(controller[.en])")
        let allowed = [
            "country", "organisation", "recipient", "safeguard", "compelling_legitimate_interests", "documentation",
        ]
        guard let fields = nodes.fields(node, of: what, allowed: allowed) else { return nil }
        let country = nodes.optionalString(fields, "country")?.uppercased()
        let organisation = nodes.optionalString(fields, "organisation")
        switch (country, organisation) {
        case (nil, nil):
            nodes.error(
                fields.line,
                sv:
                    "\(what[.sv]) nämner varken \"country\" eller \"organisation\" (art. 30.2 c: tredjelandet eller den internationella organisationen)",
                en:
                    "\(what[.en]) names neither a \"country\" nor an \"organisation\" (Art. 30(2)(c): the third country or international organisation)"
            )
        case (_?, _?):
            nodes.error(
                fields.line,
                sv: "\(what[.sv]) nämner både \"country\" och \"organisation\"; ange en per överföring",
                en: "\(what[.en]) names both a \"country\" and an \"organisation\"; give one per transfer")
        case (let code?, nil):
            if code.count != 2 || !code.allSatisfy({ $0.isASCII && $0.isLetter }) {
                nodes.error(
                    fields["country"]?.line ?? fields.line,
                    sv: "\"\(code)\" är ingen landskod (ISO 3166-1 alpha-2, som US) i \(what[.sv])",
                    en: "\"\(code)\" is not a country code (ISO 3166-1 alpha-2, such as US) in \(what[.en])")
            } else if Recipient.euEeaCountries.contains(code) {
                nodes.error(
                    fields["country"]?.line ?? fields.line,
                    sv:
                        "\(what[.sv]) går till \(code), inom EU/EES: ange bara överföringar till tredjeländer (art. 30.2 c)",
                    en:
                        "\(what[.en]) goes to \(code), inside the EU/EEA: list only transfers to third countries (Art. 30(2)(c))"
                )
            }
        default: break
        }
        let safeguard = nodes.enumValue(fields, "safeguard", as: TransferSafeguard.self)
        if fields["safeguard"] == nil {
            // GDPR Art. 44–46: a transfer to a third country needs a ground.
            nodes.error(
                fields.line, sv: "\(what[.sv]) saknar \"safeguard\" (art. 44–49)",
                en: "\(what[.en]) has no \"safeguard\" (Art. 44–49)")
        }
        let compelling = nodes.flag(fields, "compelling_legitimate_interests")
        let documentation = nodes.localized(fields, "documentation", required: false)
        if compelling && safeguard != nil && safeguard != .derogation {
            nodes.error(
                fields["compelling_legitimate_interests"]?.line ?? fields.line,
                sv:
                    "\(what[.sv]) vilar på tvingande berättigade intressen (art. 49.1 andra stycket) men dess skyddsåtgärd är inte \"derogation\"",
                en:
                    "\(what[.en]) rests on compelling legitimate interests (Art. 49(1), second subparagraph) but its safeguard is not \"derogation\""
            )
        }
        if compelling && documentation == nil {
            nodes.error(
                fields.line,
                sv:
                    "\(what[.sv]) enligt art. 49.1 andra stycket behöver \"documentation\" av de lämpliga skyddsåtgärderna (art. 30.2 c, art. 49.6)",
                en:
                    "\(what[.en]) under the second subparagraph of Art. 49(1) needs the \"documentation\" of its suitable safeguards (Art. 30(2)(c), Art. 49(6))"
            )
        }
        guard let safeguard, country != nil || organisation != nil else { return nil }
        return ProcessorTransfer(
            country: country, organisation: organisation, recipient: nodes.optionalString(fields, "recipient"),
            safeguard: safeguard, compellingLegitimateInterests: compelling, documentation: documentation)
    }
}
