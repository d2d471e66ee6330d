import Foundation

/// Writes the draft register as YAML, line by line, keeping every decision left beside the
/// original wording.
struct RopaDraftBuilder {
    let language: Language
    let source: String
    let template: RopaTemplate
    private let reader: RetentionPhraseReader
    private var controllerLines: [String] = []
    private var activityLines: [String] = []
    private var ownCategories: [(id: String, name: String)] = []
    private var ownSubjects: [(id: String, name: String)] = []
    private var systems: [(id: String, name: String)] = []
    private var usedIds: Set<String> = []
    /// The next number to try after each id base taken ("kundtjanst" → 3 when "kundtjanst-2"
    /// is taken), so that a table of rows of one name costs no more than its rows.
    private var nextNumber: [String: Int] = [:]
    /// The register's own categories and systems by their normalised names.
    private var ownIds: [RopaField: [String: String]] = [:]
    private var decisions: [RopaDecision] = []
    private var activities = 0
    private var rulesRead = 0
    private var readings: [RopaReading] = []
    /// A processor's record (Art. 30(2)): the controllers it processes for, in the table's order.
    var clients: [RopaClient] = []
    var processorSecurity: String?

    init(language: Language, source: String, template: RopaTemplate = .own) {
        self.language = language
        self.source = source
        self.template = template
        reader = RetentionPhraseReader(language: language)
    }

    // MARK: The controller

    /// A template's controller block above the header: "label | value" rows, or "label: value".
    mutating func controller(from rows: ArraySlice<RopaGrid.Row>, inForce: Controller?) {
        var found: [String: (value: String, reference: String)] = [:]
        // The ICO's templates give the details as a small table: a row of labels (Name, Address,
        // Email, Telephone) over a row each for the controller, its DPO and its representative.
        var labels: [Int: String]?
        for row in rows {
            if let labelled = Self.detailLabels(row.cells) {
                labels = labelled
                continue
            }
            if let labels, let lead = row.cells.first(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) {
                let value = { (column: Int) in
                    column < row.cells.count ? row.cells[column].trimmingCharacters(in: .whitespacesAndNewlines) : ""
                }
                switch Self.detailRow(lead) {
                case .company?:
                    for (column, field) in labels where found[field] == nil && !value(column).isEmpty {
                        found[field] = (value(column), row.reference)
                    }
                    continue
                case .officer?:
                    let details = labels.keys.sorted().map(value).filter { !$0.isEmpty }
                    if !details.isEmpty, found["dpo"] == nil {
                        found["dpo"] = (details.joined(separator: ", "), row.reference)
                    }
                    continue
                case .other?: continue
                case nil: break
                }
            }
            let cells = row.cells.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
            var pairs: [(String, String)] = []
            if cells.count >= 2 { pairs.append((cells[0], cells[1])) }
            for cell in cells {
                if let colon = cell.firstIndex(of: ":") {
                    pairs.append((String(cell[..<colon]), String(cell[cell.index(after: colon)...])))
                }
            }
            for (label, value) in pairs {
                let value = value.trimmingCharacters(in: .whitespacesAndNewlines)
                guard let field = RopaColumns.controllerField(label), !value.isEmpty, found[field] == nil else {
                    continue
                }
                found[field] = (value, row.reference)
            }
        }
        // What the table does not give comes from the register in force, when there is one.
        if let inForce {
            let given: [(String, String?)] = [
                ("name", inForce.name), ("organisation_number", inForce.organisationNumber),
                ("address", inForce.address), ("email", inForce.email), ("phone", inForce.phone),
            ]
            for case (let field, let value?) in given where found[field] == nil {
                found[field] = (value, "the register in force")
            }
        }
        let reference = rows.first?.reference ?? "1"
        if let name = found["name"] {
            controllerLines.append("  name: \(quoted(name.value))")
        } else {
            controllerLines.append(
                "  name: null  "
                    + todo(
                        reference, sv: "den personuppgiftsansvariges namn (art. 30.1 a): tabellen anger det inte",
                        en: "the controller's name (Art. 30(1)(a)): the table does not give it"))
        }
        if let number = found["organisation_number"] {
            controllerLines.append("  organisation_number: \(quoted(number.value))")
        }
        if let address = found["address"] { controllerLines.append("  address: \(quoted(address.value))") }
        if let email = found["email"] { controllerLines.append("  email: \(quoted(email.value))") }
        if let phone = found["phone"] { controllerLines.append("  phone: \(quoted(phone.value))") }
        if found["email"] == nil && found["phone"] == nil {
            controllerLines.append(
                "  email: null  "
                    + todo(
                        reference, sv: "den personuppgiftsansvariges e-postadress eller telefonnummer (art. 30.1 a)",
                        en: "the controller's e-mail address or phone number (Art. 30(1)(a))"))
        }
        if let dpo = found["dpo"] {
            controllerLines.append(
                "  # The table names a data protection officer: \(dpo.value.replacingOccurrences(of: "\n", with: " "))")
        }
        controllerLines.append("  languages: [\(language.rawValue)]")
    }

    /// The columns of a row of detail labels ("Name", "Address", "Email", "Telephone"), when it
    /// has at least two of them.
    static func detailLabels(_ cells: [String]) -> [Int: String]? {
        var labels: [Int: String] = [:]
        for (column, cell) in cells.enumerated() where !cell.isEmpty {
            let text = RopaColumns.normalised(cell)
            guard let field = ["name", "namn"].contains(text) ? "name" : RopaColumns.controllerField(cell) else {
                continue
            }
            labels[column] = field
        }
        return Set(labels.values).count >= 2 ? labels : nil
    }

    enum DetailRow { case company, officer, other }

    /// Whose details a row below the labels gives.
    static func detailRow(_ lead: String) -> DetailRow? {
        let text = RopaColumns.normalised(RopaHeaders.withoutRemarks(lead))
        if [
            "controller", "data controller", "personuppgiftsansvarig", "processor", "personuppgiftsbiträde", "company",
            "företag", "organisation", "organization",
        ].contains(text) {
            return .company
        }
        if ["data protection officer", "dpo", "dataskyddsombud"].contains(text) { return .officer }
        if text.hasPrefix("representative") || text.hasPrefix("företrädare") { return .other }
        return nil
    }

    // MARK: An activity

    mutating func activity(_ row: RopaRow) {
        // A processor's record: a row names the controller it processes for, not a purpose.
        if row.columns.contains(.controllerOf) && (template == .icoProcessor || !row.columns.contains(.purpose)) {
            client(row)
            return
        }
        activities += 1
        let label = row[.name] ?? row[.purpose] ?? "activity \(activities)"
        let id = uniqueId(slug(firstLine(label)))
        var lines = ["  - id: \(id)"]
        let name = firstLine(row[.name] ?? row[.purpose] ?? label)
        lines.append("    name: \(text(name))")
        if let function = row[.function] { lines.append("    # The table's business function: \(oneLine(function))") }
        if let purpose = row[.purpose] ?? row[.name] {
            lines.append("    purpose: \(text(purpose))")
        } else {
            lines.append(
                "    purpose: null  "
                    + todo(row.reference, sv: "ändamålet med \"\(label)\"", en: "the purpose of \"\(label)\""))
        }
        let subjects = categories(row, .subjects, key: "data_subjects", vocabulary: RopaVocabulary.subjects)
        let data = categories(row, .data, key: "data", vocabulary: RopaVocabulary.data)
        let basis = legalBasis(row)
        let retention = retention(row)
        lines += [subjects.line, data.line] + basis.lines + retention.lines
        readings.append(
            RopaReading(
                reference: row.reference, name: name, subjects: subjects.ids, data: data.ids, bases: basis.bases,
                retention: retention.rule))
        if let systems = row[.systems], !isNothing(systems) {
            let ids = RopaCells.split(systems).map { name -> String in systemId(name) }
            lines.append("    systems: [\(ids.joined(separator: ", "))]")
        }
        if let recipients = row[.recipients], !isNothing(recipients) {
            lines.append(
                "    "
                    + todo(
                        row.reference,
                        sv: "deklarera mottagarna under \"recipients\" och ange dem här: \(oneLine(recipients))",
                        en: "declare the recipients under \"recipients\" and name them here: \(oneLine(recipients))"))
        }
        if let transfer = row[.transfer], !isNothing(transfer) {
            lines.append(
                "    "
                    + todo(
                        row.reference,
                        sv:
                            "deklarera överföringen till tredjeland med dess skyddsåtgärd (art. 46) på mottagaren: \(oneLine(transfer))",
                        en:
                            "declare the transfer to a third country with its safeguard (Art. 46) on the recipient: \(oneLine(transfer))"
                    ))
        }
        if let security = row[.security], !isNothing(security) { lines.append("    security: \(text(security))") }
        activityLines += lines + [""]
    }

    private mutating func categories(
        _ row: RopaRow, _ field: RopaField, key: String, vocabulary: [(String, [String])]
    ) -> (line: String, ids: [String]?) {
        let what =
            field == .subjects
            ? LocalizedText(sv: "kategorierna av registrerade", en: "categories of data subjects")
            : LocalizedText(sv: "kategorierna av personuppgifter", en: "categories of personal data")
        guard let cell = row[field], !isNothing(cell) else {
            let column = row.columns.contains(field)
            return (
                "    \(key): []  "
                    + todo(
                        row.reference,
                        sv:
                            "\(what[.sv]): \(column ? "tabellen lämnar dem tomma" : "tabellen har ingen kolumn för dem")",
                        en:
                            "the \(what[.en]): \(column ? "the table leaves them empty" : "the table has no column for them")"
                    ),
                nil
            )
        }
        if RopaVocabulary.all.contains(RopaColumns.normalised(cell)) {
            return (
                "    \(key): []  "
                    + todo(
                        row.reference, sv: "ange \(what[.sv]): \"\(oneLine(cell))\" anger inga",
                        en: "name the \(what[.en]): \"\(oneLine(cell))\" names none"), nil
            )
        }
        var ids: [String] = []
        var listed: Set<String> = []
        for item in RopaCells.items(cell, vocabulary: vocabulary) {
            let id = item.id ?? own(item.text, field: field)
            if listed.insert(id).inserted { ids.append(id) }
        }
        return ("    \(key): [\(ids.joined(separator: ", "))]", ids)
    }

    /// A name the vocabulary lacks becomes a category of the register's own.
    private mutating func own(_ name: String, field: RopaField) -> String {
        let key = RopaColumns.normalised(name)
        if let known = ownIds[field]?[key] { return known }
        let builtIn = field == .subjects ? Self.builtInSubjects : Self.builtInCategories
        let id = uniqueId(slug(name), avoiding: builtIn)
        ownIds[field, default: [:]][key] = id
        if field == .subjects { ownSubjects.append((id, name)) } else { ownCategories.append((id, name)) }
        return id
    }

    private mutating func legalBasis(_ row: RopaRow) -> (lines: [String], bases: [LegalBasis]?) {
        guard let cell = row[.basis], !isNothing(cell) else {
            let note = emptyCell(row, .basis, sv: "den rättsliga grunden (art. 6.1)", en: "the legal basis (Art. 6(1))")
            return (["    legal_basis: []  " + note], nil)
        }
        let read = RopaLegalBasis.read(cell)
        let bases = read.bases.map(\.rawValue)
        let unknown = read.unknown
        var lines: [String] = []
        if unknown.isEmpty {
            lines.append("    legal_basis: [\(bases.joined(separator: ", "))]")
        } else {
            let names = unknown.map { "\"\($0)\"" }.joined(separator: ", ")
            lines.append(
                "    legal_basis: [\(bases.joined(separator: ", "))]  "
                    + todo(
                        row.reference, sv: "vilken rättslig grund i art. 6.1 är \(names)?",
                        en: "which legal basis of Art. 6(1) is \(names)?"))
        }
        if read.bases.contains(.legalObligation) {
            let wording = [row[.basis], row[.retention], row[.purpose], row[.name]].compactMap { $0 }.joined(
                separator: " ")
            if let law = law(in: wording) {
                lines.append("    law: \(localized(law))")
            } else {
                lines.append(
                    "    law: null  "
                        + todo(
                            row.reference,
                            sv: "ange lagen bakom den rättsliga förpliktelsen (art. 6.3): tabellen anger ingen",
                            en: "name the law behind the legal obligation (Art. 6(3)): the table names none")
                )
            }
        }
        return (lines, unknown.isEmpty && !bases.isEmpty ? read.bases : nil)
    }

    private func law(in wording: String) -> LocalizedText? {
        let lowered = wording.lowercased()
        return RopaVocabulary.laws.first { $0.patterns.contains { lowered.contains($0) } }?.law
    }

    /// The retention's lines, and the rule when the phrase reader read one.
    private mutating func retention(_ row: RopaRow) -> (lines: [String], rule: String?) {
        // "Ingen" is a retention of its own (none), not an empty cell.
        guard let wording = row[.retention], !["", "-", "–"].contains(wording.trimmingCharacters(in: .whitespaces))
        else {
            let note = emptyCell(
                row, .retention, sv: "lagringstiden (art. 30.1 f)", en: "the retention (Art. 30(1)(f))")
            return (["    retention: null  " + note], nil)
        }
        let original = "    retention_text: \(text(wording))"
        // The phrase reader's work grows faster than its input; no retention phrase is this long.
        guard wording.count <= RopaLimits.retentionCharacters else {
            let limit = RopaLimits.number(RopaLimits.retentionCharacters)
            let reason = LocalizedText(
                sv: "formuleringen är längre än \(limit) tecken, mer än frasläsaren läser",
                en: "the wording is longer than \(limit) characters, more than the phrase reader reads")
            return (["    retention: null  " + undecidedRule(row.reference, reason), original], nil)
        }
        switch reader.read(oneLine(wording), reasonsIn: language) {
        case .rule(let rule):
            rulesRead += 1
            return (["    retention: \(quoted(rule.description))", original], rule.description)
        case .refused(let reason):
            return (["    retention: null  " + undecidedRule(row.reference, LocalizedText(reason)), original], nil)
        }
    }

    private mutating func systemId(_ name: String) -> String {
        let key = RopaColumns.normalised(name)
        if let known = ownIds[.systems]?[key] { return known }
        let id = uniqueId(slug(name))
        ownIds[.systems, default: [:]][key] = id
        systems.append((id, name))
        return id
    }

    // MARK: The file

    mutating func draft() -> RopaDraft {
        var lines = [
            "# A draft register written by `gallra register import` from \(source).",
            "# Each decision left to a person is marked TODO beside the original wording; `gallra register",
            "# check` refuses the draft until each is decided (write the value, then delete the comment).",
            "version: 1",
            "controller:",
        ]
        lines += controllerLines
        if !ownCategories.isEmpty {
            lines += [
                "", "# Categories of personal data the built-in vocabulary lacks, as the table names them.",
                "categories:",
            ]
            lines += ownCategories.map { "  - { id: \($0.id), name: \(localized(inTableLanguage($0.name))) }" }
        }
        if !ownSubjects.isEmpty {
            lines += ["", "# Categories of data subjects the built-in vocabulary lacks.", "data_subjects:"]
            lines += ownSubjects.map { "  - { id: \($0.id), name: \(localized(inTableLanguage($0.name))) }" }
        }
        if !systems.isEmpty {
            lines += ["", "systems:"]
            lines += systems.map { "  - { id: \($0.id), name: \(localized(inTableLanguage($0.name))) }" }
        }
        lines += processorLines()
        lines += activityLines.isEmpty ? ["", "activities: []"] : ["", "activities:"] + activityLines
        var draft = RopaDraft(
            yaml: lines.joined(separator: "\n"), decisions: decisions, activityCount: activities, rulesRead: rulesRead,
            template: template, readings: readings)
        draft.controllersProcessedFor = clients.count
        return draft
    }

    // MARK: Writing

    /// A decision left, noted in the table's language.
    mutating func todo(_ reference: String, sv: String, en: String) -> String {
        let message = language == .sv ? sv : en
        decisions.append(RopaDecision(reference: reference, message: message))
        return "# TODO: " + message.replacingOccurrences(of: "\n", with: " ")
    }

    /// A decision left because the row gives nothing for `field`: an empty cell, or no column.
    private mutating func emptyCell(_ row: RopaRow, _ field: RopaField, sv: String, en: String) -> String {
        let column = row.columns.contains(field)
        return todo(
            row.reference,
            sv: "\(sv): \(column ? "tabellen lämnar den tom" : "tabellen har ingen kolumn för den")",
            en: "\(en): \(column ? "the table leaves it empty" : "the table has no column for it")")
    }

    /// A retention rule left to decide, with why the reader did not read it.
    private mutating func undecidedRule(_ reference: String, _ reason: LocalizedText) -> String {
        todo(
            reference, sv: "bestäm lagringsregeln: \(reason[.sv])", en: "decide the retention rule: \(reason[.en])")
    }

    func text(_ value: String) -> String { localized(inTableLanguage(value)) }

    /// Text in the table's own language only.
    func inTableLanguage(_ value: String) -> LocalizedText {
        language == .sv ? LocalizedText(sv: value) : LocalizedText(en: value)
    }

    func localized(_ text: LocalizedText) -> String {
        let parts = [("sv", text.sv), ("en", text.en)].compactMap { key, value in value.map { "\(key): \(quoted($0))" }
        }
        return "{ \(parts.joined(separator: ", ")) }"
    }

    func quoted(_ value: String) -> String {
        let escaped = value.trimmingCharacters(in: .whitespacesAndNewlines)
            .replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\t", with: " ")
        return "\"\(escaped)\""
    }

    func isNothing(_ value: String) -> Bool {
        RopaVocabulary.nothing.contains(RopaColumns.normalised(value))
            || value.trimmingCharacters(in: .whitespaces) == "-"
    }

    func oneLine(_ value: String) -> String {
        value.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
    }

    func firstLine(_ value: String) -> String {
        String(value.split(whereSeparator: \.isNewline).first ?? Substring(value))
    }

    /// "Köp av produkt eller tjänst" → "kop-av-produkt-eller-tjanst"; at most six words.
    func slug(_ value: String) -> String {
        let folded = value.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).lowercased()
        let words = folded.split { !($0.isASCII && ($0.isLetter || $0.isNumber)) }.prefix(6)
        let slug = words.joined(separator: "-")
        guard let first = slug.first, first.isLetter else { return "activity" + (slug.isEmpty ? "" : "-" + slug) }
        return slug
    }

    private static let builtInSubjects = Set(DataSubjectCategory.builtIn.map(\.id))
    private static let builtInCategories = Set(DataCategory.builtIn.map(\.id))

    /// `base`, or `base-2`, `base-3`, … the first not yet used nor among `reserved`; used from now.
    mutating func uniqueId(_ base: String, avoiding reserved: Set<String> = []) -> String {
        var id = base
        var number = nextNumber[base] ?? 2
        while usedIds.contains(id) || reserved.contains(id) {
            id = "\(base)-\(number)"
            number += 1
        }
        if id != base { nextNumber[base] = number }
        usedIds.insert(id)
        return id
    }
}
