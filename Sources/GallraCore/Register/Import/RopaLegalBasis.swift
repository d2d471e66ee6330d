import Foundation

/// A legal basis cell as registers write it: the point of Art. 6(1) ("Article 6(1)(b)", "Art.
/// 6.1 f", "6(1)(f) legitimate interests"), the basis's name ("Avtal", "Rättslig förpliktelse",
/// "Allmänt intresse / myndighetsutövning") or a sentence that names one basis and no other
/// ("Necessary for the performance of a contract with the data subject").
enum RopaLegalBasis {
    /// The points of Art. 6(1).
    static let points: [Character: LegalBasis] = [
        "a": .consent, "b": .contract, "c": .legalObligation, "d": .vitalInterests, "e": .publicTask,
        "f": .legitimateInterests,
    ]

    /// "Article 6(1)(b)", "Art. 6.1.b", "art 6 1 f", "6(1)(e)", "Artikel 6.1 c": the "1" or the
    /// word "article" must be there, so that "6 a" alone is not read as a basis.
    private static let reference: NSRegularExpression? = {
        let article = #"(?:\bart(?:icle|ikel|\.)?\s*6|\b6\s*(?:\(\s*1\s*\)|\.\s*1\b|\s+1\b))"#
        let point = #"\s*(?:\(\s*1\s*\)|\.\s*1\b|\s+1\b)?\s*(?:\(\s*([a-f])\s*\)|[.,]?\s*([a-f])\b)"#
        // try?: the pattern is a constant; were it refused, no point would be read and each
        // cell would be left to a person to decide, as any cell the import cannot read is.
        return try? NSRegularExpression(pattern: article + point, options: [.caseInsensitive])
    }()

    /// Wordings that name one basis inside a longer sentence, at the start of a word.
    static let named: [(LegalBasis, [String])] = [
        (.consent, ["consent", "samtycke", "samtyck"]),
        (.contract, ["contract", "avtal", "agreement"]),
        (
            .legalObligation,
            [
                "legal obligation", "rättslig förpliktelse", "rättsliga förpliktelse", "lagkrav", "lagstadgad",
                "statutory", "legal requirement", "required by law", "krav enligt lag",
            ]
        ),
        (.vitalInterests, ["vital interest", "grundläggande intresse", "vitala intresse"]),
        (
            .publicTask,
            [
                "public task", "public interest", "official authority", "allmänt intresse", "myndighetsutövning",
                "uppgift av allmänt",
            ]
        ),
        (
            .legitimateInterests,
            [
                "legitimate interest", "berättigat intresse", "berättigade intresse", "intresseavvägning", "balancing",
                "balance of interests",
            ]
        ),
    ]

    /// Words beside a basis that name none: the regulation itself, "under", "enligt".
    static let filler: Set<String> = [
        "gdpr", "uk gdpr", "eu gdpr", "the gdpr", "dataskyddsförordningen", "dsf", "art", "article", "artikel",
        "under", "enligt", "se", "see",
    ]

    /// The bases the cell names, in order, and the parts it names none in.
    static func read(_ cell: String) -> (bases: [LegalBasis], unknown: [String]) {
        var bases: [LegalBasis] = []
        var rest = cell
        // Every point is written with a 6; the pattern is not run on a cell without one.
        if cell.contains("6"), let reference {
            let range = NSRange(cell.startIndex..., in: cell)
            for match in reference.matches(in: cell, range: range) {
                for group in 1...2 {
                    guard let letter = Range(match.range(at: group), in: cell).map({ cell[$0].lowercased() }),
                        let basis = letter.first.flatMap({ points[$0] })
                    else { continue }
                    if !bases.contains(basis) { bases.append(basis) }
                }
            }
            rest = reference.stringByReplacingMatches(in: cell, range: range, withTemplate: ", ")
        }
        // "Allmänt intresse / myndighetsutövning", "Contract – Art. 6(1)(b)": each side on its own.
        for separator in ["/", " – ", " — ", " - ", "|"] { rest = rest.replacingOccurrences(of: separator, with: ",") }
        let vocabulary = RopaVocabulary.legalBases.map { ($0.0.rawValue, $0.1) }
        var unknown: [String] = []
        for item in RopaCells.items(rest, vocabulary: vocabulary) {
            let key = RopaColumns.normalised(item.text)
            if filler.contains(key) || key.allSatisfy({ $0.isNumber || $0 == " " }) { continue }
            if let basis = item.id.flatMap(LegalBasis.init(rawValue:)) ?? only(in: key) {
                if !bases.contains(basis) { bases.append(basis) }
            } else {
                unknown.append(item.text)
            }
        }
        // A law named beside a legal obligation is the law behind it, not another basis.
        if bases.contains(.legalObligation) { unknown.removeAll(where: namesLaw) }
        return (bases, unknown)
    }

    /// The one basis a sentence names, or nil when it names none or more than one.
    static func only(in key: String) -> LegalBasis? {
        let padded = " " + key + " "
        let found = named.filter { $0.1.contains { padded.contains(" " + $0) } }.map(\.0)
        return found.count == 1 ? found[0] : nil
    }

    static func namesLaw(_ text: String) -> Bool {
        let lowered = text.lowercased()
        return ["lag", " act", "förordning", "regulation", "§", "kap", "code", "balk"].contains { lowered.contains($0) }
            || lowered.range(of: #"\d{4}:\d+"#, options: .regularExpression) != nil
    }
}
