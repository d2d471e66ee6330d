import Foundation

/// Readings that depend on a word's neighbours rather than on the word alone.
extension PhraseTokenizer {
    /// Applies the neighbour-dependent readings to the tokens of a phrase.
    static func readingClauses(_ tokens: [PhraseToken]) -> [PhraseToken] {
        unnamedMoments(
            inactivityThresholds(
                purposeClauses(addedThings(citedLaws(deletedThings(erasedAccounts(conditionsThatAreMoments(tokens)))))))
        )
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

    /// "upon deletion … after fourteen days": "upon", "once", "when", "när" introduce the moment
    /// the count starts. When no event or period follows, the moment is one Gallra does not
    /// know, and reading on would count from collection instead.
    static func unnamedMoments(_ tokens: [PhraseToken]) -> [PhraseToken] {
        var result = tokens
        for index in result.indices where result[index].piece == .when {
            guard ["upon", "once", "when", "när"].contains(result[index].words) else { continue }
            var next = index + 1
            while next < result.count, !result[next].piece.isMeaningful, result[next].piece != .comma { next += 1 }
            let following = next < result.count ? result[next].piece : nil
            switch following {
            case .event, .duration, .none, .obstacle, .conflict: continue
            default:
                let shown = result[index..<min(next, index + 3)].map(\.words)
                let words = shown.joined(separator: " ") + (next > index + 3 ? " …" : "")
                result[index] = .init(piece: .obstacle(.unknownMoment, words), words: result[index].words)
            }
        }
        return result
    }

    /// "Kontot raderas efter 24 månaders inaktivitet", "the account is deleted after 2 years of
    /// inactivity": the account's erasure before "after", "when" or a period is what the rule
    /// does, not the moment it counts from.
    static func erasedAccounts(_ tokens: [PhraseToken]) -> [PhraseToken] {
        var result = tokens
        for index in result.indices where result[index].piece == .event(.accountClosed) {
            guard result[index].words.range(of: accountErasure, options: .regularExpression) != nil else { continue }
            var next = index + 1
            while next < result.count, !result[next].piece.isMeaningful { next += 1 }
            guard next < result.count,
                [.after, .when, .cap].contains(result[next].piece) || result[next].piece.isDuration
            else { continue }
            result[index] = .init(piece: .erasure(result[index].words), words: result[index].words)
        }
        return result
    }

    private static let accountErasure =
        "^(?:kontot (?:raderas|tas bort)|(?:your |the )?account (?:is )?(?:deleted|removed|erased))$"

    /// "Deleted content is removed from our servers within 60 days", "raderade filer sparas i 30
    /// dagar": what someone deleted is counted from that deletion, a moment Gallra does not know,
    /// not from collection.
    static func deletedThings(_ tokens: [PhraseToken]) -> [PhraseToken] {
        var result = tokens
        for index in result.indices.dropLast() {
            guard case .filler = result[index].piece, deletedWords.contains(result[index].words),
                case .filler = result[index + 1].piece, deletedThings.contains(result[index + 1].words)
            else { continue }
            let words = result[index].words + " " + result[index + 1].words
            result[index] = .init(piece: .obstacle(.unknownMoment, words), words: result[index].words)
        }
        return result
    }

    private static let deletedWords: Set<String> = [
        "deleted", "removed", "erased", "raderade", "raderad", "raderat", "borttagna", "borttagen", "borttaget",
    ]
    private static let deletedThings: Set<String> = [
        "content", "data", "files", "file", "messages", "items", "emails", "e-mails", "email", "photos", "images",
        "videos", "posts", "comments", "accounts", "account", "information", "records", "documents", "chats",
        "profiles", "users", "uppgifter", "uppgifterna", "filer", "filerna", "meddelanden", "konton", "kontot",
        "konto", "bilder", "dokument", "information", "data", "e-post",
    ]

    /// "enligt penningtvättslagen", "(preskription)", "under the Money Laundering Regulations": a
    /// law cited beside a moment Gallra knows says why ("fem år efter kundförhållandets upphörande
    /// enligt penningtvättslagen"); cited alone, the law sets its own starting point, which the
    /// phrase does not name ("fem år enligt penningtvättslagen").
    static func citedLaws(_ tokens: [PhraseToken]) -> [PhraseToken] {
        let namesMoment = tokens.contains {
            if case .event(let name) = $0.piece { return name != .collected }
            return false
        }
        guard !namesMoment else { return tokens }
        return tokens.map { token in
            guard case .filler = token.piece, token.words.range(of: citation, options: .regularExpression) != nil
            else { return token }
            return .init(piece: .obstacle(.lawWithoutMoment, token.words), words: token.words)
        }
    }

    private static let citation =
        "^(?:enligt \\p{L}+lag(?:en|ens)?|.*(?:preskription|limitation).*|(?:the )?(?:anti-)?money laundering .*)$"

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

    /// "If you close your account, …": "if" before a moment Gallra knows (closing, cancelling,
    /// withdrawing, unsubscribing) is "when" that moment comes, and so is "om du" before
    /// inactivity ("om du inte har loggat in på 24 månader"). Before a state ("if you are a
    /// customer") it stays a condition, and the phrase is refused.
    static func conditionsThatAreMoments(_ tokens: [PhraseToken]) -> [PhraseToken] {
        var result = tokens
        for index in result.indices.dropLast() {
            guard case .obstacle(.condition, let words) = result[index].piece,
                ["if", "om du", "om ni"].contains(words),
                case .event(let event) = result[index + 1].piece,
                event == .lastActivity
                    || result[index + 1].words.range(of: momentVerbs, options: .regularExpression) != nil
            else { continue }
            result[index] = .init(piece: .when, words: result[index].words)
        }
        return result
    }

    private static let momentVerbs =
        "^(?:you )?(?:close|delete|cancel|withdraw|unsubscribe|opt out|object)\\b"
}
