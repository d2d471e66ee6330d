import Yams

/// What an activity may refer to, with each kind's ids in order (for "did you mean") and as a
/// set, read once for the whole register: looked up per activity, a list of every id made the
/// check grow with the square of the activities (issue 29, finding 3).
struct ActivityContext {
    let events: KnownIDs
    let categories: KnownIDs
    let subjects: KnownIDs
    let systems: KnownIDs
    let recipients: KnownIDs
    /// Special categories (Art. 9) by id; the first declared where an id is declared twice.
    let specialCategories: [String: DataCategory]

    init(
        events: [EventDefinition], categories: [DataCategory], subjects: [DataSubjectCategory],
        systems: [DataSystem], recipients: [Recipient]
    ) {
        self.events = KnownIDs(events.map(\.name.rawValue))
        self.categories = KnownIDs(categories.map(\.id))
        self.subjects = KnownIDs(subjects.map(\.id))
        self.systems = KnownIDs(systems.map(\.id))
        self.recipients = KnownIDs(recipients.map(\.id))
        specialCategories = Dictionary(
            categories.filter(\.isSpecial).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }
}

/// Ids an activity may name: in the file's order, and as a set to look one up.
struct KnownIDs {
    let ordered: [String]
    let set: Set<String>

    init(_ ids: [String]) {
        ordered = ids
        set = Set(ids)
    }
}

extension RegisterParse {
    mutating func recipient(_ node: Node) -> (value: Recipient, line: Int)? {
        let allowed = ["id", "name", "kind", "country", "agreement", "transfer"]
        guard let fields = nodes.fields(node, of: .init(sv: "en mottagare", en: "a recipient"), allowed: allowed),
            let id = nodes.identifier(fields)
        else { return nil }
        let name = nodes.requiredString(fields, "name")
        let kind = nodes.enumValue(fields, "kind", as: Recipient.Kind.self)
        if fields["kind"] == nil {
            nodes.missing(
                Fields(
                    line: fields.line, what: .init(sv: "mottagaren \"\(id)\"", en: "recipient \"\(id)\""), values: [:]),
                "kind")
        }
        let country = nodes.optionalString(fields, "country")?.uppercased()

        var agreement: ProcessorAgreement?
        if let node = fields["agreement"],
            let agreementFields = nodes.fields(
                node, of: .init(sv: "avtalet", en: "the agreement"), allowed: ["signed", "reference", "expires"])
        {
            agreement = ProcessorAgreement(
                signed: nodes.date(agreementFields, "signed"),
                reference: nodes.optionalString(agreementFields, "reference"),
                expires: nodes.date(agreementFields, "expires"))
        } else if kind == .processor || kind == .subProcessor {
            // GDPR Art. 28(3): processing by a processor is governed by a contract.
            nodes.warning(
                fields.line, sv: "biträdet \"\(id)\" har inget avtal (art. 28.3)",
                en: "processor \"\(id)\" has no agreement (Art. 28(3))")
        }

        var transfer: ThirdCountryTransfer?
        if let node = fields["transfer"],
            let transferFields = nodes.fields(
                node, of: .init(sv: "överföringen", en: "the transfer"), allowed: ["country", "safeguard", "copy"])
        {
            let safeguard = nodes.enumValue(transferFields, "safeguard", as: TransferSafeguard.self)
            if transferFields["safeguard"] == nil {
                // GDPR Art. 44–46: a transfer to a third country needs a ground.
                nodes.error(
                    transferFields.line,
                    sv: "överföringen till mottagaren \"\(id)\" saknar \"safeguard\" (art. 44–49)",
                    en: "the transfer of recipient \"\(id)\" has no \"safeguard\" (Art. 44–49)")
            }
            let destination = nodes.requiredString(transferFields, "country")?.uppercased() ?? ""
            transfer = ThirdCountryTransfer(
                country: destination, safeguard: safeguard,
                copy: nodes.localized(transferFields, "copy", required: false))
        } else if let country, !Recipient.euEeaCountries.contains(country) {
            nodes.warning(
                fields.line,
                sv: "mottagaren \"\(id)\" finns i \(country), utanför EU/EES, men ingen \"transfer\" anges",
                en: "recipient \"\(id)\" is in \(country), outside the EU/EEA, but no \"transfer\" is given")
        }
        guard let name, let kind else { return nil }
        return (
            Recipient(id: id, name: name, kind: kind, country: country, agreement: agreement, transfer: transfer),
            fields.line
        )
    }

    mutating func activity(_ node: Node, _ context: ActivityContext) -> (value: ProcessingActivity, line: Int)? {
        let allowed = [
            "id", "name", "purpose", "data_subjects", "data", "legal_basis", "law", "legitimate_interest", "retention",
            "retention_text", "on_expiry", "systems", "recipients", "source", "security", "direct_marketing", "keeps",
            "provision", "automated_decisions", "source_detail",
        ]
        guard let fields = nodes.fields(node, of: .init(sv: "en aktivitet", en: "an activity"), allowed: allowed),
            let id = nodes.identifier(fields)
        else { return nil }
        let what = LocalizedText(sv: "aktiviteten \"\(id)\"", en: "activity \"\(id)\"")
        let named = Fields(line: fields.line, what: what, values: fields.values)
        let name = nodes.localized(named, "name", required: true)
        let purpose = nodes.localized(named, "purpose", required: true)
        let subjects = references(
            named, "data_subjects", kind: .init(sv: "kategori av registrerade", en: "data subject category"),
            known: context.subjects)
        let data = references(
            named, "data", kind: .init(sv: "uppgiftskategori", en: "data category"), known: context.categories)
        let bases = legalBases(named)
        let law = nodes.localized(named, "law", required: false)
        if bases.contains(.legalObligation) && law == nil {
            // GDPR Art. 6(3): the obligation must be laid down by law; name it.
            nodes.error(
                fields["legal_basis"]?.line ?? fields.line,
                sv: "\(what[.sv]) har legal_obligation som grund men ingen \"law\"",
                en: "\(what[.en]) has legal_obligation as its basis but no \"law\"")
        }
        let interest = nodes.localized(named, "legitimate_interest", required: false)
        if bases.contains(.legitimateInterests) && interest == nil {
            nodes.warning(
                fields.line,
                sv:
                    "\(what[.sv]) vilar på berättigat intresse men säger inte vilket (\"legitimate_interest\", art. 13.1 d)",
                en:
                    "\(what[.en]) rests on legitimate interests but does not say which (\"legitimate_interest\", Art. 13(1)(d))"
            )
        }
        let rule = retention(named, events: context.events)
        let systems = references(named, "systems", kind: .init(sv: "system", en: "system"), known: context.systems)
        let recipients = references(
            named, "recipients", kind: .init(sv: "mottagare", en: "recipient"), known: context.recipients)
        let security = nodes.localized(named, "security", required: false)
        if security == nil {
            nodes.warning(
                fields.line, sv: "\(what[.sv]) beskriver inte sina säkerhetsåtgärder (art. 30.1 g)",
                en: "\(what[.en]) does not describe its security measures (Art. 30(1)(g))")
        }
        let special = data.compactMap { context.specialCategories[$0] }
        if !special.isEmpty && !bases.contains(.consent) && !bases.contains(.legalObligation) {
            nodes.warning(
                fields.line,
                sv:
                    "\(what[.sv]) behandlar känsliga personuppgifter (\(special.map(\.id).joined(separator: ", "))); se till att ett undantag i art. 9.2 gäller",
                en:
                    "\(what[.en]) processes special categories (\(special.map(\.id).joined(separator: ", "))); make sure an Art. 9(2) exception applies"
            )
        }
        let directMarketing = nodes.flag(named, "direct_marketing")
        if !directMarketing, let purpose, Self.soundsLikeMarketing([purpose, interest].compactMap { $0 }) {
            nodes.warning(
                fields.line,
                sv:
                    "\(what[.sv]) låter som marknadsföring; är det direktmarknadsföring, skriv \"direct_marketing: true\" så att en invändning stoppar den utan villkor (art. 21.3)",
                en:
                    "\(what[.en]) reads as marketing; if it is direct marketing, say \"direct_marketing: true\" so an objection stops it unconditionally (Art. 21(3))"
            )
        }
        guard let name, let purpose, let rule, !bases.isEmpty else { return nil }
        let source = nodes.enumValue(named, "source", as: DataSource.self) ?? .dataSubject
        let sourceDetail = nodes.localized(named, "source_detail", required: false)
        if source == .dataSubject && sourceDetail != nil {
            nodes.error(
                fields["source_detail"]?.line ?? fields.line,
                sv:
                    "\(what[.sv]) har \"source_detail\" men uppgifterna kommer från personen själv; ange \"source\" (public_registers eller third_party)",
                en:
                    "\(what[.en]) has a \"source_detail\" but its data comes from the person; set \"source\" (public_registers or third_party)"
            )
        }
        let activity = ProcessingActivity(
            id: id, name: name, purpose: purpose, dataSubjects: subjects, data: data, legalBasis: bases, law: law,
            legitimateInterest: interest, retention: rule,
            retentionText: nodes.localized(named, "retention_text", required: false),
            onExpiry: nodes.enumValue(named, "on_expiry", as: ExpiryAction.self) ?? .erase, systems: systems,
            recipients: recipients, source: source,
            security: security, directMarketing: directMarketing,
            keeps: nodes.enumValue(named, "keeps", as: OwnRegister.self), provision: provision(named),
            automatedDecisions: automatedDecisions(named), sourceDetail: sourceDetail)
        noticeWarnings(activity, line: fields.line)
        return (activity, fields.line)
    }

    static func soundsLikeMarketing(_ texts: [LocalizedText]) -> Bool {
        let text = texts.map { "\($0.sv ?? "") \($0.en ?? "")" }.joined(separator: " ").lowercased()
        return ["marknadsföring", "direktreklam", "marketing", "utskick av erbjudanden"].contains { text.contains($0) }
    }

    private mutating func references(_ fields: Fields, _ key: String, kind: LocalizedText, known: KnownIDs)
        -> [String]
    {
        let required = key == "data_subjects" || key == "data"
        let items = nodes.stringList(fields, key, required: required)
        for (value, line) in items where !known.set.contains(value) {
            let near = suggestion(value, among: known, kind: kind[.en])
            nodes.error(
                line, sv: "okänd \(kind[.sv]) \"\(value)\" i \(fields.what[.sv])\(Self.didYouMean(near, .sv))",
                en: "unknown \(kind[.en]) \"\(value)\" in \(fields.what[.en])\(Self.didYouMean(near, .en))")
        }
        return items.map(\.value)
    }

    private mutating func legalBases(_ fields: Fields) -> [LegalBasis] {
        var bases: [LegalBasis] = []
        for (text, line) in nodes.stringList(fields, "legal_basis", required: true) {
            if let basis = LegalBasis(rawValue: text) {
                if !bases.contains(basis) { bases.append(basis) }
            } else {
                let names = LegalBasis.allCases.map(\.rawValue)
                nodes.error(
                    line,
                    sv:
                        "okänd rättslig grund \"\(text)\" i \(fields.what[.sv]) (en av \(names.joined(separator: ", ")))",
                    en:
                        "unknown legal basis \"\(text)\" in \(fields.what[.en]) (one of \(names.joined(separator: ", ")))"
                )
            }
        }
        return bases
    }

    private mutating func retention(_ fields: Fields, events: KnownIDs) -> RetentionRule? {
        guard let node = fields["retention"] else {
            nodes.error(
                fields.line, sv: "\(fields.what[.sv]) saknar \"retention\" (art. 30.1 f)",
                en: "\(fields.what[.en]) is missing \"retention\" (Art. 30(1)(f))")
            return nil
        }
        guard let text = nodes.string(node, "retention") else { return nil }
        let rule: RetentionRule
        do {
            rule = try RetentionRule(parsing: text)
        } catch {
            var swedish =
                "lagringsregeln \"\(text)\" för \(fields.what[.sv]) går inte att läsa: \(error.description(in: .sv))"
            var english = "the retention rule \"\(text)\" of \(fields.what[.en]) does not parse: \(error)"
            if case .rule(let reading) = RetentionPhraseReader().read(text) {
                swedish +=
                    "; som formulering läses den som \"\(reading)\" — skriv det, och behåll formuleringen i \"retention_text\""
                english +=
                    "; as wording it reads as \"\(reading)\" — write that, and keep the wording in \"retention_text\""
            }
            nodes.error(node.line, sv: swedish, en: english)
            return nil
        }
        for event in rule.events where !events.set.contains(event.rawValue) {
            let near = suggestion(event.rawValue, among: events, kind: "event")
            nodes.error(
                node.line,
                sv:
                    "lagringsregeln för \(fields.what[.sv]) nämner den okända händelsen \"\(event)\"\(Self.didYouMean(near, .sv))",
                en:
                    "the retention rule of \(fields.what[.en]) names unknown event \"\(event)\"\(Self.didYouMean(near, .en))"
            )
        }
        return rule
    }

    /// "Did you mean", found once per misspelt id and kind however many activities repeat it,
    /// and only while the register's budget of comparisons lasts: each distinct misspelling is
    /// compared with every id, so thousands of them against thousands of ids would take the
    /// square of the file's size. Past the budget an unknown id is still an error, without a hint.
    private mutating func suggestion(_ word: String, among known: KnownIDs, kind: String) -> String? {
        let key = kind + "\u{0}" + word
        if let found = suggestions[key] { return found }
        guard suggestionBudget >= known.ordered.count else { return nil }
        suggestionBudget -= known.ordered.count
        let found = Suggestion.nearest(word, among: known.ordered)
        suggestions[key] = .some(found)
        return found
    }

    static func didYouMean(_ nearest: String?, _ language: Language) -> String {
        guard let nearest else { return "" }
        return Suggestion.didYouMean(nearest, among: [nearest], in: language)
    }
}
