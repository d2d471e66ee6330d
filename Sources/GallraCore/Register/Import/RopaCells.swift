import Foundation

/// Splitting a cell that lists several things: at commas, "och"/"and", "+", line breaks — and,
/// when a cell lists known names with only spaces between ("Name Position Company E-Mail"), at
/// the names themselves.
enum RopaCells {
    struct Item: Equatable {
        let text: String
        /// The vocabulary's id when the text is one of its names.
        let id: String?
    }

    static func items(_ cell: String, vocabulary: [(String, [String])]) -> [Item] {
        var pieces: [String] = []
        // A remark in parentheses comments on the item before it; it names nothing of its own.
        for line in expandingCompounds(withoutParentheses(cell)).components(separatedBy: "\n") {
            // A name the vocabulary knows is kept whole ("CV and cover letter") before the
            // pieces between commas are split at "and", "+" and the like.
            for piece in line.components(separatedBy: CharacterSet(charactersIn: ",;")) {
                let key = RopaColumns.normalised(withoutParentheses(piece))
                pieces += lookup(key, vocabulary) != nil ? [tidy(piece)] : split(piece)
            }
        }
        return pieces.flatMap { piece -> [Item] in
            let key = RopaColumns.normalised(withoutParentheses(piece))
            guard !key.isEmpty else { return [] }
            if let id = lookup(key, vocabulary) { return [Item(text: piece, id: id)] }
            if let run = segmented(key, vocabulary) { return run }
            return [Item(text: tidy(piece), id: nil)]
        }
    }

    /// "Kontakt, adress- och faktureringsuppgifter": "adress-" borrows the last part of the word
    /// after it, "adressuppgifter".
    static func expandingCompounds(_ cell: String) -> String {
        let heads = ["uppgifter", "information", "handlingar", "nummer", "data", "adresser"]
        let words = cell.components(separatedBy: " ")
        // The word each word's hyphen borrows from: the next that is neither a conjunction nor
        // itself a hyphenated part, found for all in one pass from the end.
        var following: [String?] = Array(repeating: nil, count: words.count)
        var next: String?
        for index in words.indices.reversed() {
            following[index] = next
            let word = words[index]
            if !["och", "eller", "and", "or"].contains(word) && word.count > 1 && !word.hasSuffix("-") { next = word }
        }
        var result: [String] = []
        for (index, word) in words.enumerated() {
            let bare = word.trimmingCharacters(in: CharacterSet(charactersIn: ","))
            guard bare.count > 1, bare.hasSuffix("-"),
                let next = following[index],
                let head = heads.first(where: {
                    next.lowercased().trimmingCharacters(in: .punctuationCharacters).hasSuffix($0)
                })
            else {
                result.append(word)
                continue
            }
            result.append(String(bare.dropLast()) + head + (word.hasSuffix(",") ? "," : ""))
        }
        return result.joined(separator: " ")
    }

    static func split(_ line: String) -> [String] {
        var parts = [line]
        for separator in [",", ";", " + ", "+", " och ", " and ", " samt ", " & ", " eller ", " or "] {
            parts = parts.flatMap { $0.components(separatedBy: separator) }
        }
        return parts.map(tidy).filter { !$0.isEmpty }
    }

    static func tidy(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespacesAndNewlines.union(CharacterSet(charactersIn: ".:-–")))
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    static func withoutParentheses(_ text: String) -> String {
        text.replacingOccurrences(of: "\\([^)]*\\)", with: " ", options: .regularExpression)
    }

    static func lookup(_ key: String, _ vocabulary: [(String, [String])]) -> String? {
        vocabulary.first { $0.1.contains(key) }?.0
    }

    /// "name position company e-mail telephone number": every word covered by a name of the
    /// vocabulary, the longest first; nil when any word is left over.
    static func segmented(_ key: String, _ vocabulary: [(String, [String])]) -> [Item]? {
        let words = key.split(separator: " ").map(String.init)
        guard words.count > 1 else { return nil }
        var items: [Item] = []
        var index = 0
        while index < words.count {
            var found: (id: String, length: Int)?
            for length in stride(from: min(6, words.count - index), through: 1, by: -1) {
                let phrase = words[index..<(index + length)].joined(separator: " ")
                if let id = lookup(phrase, vocabulary) {
                    found = (id, length)
                    break
                }
            }
            guard let match = found else { return nil }
            items.append(Item(text: words[index..<(index + match.length)].joined(separator: " "), id: match.id))
            index += match.length
        }
        return items
    }
}
