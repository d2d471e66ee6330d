import Foundation
import Synchronization

/// Turns a retention phrase into pieces: the longest known wording wins at each place, and what
/// no pattern knows is kept as text.
struct PhraseTokenizer: @unchecked Sendable {
    // NSRegularExpression is immutable once built and safe to share across threads.
    let entries: [(regex: NSRegularExpression, meaning: PhraseLexicon.Meaning)]
    private let fillerWords: Set<String>
    private let fillerEndings: [String]
    /// The closed list's words a misspelt word may stand for: long enough, in a fixed order, each
    /// with its letters (compared letter by letter for every unknown word of every phrase).
    private let misspellable: [(word: String, letters: [Character])]
    private let recent = RecentTokenizations()

    init(languages: Set<Language>, declaredEvents: [EventDefinition]) {
        fillerWords = languages.reduce(into: Set<String>()) {
            $0.formUnion(PhraseLexicon.fillerWords[$1] ?? [])
            $0.formUnion(PhraseLexicon.dataWords[$1] ?? [])
        }
        fillerEndings = languages.contains(.sv) ? PhraseLexicon.fillerEndings : []
        misspellable = fillerWords.filter { $0.count >= 7 }.sorted().map { ($0, Array($0)) }
        let declared = declaredEvents.flatMap(PhraseTokenizer.patterns(for:))
        let lexicon = PhraseLexicon.entries(for: languages).filter { !$0.languages.isDisjoint(with: languages) }
        entries = (declared + lexicon).compactMap { entry in
            let bounded = "(?<![\\p{L}\\p{N}])(?:\(entry.pattern))(?![\\p{L}\\p{N}])"
            guard let regex = PhraseTokenizer.compiled(bounded) else {
                assertionFailure("bad phrase pattern \(entry.pattern)")
                return nil
            }
            return (regex, entry.meaning)
        }
    }

    /// NSRegularExpression on Linux never frees what it compiles (swift-corelibs-foundation): when
    /// every reader compiled the lexicon anew, each register read or import kept about 85 KB for
    /// good (found by fuzzing, docs/fuzzing.md). So each pattern is compiled once per process. The
    /// lexicon's patterns are constants; a register's own events add theirs, up to `cacheLimit`
    /// patterns in all, beyond which one is compiled for its reader alone.
    private static let cache = Mutex<[String: NSRegularExpression]>([:])
    private static let cacheLimit = 10_000

    private static func compiled(_ pattern: String) -> NSRegularExpression? {
        if let regex = cache.withLock({ $0[pattern] }) { return regex }
        // try?: the lexicon's patterns are Gallra's own constants, a declared event's are escaped;
        // one that does not compile is reported by the caller
        // The text is lower-cased before it is matched (`normalise`), and so are the patterns (an
        // event's name is lower case): matching without case folding is several times faster,
        // and the reader runs every pattern over every phrase of an import.
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return nil }
        return cache.withLock { cache in
            if let earlier = cache[pattern] { return earlier }
            if cache.count < cacheLimit { cache[pattern] = regex }
            return regex
        }
    }

    func pieces(of phrase: String) -> [PhrasePiece] {
        tokens(of: phrase).map(\.piece)
    }

    func tokens(of phrase: String) -> [PhraseToken] {
        recent.tokens(of: phrase, tokenize)
    }

    private func tokenize(_ phrase: String) -> [PhraseToken] {
        let text = PhraseTokenizer.normalise(phrase)
        let whole = NSRange(text.startIndex..., in: text)
        var found: [(range: NSRange, order: Int, result: NSTextCheckingResult, meaning: PhraseLexicon.Meaning)] = []
        for (order, entry) in entries.enumerated() {
            for match in entry.regex.matches(in: text, range: whole) where match.range.length > 0 {
                found.append((match.range, order, match, entry.meaning))
            }
        }
        found.sort {
            ($0.range.location, -$0.range.length, $0.order) < ($1.range.location, -$1.range.length, $1.order)
        }
        var tokens: [PhraseToken] = []
        var cursor = 0
        for match in found where match.range.location >= cursor {
            appendWords(text, from: cursor, to: match.range.location, into: &tokens)
            tokens.append(
                .init(
                    piece: piece(for: match.meaning, match.result, in: text),
                    words: (text as NSString).substring(with: match.range)))
            cursor = match.range.location + match.range.length
        }
        appendWords(text, from: cursor, to: (text as NSString).length, into: &tokens)
        return PhraseTokenizer.readingClauses(tokens)
    }

    static func normalise(_ phrase: String) -> String {
        let lowered = phrase.lowercased()
            .replacingOccurrences(of: "–", with: "-").replacingOccurrences(of: "—", with: "-")
            .replacingOccurrences(of: "\u{a0}", with: " ").replacingOccurrences(of: "+", with: " + ")
            // "~2 years", "≈ 6 mån": an estimate's sign is a word of its own.
            .replacingOccurrences(of: "~", with: " ~ ").replacingOccurrences(of: "≈", with: " ≈ ")
            // A comma or semicolon after a word is punctuation of its own ("30 days, after which"),
            // a decimal comma ("1,5") is not.
            .replacingOccurrences(of: "(?<!\\d)([,;])|([,;])(?!\\d)", with: " $1$2 ", options: .regularExpression)
            // An apostrophe inside a word ("we’ll", "candidate’s") is not a quotation mark.
            .replacingOccurrences(of: "(?<=\\p{L})[’‘](?=\\p{L})", with: "'", options: .regularExpression)
            // A possessive names what is kept: "a case's documents" are the case's.
            .replacingOccurrences(of: "(?<=\\p{L})['’]s(?!\\p{L})", with: "", options: .regularExpression)
            // A plural in parentheses is the plural: "file(s)".
            .replacingOccurrences(of: "(?<=\\p{L})\\((e?s)\\)", with: "$1", options: .regularExpression)
        return lowered.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    private static let separators = CharacterSet.whitespacesAndNewlines.union(
        CharacterSet(charactersIn: "/()[]\"“”‘’:"))
    private static let strayMarks = CharacterSet.punctuationCharacters.union(.symbols)

    /// What no pattern matched, word by word: on the closed filler list, stray punctuation, a
    /// number with no unit (which refuses: numbers are of the closed class), or a word that names
    /// what is kept, who keeps it or why.
    private func appendWords(_ text: String, from start: Int, to end: Int, into tokens: inout [PhraseToken]) {
        guard end > start else { return }
        let stretch = (text as NSString).substring(with: NSRange(location: start, length: end - start))
        for part in stretch.components(separatedBy: PhraseTokenizer.separators) {
            let word = part.trimmingCharacters(in: PhraseTokenizer.strayMarks)
            guard !word.isEmpty else { continue }
            let known = fillerWords.contains(word) || fillerEndings.contains { word.hasSuffix($0) }
            if known {
                tokens.append(.init(piece: .filler(word), words: word))
            } else if word.contains(where: \.isNumber) || PhraseNumbers.value(of: word) != nil {
                tokens.append(.init(piece: .obstacle(.strayNumber, word), words: word))
            } else if let intended = misspelledFiller(word) {
                tokens.append(.init(piece: .misspelling(of: intended), words: word))
            } else {
                tokens.append(.init(piece: .text(word), words: word))
            }
        }
    }

    /// "inkommand" for "inkommande", "avlutat" for "avslutat": a word of seven letters or more one letter away from a word of the closed list
    /// is that word misspelt. Only the closed list's words are matched, so a misspelt word of time
    /// or of a rule's grammar is never read as something it is not.
    private func misspelledFiller(_ word: String) -> String? {
        let letters = Array(word)
        guard letters.count >= 7 else { return nil }
        return misspellable.first {
            abs($0.letters.count - letters.count) <= 1 && PhraseTokenizer.oneEditApart(letters, $0.letters)
        }?.word
    }

    /// Whether one letter inserted, removed or replaced turns one word into the other.
    static func oneEditApart(_ lhs: [Character], _ rhs: [Character]) -> Bool {
        let (short, long) = lhs.count <= rhs.count ? (lhs, rhs) : (rhs, lhs)
        guard long.count - short.count <= 1, lhs != rhs else { return false }
        var index = 0
        while index < short.count && short[index] == long[index] { index += 1 }
        if short.count == long.count { return short[(index + 1)...] == long[(index + 1)...] }
        return short[index...] == long[(index + 1)...]
    }

    private func piece(for meaning: PhraseLexicon.Meaning, _ match: NSTextCheckingResult, in text: String)
        -> PhrasePiece
    {
        let ns = text as NSString
        func group(_ index: Int) -> String? {
            let range = match.range(at: index)
            return range.location == NSNotFound ? nil : ns.substring(with: range)
        }
        let matched = ns.substring(with: match.range)
        switch meaning {
        case .piece(.filler): return .filler(matched)
        case .piece(let piece): return piece
        case .obstacle(let obstacle): return .obstacle(obstacle, matched)
        case .calendarYears(let offset):
            guard let count = group(1).flatMap(PhraseNumbers.value(of:)), count + offset >= 0 else {
                return .text(matched)
            }
            return .calendarYears(count + offset)
        case .event(let name): return .event(name)
        case .duration:
            guard let amount = group(1).flatMap(PhraseNumbers.value(of:)),
                let unit = group(3).flatMap(PhraseLexicon.unit(_:))
            else { return .text(matched) }
            if let again = group(2), PhraseNumbers.value(of: again) != amount { return .conflict(matched) }
            return amount <= RetentionRule.maximumAmount ? .duration(.init(amount, unit)) : .obstacle(.forever, matched)
        case .range:
            guard let low = group(1).flatMap(PhraseNumbers.value(of:)),
                let high = group(2).flatMap(PhraseNumbers.value(of:)),
                let unit = group(3).flatMap(PhraseLexicon.unit(_:)), low <= high, high <= RetentionRule.maximumAmount
            else { return .conflict(matched) }
            // A range keeps its upper bound: nothing is erased before the register says it may be.
            return .duration(.init(high, unit))
        case .ordinalYear:
            return group(1).flatMap(PhraseNumbers.ordinal(_:)).map(PhrasePiece.ordinalYear) ?? .text(matched)
        }
    }

    /// A register's own events are known by their names and by the words of their id.
    private static func patterns(for event: EventDefinition) -> [PhraseLexicon.Entry] {
        let generic: Set<String> = ["end", "ended", "closed", "start", "withdrawn", "date"]
        var alternatives = [event.meaning.sv, event.meaning.en].compactMap { $0 }.map {
            NSRegularExpression.escapedPattern(for: normalise($0))
        }
        let words = event.name.rawValue.split(whereSeparator: { $0 == "." || $0 == "-" }).map(String.init)
        alternatives += words.filter { !generic.contains($0) && $0.count > 3 }.map { "\($0)\\w*" }
        if let first = event.meaning.sv.map(normalise)?.split(separator: " ").first, first.count > 5 {
            let stem = first.replacingOccurrences(of: "(ens|ets|en|et|s)$", with: "", options: .regularExpression)
            alternatives.append(NSRegularExpression.escapedPattern(for: stem) + "\\w*")
        }
        return alternatives.map { .init(languages: PhraseLexicon.both, pattern: $0, meaning: .event(event.name)) }
    }
}
