import Foundation

/// What a header cell says about its column: a field the import reads, a column the import
/// knows and leaves (a link to a contract, the Art. 9 condition, a DPIA), or nothing it knows.
enum RopaHeaderMeaning: Equatable {
    case field(RopaField)
    case known
}

/// The headers of the templates people start from, however long: the title of a cell is found
/// (its first line, or the words before a colon or a dash; remarks in parentheses, "(if
/// applicable)", and footnote marks gone) and then asked whether it holds these wordings at the
/// start of a word. What a header names comes first in it: "Names of third countries … that
/// personal data are transferred to" is a transfer, "Why we keep it" a purpose; the first rule's
/// wordings are columns the import leaves wherever they stand ("Article 9 basis for processing
/// special category data", "Personal data breach?").
enum RopaHeaders {
    static let rules: [(meaning: RopaHeaderMeaning, wordings: [String])] = [
        (
            .known,
            [
                // Columns of the templates that the draft register does not take from the table.
                "joint controller", "gemensamt personuppgiftsansvar", "gemensamt ansvarig", "link to", "länk till",
                "article 9", "art 9", "artikel 9", "special categor", "special category", "särskilda kategorier",
                "känsliga personuppgifter", "criminal", "lagöverträdelser", "legitimate interests for",
                "legitimate interest assessment", "legitimate interests assessment", "rights available", "rights of",
                "de registrerades rättigheter", "automated decision", "profiling", "automatiserat beslutsfattande",
                "profilering", "impact assessment", "dpia", "konsekvensbedömning", "breach", "personuppgiftsincident",
                "safeguard", "garantier", "lämpliga skyddsåtgärder", "representative", "företrädare", "sub-processor",
                "underbiträde", "personuppgiftsbiträde", "schedule 1", "schedule condition",
                "privacy notice", "integritetspolicy", "information till den registrerade", "record of consent",
                "last update", "senast uppdaterad", "dataskyddsombud", "data protection officer",
                "personuppgiftsansvarig",
            ]
        ),
        (
            .field(.controllerOf),
            [
                "name and contact details of controller", "name and contact details of the controller",
                "contact details of controller", "name of controller", "name of the controller", "controller name",
                "controller on whose behalf", "för vars räkning",
            ]
        ),
        // Where the data is kept, before "sparas" and "stored" read as its retention.
        (
            .field(.systems),
            [
                "var sparas", "var lagras", "var finns", "where it is stored", "where the data is", "stored in",
                "location of", "lagras i", "sparas i",
            ]
        ),
        (
            .field(.transfer),
            [
                "third countr", "tredje land", "tredjeland", "transfer", "överföring", "outside the eu",
                "outside the eea", "utanför eu", "international organi",
            ]
        ),
        (
            .field(.retention),
            [
                "retention", "lagringstid", "gallring", "radering", "erasure", "storage period", "storage time",
                "bevarande", "how long", "hur länge", "tidsfrist", "time limit", "deletion", "lagringstid",
                "lagringsperiod", "sparas", "sparad", "bevaras", "radera", "rensning", "keep", "kept", "retain",
                "erase", "delete", "storage duration", "storage limit",
            ]
        ),
        (
            .field(.basis),
            [
                "lawful basis", "legal basis", "legal ground", "lawfulness", "rättslig grund", "laglig grund",
                "rättsliga grund", "article 6", "art 6", "artikel 6", "grund för behandlingen", "lawful ground",
                "lagstöd", "rättsligt stöd", "stöd i", "basis for processing", "grounds for processing",
                "legal justification",
            ]
        ),
        (
            .field(.security),
            ["security", "säkerhet", "skyddsåtgärder", "technical and organi", "tekniska och organisatoriska"]
        ),
        (
            .field(.recipients),
            [
                "recipient", "mottagare", "disclos", "utlämnande", "shared with", "share", "delas", "lämnas ut",
                "who receives", "vem får", "vilka får",
            ]
        ),
        (.field(.source), ["source", "källa", "varifrån", "where the data comes from"]),
        (
            .field(.systems),
            ["system", "it-system", "verksamhetssystem"]
        ),
        (
            .field(.subjects),
            [
                "data subject", "registrerade", "individuals", "kategorier av personer", "personkategorier",
                "whose", "vems uppgifter", "people", "persons", "personer", "berörda", "subjects", "subject categor",
                "registreras", "vem gäller", "vilka gäller",
            ]
        ),
        (
            .field(.data),
            [
                "personal data", "personuppgift", "data categor", "categories of data", "types of data",
                "kind of data", "uppgiftskategorier", "kategorier av uppgifter", "typ av uppgifter", "vilka uppgifter",
                "uppgifter", "uppgiftstyp", "datakategori", "typ av data", "what data", "what personal",
                "what information", "information we", "information held", "data we", "data held", "data processed",
                "data collected", "data items", "data fields", "data types", "type of data",
            ]
        ),
        (.field(.purpose), ["purpose", "ändamål", "syfte", "why", "varför", "reason for", "orsak"]),
        (
            .field(.function),
            [
                "business function", "function", "department", "business unit", "avdelning", "förvaltning", "nämnd",
                "verksamhetsområde", "enhet", "team",
            ]
        ),
        (
            .field(.name),
            [
                "processing activit", "processing operation", "categories of processing", "name of processing",
                "name of the processing", "activity", "behandling", "personuppgiftsbehandling", "process",
                "aktivitet", "benämning", "operation",
            ]
        ),
        // Last, so that a wording above wins: "Datum för gallring" is a retention.
        (
            .known,
            ["comment", "kommentar", "notes", "anteckningar", "övrigt", "date", "datum", "reference", "referens"]
        ),
    ]

    /// The meaning of a header cell, or nil when it names nothing the import knows.
    static func meaning(_ header: String) -> RopaHeaderMeaning? {
        // A header with an explanation is read by its start; the rest cannot change its meaning.
        let text = String(header.prefix(600))
        for candidate in titles(text) {
            if candidate.count <= 60, let field = RopaColumns.exactField(candidate) { return .field(field) }
            if let meaning = ruled(candidate) { return meaning }
        }
        return nil
    }

    /// The title of a header in the forms worth asking, most of the cell first: the whole of a
    /// short header (its line breaks only the column's width), its first line, and the words
    /// before the first colon, dash, question mark or full stop.
    static func titles(_ header: String) -> [String] {
        let bare = withoutRemarks(header)
        var titles: [String] = []
        let whole = RopaColumns.normalised(bare)
        if !whole.isEmpty && whole.count <= 60 { titles.append(whole) }
        let firstLine = bare.split(whereSeparator: \.isNewline).first.map(String.init) ?? bare
        let line = RopaColumns.normalised(firstLine)
        if !line.isEmpty, !titles.contains(line), line.count <= 160 { titles.append(line) }
        if let stop = firstLine.firstIndex(where: { ":?.–—".contains($0) }) ?? firstLine.range(of: " - ")?.lowerBound {
            let start = RopaColumns.normalised(String(firstLine[..<stop]))
            if !start.isEmpty, !titles.contains(start) { titles.append(start) }
        }
        return titles
    }

    /// Without remarks in parentheses or brackets and footnote marks: "Retention schedule (if
    /// possible)¹" → "Retention schedule".
    static func withoutRemarks(_ text: String) -> String {
        var result = ""
        var depth = 0
        for character in text {
            switch character {
            case "(", "[": depth += 1
            case ")", "]": depth = max(0, depth - 1)
            case "*", "†", "‡", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹", "⁰": continue
            default: if depth == 0 { result.append(character) }
            }
            if depth > 0 || character == ")" || character == "]" {
                if result.last != " " { result.append(" ") }
            }
        }
        return result
    }

    /// The meaning of a title (normalised): a column the import leaves when the first rule's
    /// wordings are in it ("Personal data breach?"); else the field whose wording comes first in
    /// it ("Why we keep it" is a purpose, "How long we keep it" a retention); else a column known
    /// by the last rule ("Date"). Each word start is looked
    /// up by its first three characters, so a cell costs its length, not the rules'.
    static func ruled(_ title: String) -> RopaHeaderMeaning? {
        let characters = Array(title)
        var hits: [(start: Int, end: Int, rule: Int)] = []
        var known = false
        for start in characters.indices where start == 0 || characters[start - 1] == " " {
            guard start + 3 <= characters.count else { break }
            for (rule, wording) in index[String(characters[start..<(start + 3)]), default: []]
            where start + wording.count <= characters.count
                && Array(characters[start..<(start + wording.count)]) == wording
            {
                guard case .field = rules[rule].meaning else {
                    if rule == 0 { return .known }
                    known = true
                    continue
                }
                hits.append((start, start + wording.count, rule))
            }
        }
        // The first wording, the longest of those that start together; a wording that starts
        // inside it and runs past it takes its place ("categories of data subjects" names
        // subjects, not data).
        hits.sort { ($0.start, $1.end) < ($1.start, $0.end) }
        guard var chosen = hits.first else { return known ? .known : nil }
        for hit in hits.dropFirst() where hit.start < chosen.end && hit.end > chosen.end { chosen = hit }
        return rules[chosen.rule].meaning
    }

    /// Each wording by its first three characters, with the number of its rule.
    private static let index: [String: [(rule: Int, wording: [Character])]] = {
        var index: [String: [(rule: Int, wording: [Character])]] = [:]
        for (number, rule) in rules.enumerated() {
            for wording in rule.wordings {
                index[String(wording.prefix(3)), default: []].append((number, Array(wording)))
            }
        }
        return index
    }()
}
