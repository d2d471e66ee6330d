/// The columns of a ROPA table, found by their headers in Swedish and English as the supervisory
/// authorities' templates and real registers name them.
enum RopaField: String, CaseIterable, Sendable {
    case name, purpose, subjects, data, basis, retention, recipients, transfer, security, systems, source
    /// The business function or department ("Business function", "Avdelning", "Nämnd").
    case function
    /// In a processor's record (Art. 30(2)(a)): the controller on whose behalf it processes.
    case controllerOf
}

enum RopaColumns {
    /// Header wordings, compared after `normalised`; a header within two edits of one of these
    /// (a typo such as "Katgegorier av personuppgifter") counts too.
    static let headers: [RopaField: [String]] = [
        .name: [
            "personuppgiftsbehandling", "behandling", "behandlingen", "namn på behandlingen", "behandlingens namn",
            "processing activity", "processing", "activity", "name of the processing", "name",
        ],
        .purpose: [
            "ändamål", "ändamålet", "ändamål med behandlingen", "syfte", "syftet med behandlingen", "syften",
            "ändamålen med behandlingen", "purpose", "purposes", "purpose of the processing",
            "purposes of the processing",
        ],
        .subjects: [
            "kategorier av registrerade", "registrerade", "kategori av registrerade", "de registrerade",
            "categories of data subjects", "categories of individuals", "data subjects", "data subject categories",
            "individuals",
        ],
        .data: [
            "kategorier av personuppgifter", "personuppgifter", "kategori av personuppgifter", "typ av personuppgifter",
            "categories of personal data", "personal data", "data categories", "types of personal data", "data",
            "information", "uppgifter",
        ],
        .basis: [
            "rättslig grund", "laglig grund", "rättslig grund för behandlingen", "legal basis", "lawful basis",
            "legal basis for the processing", "lawful basis for processing",
        ],
        .retention: [
            "lagringstid", "lagringstider", "gallring", "gallringsfrist", "gallringsfrister", "lagringstid gallring",
            "lagringstid gallringsfrister", "tidsfrister för radering", "bevarandetid", "retention",
            "retention period", "storage time", "storage period", "time limits for erasure", "erasure",
        ],
        .recipients: [
            "mottagare", "kategorier av mottagare", "mottagare av personuppgifterna", "recipients",
            "categories of recipients",
        ],
        .transfer: [
            "tredjeland", "tredje land", "överföring till tredje land", "överföring till tredjeland",
            "överföringar till tredje land", "third countries", "third country", "transfers",
            "transfers to third countries", "transfer to third countries",
        ],
        .security: [
            "säkerhetsåtgärder", "tekniska och organisatoriska säkerhetsåtgärder", "skyddsåtgärder",
            "security measures", "technical and organisational security measures",
            "technical and organizational security measures", "security",
        ],
        .systems: ["system", "it-system", "system där uppgifterna finns", "systems", "it systems"],
        .source: ["källa", "uppgifternas källa", "source", "source of the data"],
    ]

    /// Which field a header names, if any (`RopaHeaders`: the templates' long headers too).
    static func field(_ header: String) -> RopaField? {
        guard case .field(let field) = RopaHeaders.meaning(header) else { return nil }
        return field
    }

    /// The field whose wording `text` (normalised) is, exactly or within two edits.
    static func exactField(_ text: String) -> RopaField? {
        guard !text.isEmpty, text.count <= 60 else { return nil }
        for (field, names) in headers where names.contains(text) { return field }
        let characters = Array(text)
        for (field, name) in fuzzyHeaders where abs(name.count - characters.count) <= 2 {
            // Given up on as soon as two edits cannot reach it: most cells differ at once.
            if Suggestion.editDistance(name, characters, atMost: 2) != nil { return field }
        }
        return nil
    }

    /// The header wordings long enough to be matched within two edits, as characters, in the
    /// order of `headers`.
    private static let fuzzyHeaders: [(RopaField, [Character])] = headers.flatMap { field, names in
        names.filter { $0.count >= 8 }.map { (field, Array($0)) }
    }

    /// The header among the cells: where it starts and how many cells it has — the longest run
    /// of at least three consecutive cells that each name a field (no field twice) or a column
    /// a template has and the import leaves.
    static func headerLength(_ cells: [String]) -> (offset: Int, count: Int)? {
        var best: (offset: Int, count: Int)?
        var index = 0
        while index < cells.count {
            var seen: Set<RopaField> = []
            var end = index
            while end < cells.count, let meaning = RopaHeaders.meaning(cells[end]) {
                if case .field(let field) = meaning {
                    guard seen.insert(field).inserted else { break }
                }
                end += 1
            }
            let count = end - index
            if seen.count >= 3, count > (best?.count ?? 0), seen.contains(.purpose) || seen.contains(.name) {
                best = (index, count)
            }
            index = max(end, index + 1)
        }
        return best
    }

    /// Language of the headers: Swedish when any header is one of the Swedish wordings.
    static func language(of header: [String]) -> Language {
        let swedish = Set(["å", "ä", "ö"])
        let words = header.map(normalised)
        if words.contains(where: { word in swedish.contains { word.contains($0) } }) { return .sv }
        let svHeaders: Set<String> = ["personuppgiftsbehandling", "mottagare", "tredjeland", "källa", "behandling"]
        return words.contains(where: svHeaders.contains) ? .sv : .en
    }

    /// Lower case, punctuation and the words' spacing tidied: "Lagringstid/ gallring:" → "lagringstid gallring".
    static func normalised(_ text: String) -> String {
        let cleaned = text.lowercased().map { character -> Character in
            character.isLetter || character.isNumber || character == "-" ? character : " "
        }
        return String(cleaned).split(separator: " ").joined(separator: " ")
    }

    /// The labels of a template's controller block, above the header.
    static let controllerLabels: [(field: String, labels: [String])] = [
        (
            "name",
            [
                "personuppgiftsansvarig", "personuppgiftsansvarig namn", "namn på personuppgiftsansvarig", "företag",
                "företagsnamn", "organisation", "controller", "name of controller", "data controller", "company",
                "name of the controller",
            ]
        ),
        ("organisation_number", ["organisationsnummer", "org nr", "orgnr", "organisation number", "company number"]),
        ("address", ["adress", "postadress", "address", "postal address"]),
        ("email", ["e-post", "e-postadress", "epost", "email", "e-mail", "email address", "e-mail address"]),
        ("phone", ["telefon", "telefonnummer", "phone", "telephone", "telephone number"]),
        ("dpo", ["dataskyddsombud", "dataskyddsombud kontaktuppgifter", "data protection officer", "dpo"]),
    ]

    static func controllerField(_ label: String) -> String? {
        let text = normalised(label)
        return controllerLabels.first { $0.labels.contains(text) }?.field
    }
}
