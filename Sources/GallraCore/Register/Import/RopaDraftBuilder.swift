import Foundation

/// Writes the draft register as YAML, line by line, keeping every decision left beside the
/// original wording.
struct RopaDraftBuilder {
    let language: Language
    let source: String
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

    init(language: Language, source: String) {
        self.language = language
        self.source = source
        reader = RetentionPhraseReader(language: language)
    }

    // MARK: The controller

    /// A template's controller block above the header: "label | value" rows, or "label: value".
    mutating func controller(from rows: ArraySlice<RopaGrid.Row>, inForce: Controller?) {
        var found: [String: (value: String, reference: String)] = [:]
        for row in rows {
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
                "  name: null  " + todo(reference, "the controller's name (Art. 30(1)(a)): the table does not give it"))
        }
        if let number = found["organisation_number"] {
            controllerLines.append("  organisation_number: \(quoted(number.value))")
        }
        if let address = found["address"] { controllerLines.append("  address: \(quoted(address.value))") }
        if let email = found["email"] { controllerLines.append("  email: \(quoted(email.value))") }
        if let phone = found["phone"] { controllerLines.append("  phone: \(quoted(phone.value))") }
        if found["email"] == nil && found["phone"] == nil {
            controllerLines.append(
                "  email: null  " + todo(reference, "the controller's e-mail address or phone number (Art. 30(1)(a))"))
        }
        if let dpo = found["dpo"] {
            controllerLines.append(
                "  # The table names a data protection officer: \(dpo.value.replacingOccurrences(of: "\n", with: " "))")
        }
        controllerLines.append("  languages: [\(language.rawValue)]")
    }

    // MARK: An activity

    mutating func activity(_ row: RopaRow) {
        activities += 1
        let label = row[.name] ?? row[.purpose] ?? "activity \(activities)"
        let id = uniqueId(slug(label))
        var lines = ["  - id: \(id)"]
        lines.append("    name: \(text(firstLine(row[.name] ?? row[.purpose] ?? label)))")
        if let purpose = row[.purpose] ?? row[.name] {
            lines.append("    purpose: \(text(purpose))")
        } else {
            lines.append("    purpose: null  " + todo(row.reference, "the purpose of \"\(label)\""))
        }
        lines.append(categories(row, .subjects, key: "data_subjects", vocabulary: RopaVocabulary.subjects))
        lines.append(categories(row, .data, key: "data", vocabulary: RopaVocabulary.data))
        lines += legalBasis(row)
        lines += retention(row)
        if let systems = row[.systems], !isNothing(systems) {
            let ids = RopaCells.split(systems).map { name -> String in systemId(name) }
            lines.append("    systems: [\(ids.joined(separator: ", "))]")
        }
        if let recipients = row[.recipients], !isNothing(recipients) {
            lines.append(
                "    "
                    + todo(
                        row.reference,
                        "declare the recipients under \"recipients\" and name them here: \(oneLine(recipients))"))
        }
        if let transfer = row[.transfer], !isNothing(transfer) {
            lines.append(
                "    "
                    + todo(
                        row.reference,
                        "declare the transfer to a third country with its safeguard (Art. 46) on the recipient: \(oneLine(transfer))"
                    ))
        }
        if let security = row[.security], !isNothing(security) { lines.append("    security: \(text(security))") }
        activityLines += lines + [""]
    }

    private mutating func categories(
        _ row: RopaRow, _ field: RopaField, key: String, vocabulary: [(String, [String])]
    ) -> String {
        let what = field == .subjects ? "categories of data subjects" : "categories of personal data"
        guard let cell = row[field], !isNothing(cell) else {
            let why = row.columns.contains(field) ? "the table leaves them empty" : "the table has no column for them"
            return "    \(key): []  " + todo(row.reference, "the \(what): \(why)")
        }
        if RopaVocabulary.all.contains(RopaColumns.normalised(cell)) {
            return "    \(key): []  " + todo(row.reference, "name the \(what): \"\(oneLine(cell))\" names none")
        }
        var ids: [String] = []
        var listed: Set<String> = []
        for item in RopaCells.items(cell, vocabulary: vocabulary) {
            let id = item.id ?? own(item.text, field: field)
            if listed.insert(id).inserted { ids.append(id) }
        }
        return "    \(key): [\(ids.joined(separator: ", "))]"
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

    private mutating func legalBasis(_ row: RopaRow) -> [String] {
        guard let cell = row[.basis], !isNothing(cell) else {
            return [
                "    legal_basis: []  " + todo(row.reference, "the legal basis (Art. 6(1)): the table leaves it empty")
            ]
        }
        let vocabulary = RopaVocabulary.legalBases.map { ($0.0.rawValue, $0.1) }
        let items = RopaCells.items(cell, vocabulary: vocabulary)
        var bases: [String] = []
        for id in items.compactMap(\.id) where !bases.contains(id) { bases.append(id) }
        let unknown = items.filter { $0.id == nil }.map(\.text)
        var lines: [String] = []
        if unknown.isEmpty {
            lines.append("    legal_basis: [\(bases.joined(separator: ", "))]")
        } else {
            let names = unknown.map { "\"\($0)\"" }.joined(separator: ", ")
            lines.append(
                "    legal_basis: [\(bases.joined(separator: ", "))]  "
                    + todo(row.reference, "which legal basis of Art. 6(1) is \(names)?"))
        }
        if bases.contains(LegalBasis.legalObligation.rawValue) {
            let wording = [row[.basis], row[.retention], row[.purpose], row[.name]].compactMap { $0 }.joined(
                separator: " ")
            if let law = law(in: wording) {
                lines.append("    law: \(localized(law))")
            } else {
                lines.append(
                    "    law: null  "
                        + todo(
                            row.reference, "name the law behind the legal obligation (Art. 6(3)): the table names none")
                )
            }
        }
        return lines
    }

    private func law(in wording: String) -> LocalizedText? {
        let lowered = wording.lowercased()
        return RopaVocabulary.laws.first { $0.patterns.contains { lowered.contains($0) } }?.law
    }

    private mutating func retention(_ row: RopaRow) -> [String] {
        // "Ingen" is a retention of its own (none), not an empty cell.
        guard let wording = row[.retention], !["", "-", "–"].contains(wording.trimmingCharacters(in: .whitespaces))
        else {
            return [
                "    retention: null  "
                    + todo(row.reference, "the retention (Art. 30(1)(f)): the table leaves it empty")
            ]
        }
        let original = "    retention_text: \(text(wording))"
        // The phrase reader's work grows faster than its input; no retention phrase is this long.
        guard wording.count <= RopaLimits.retentionCharacters else {
            let reason =
                "the wording is longer than \(RopaLimits.number(RopaLimits.retentionCharacters)) characters, more than the phrase reader reads"
            return ["    retention: null  " + todo(row.reference, "decide the retention rule: \(reason)"), original]
        }
        switch reader.read(oneLine(wording)) {
        case .rule(let rule):
            rulesRead += 1
            return ["    retention: \(quoted(rule.description))", original]
        case .refused(let reason):
            return ["    retention: null  " + todo(row.reference, "decide the retention rule: \(reason)"), original]
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

    func draft() -> RopaDraft {
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
        lines += ["", "activities:"] + activityLines
        return RopaDraft(
            yaml: lines.joined(separator: "\n"), decisions: decisions, activityCount: activities, rulesRead: rulesRead)
    }

    // MARK: Writing

    private mutating func todo(_ reference: String, _ message: String) -> String {
        decisions.append(RopaDecision(reference: reference, message: message))
        return "# TODO: " + message.replacingOccurrences(of: "\n", with: " ")
    }

    private func text(_ value: String) -> String { localized(inTableLanguage(value)) }

    /// Text in the table's own language only.
    private func inTableLanguage(_ value: String) -> LocalizedText {
        language == .sv ? LocalizedText(sv: value) : LocalizedText(en: value)
    }

    private func localized(_ text: LocalizedText) -> String {
        let parts = [("sv", text.sv), ("en", text.en)].compactMap { key, value in value.map { "\(key): \(quoted($0))" }
        }
        return "{ \(parts.joined(separator: ", ")) }"
    }

    private func quoted(_ value: String) -> String {
        let escaped = value.trimmingCharacters(in: .whitespacesAndNewlines)
            .replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\t", with: " ")
        return "\"\(escaped)\""
    }

    private func isNothing(_ value: String) -> Bool {
        RopaVocabulary.nothing.contains(RopaColumns.normalised(value))
            || value.trimmingCharacters(in: .whitespaces) == "-"
    }

    private func oneLine(_ value: String) -> String {
        value.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
    }

    private func firstLine(_ value: String) -> String {
        String(value.split(whereSeparator: \.isNewline).first ?? Substring(value))
    }

    /// "Köp av produkt eller tjänst" → "kop-av-produkt-eller-tjanst"; at most six words.
    private func slug(_ value: String) -> String {
        let folded = value.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).lowercased()
        let words = folded.split { !($0.isASCII && ($0.isLetter || $0.isNumber)) }.prefix(6)
        let slug = words.joined(separator: "-")
        guard let first = slug.first, first.isLetter else { return "activity" + (slug.isEmpty ? "" : "-" + slug) }
        return slug
    }

    private static let builtInSubjects = Set(DataSubjectCategory.builtIn.map(\.id))
    private static let builtInCategories = Set(DataCategory.builtIn.map(\.id))

    /// `base`, or `base-2`, `base-3`, … the first not yet used nor among `reserved`; used from now.
    private mutating func uniqueId(_ base: String, avoiding reserved: Set<String> = []) -> String {
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
