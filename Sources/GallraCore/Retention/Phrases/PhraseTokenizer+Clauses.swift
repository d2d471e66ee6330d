import Foundation

/// Readings that depend on a word's neighbours rather than on the word alone.
extension PhraseTokenizer {
    /// The neighbour-dependent readings, in the order they apply: each reads the tokens the one
    /// before it left.
    static var passes: [any PhrasePass.Type] {
        [
            PhraseConditionsThatAreMoments.self, PhraseErasedAccounts.self, PhraseDeletedThings.self,
            PhraseCitedLaws.self, PhraseAddedThings.self, PhraseNamedThings.self, PhraseThenErased.self,
            PhrasePurposeClauses.self,
            PhraseInactivityThresholds.self, PhraseUnnamedMoments.self, PhraseMomentSlots.self, PhraseUnnamedEnds.self,
        ]
    }

    /// Applies the neighbour-dependent readings to the tokens of a phrase.
    static func readingClauses(_ tokens: [PhraseToken]) -> [PhraseToken] {
        passes.reduce(tokens) { tokens, pass in pass.apply(tokens) }
    }

    /// "för att kunna svara på frågor från den som sökt", "in order to answer questions": a
    /// purpose says why data is kept, not until when. Its words are set aside only when the
    /// clause, up to the next comma, "därefter" or the phrase's end, holds nothing but words and
    /// "and", "or", "from": a purpose naming a period, an event, "until" or "after" is left to
    /// the reader, and so is any word the closed list marks as a minimum, an exception … .
    static func purposeClauses(_ tokens: [PhraseToken]) -> [PhraseToken] {
        var result = tokens
        var index = 0
        while index < result.count {
            guard isPurposeOpener(result, at: index) else {
                index += 1
                continue
            }
            var end = index + 1
            while end < result.count, !endsClause(result[end].piece) { end += 1 }
            let clause = result[(index + 1)..<end]
            if !clause.isEmpty && clause.allSatisfy(isPurposeWord) {
                for position in index..<end {
                    result[position] = .init(piece: .purpose(result[position].words), words: result[position].words)
                }
            } else if clause.contains(where: { if case .text = $0.piece { true } else { false } }),
                clause.contains(where: { namesMomentOrPeriod($0.piece) })
            {
                // "kept for 2 years to answer questions after the contract ends": whether the
                // moment bounds the purpose or the period, the words do not say.
                let words = ([result[index]] + clause.prefix(2)).map(\.words).joined(separator: " ")
                result[index] = .init(piece: .obstacle(.purposeWithMoment, words), words: result[index].words)
            }
            index = end
        }
        return result
    }

    private static let purposeOpeners: Set<String> = [
        "för att", "i syfte att", "så att", "in order to", "so that", "so we can", "so that we can",
    ]

    /// "för att", "in order to", or an English "to" right before a word the reader does not know
    /// ("to answer questions"): "up to" and "from … to …" are read elsewhere as a cap and a range.
    private static func isPurposeOpener(_ tokens: [PhraseToken], at index: Int) -> Bool {
        let token = tokens[index]
        guard case .filler = token.piece else { return false }
        if purposeOpeners.contains(token.words) { return true }
        guard token.words == "to", index + 1 < tokens.count, case .text = tokens[index + 1].piece else {
            return false
        }
        return true
    }

    private static func namesMomentOrPeriod(_ piece: PhrasePiece) -> Bool {
        switch piece {
        case .event, .duration, .after, .when, .until, .asLongAs, .cap: return true
        default: return false
        }
    }

    private static func endsClause(_ piece: PhrasePiece) -> Bool {
        piece == .comma || piece == .plus
    }

    /// Words a purpose may hold: the reader's unknown words and its filler, "and", "or", and
    /// "från"/"from" of a source ("frågor från den som sökt").
    private static func isPurposeWord(_ token: PhraseToken) -> Bool {
        switch token.piece {
        case .text, .filler, .and, .either: return true
        case .after: return token.words == "från" || token.words == "from"
        default: return false
        }
    }

    /// "dormant for over two years", "inaktiva i mer än två år": after inactivity, "over" says
    /// how long the inactivity lasts before the data goes, not that the data is kept longer.
    /// Only "for", "i", "på", "in" may stand between, and a period must follow at once.
    static func inactivityThresholds(_ tokens: [PhraseToken]) -> [PhraseToken] {
        var result = tokens
        for index in result.indices {
            guard case .obstacle(.minimum, let words) = result[index].piece,
                index + 1 < result.count, result[index + 1].piece.isDuration
            else { continue }
            var before = index - 1
            while before >= 0, ["for", "i", "på", "in"].contains(result[before].words) { before -= 1 }
            if before >= 0, result[before].piece == .event(.lastActivity) {
                result[index] = .init(piece: .inactivityThreshold(words), words: words)
            }
        }
        return result
    }

    /// "extra data", "additional copies": "extra" adds a period only when one follows it
    /// ("an extra 30 days"); before the name of something kept it says what is kept.
    static func addedThings(_ tokens: [PhraseToken]) -> [PhraseToken] {
        var result = tokens
        for index in result.indices where result[index].piece == .plus {
            guard ["extra", "additional", "further", "ytterligare", "tillkommande"].contains(result[index].words),
                index + 1 < result.count, case .filler = result[index + 1].piece,
                !["a", "an", "en", "ett"].contains(result[index + 1].words)
            else { continue }
            result[index] = .init(piece: .filler(result[index].words), words: result[index].words)
        }
        return result
    }
}
