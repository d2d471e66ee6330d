import Foundation

/// Readings of the moments a phrase names or implies, which depend on a word's neighbours.
extension PhraseTokenizer {
    /// "upon deletion … after fourteen days": "upon", "once", "when", "när" introduce the moment
    /// the count starts, and "until", "as long as" the moment it ends ("until the order is
    /// complete, then 30 days"). When no event or period follows, the moment is one Gallra does
    /// not know, and reading on would count from collection instead. Swedish "under" is also "for"
    /// ("under fliken", "under 2 år"), so it is left to the reader.
    static func unnamedMoments(_ tokens: [PhraseToken]) -> [PhraseToken] {
        var result = tokens
        for index in result.indices where [.when, .until, .asLongAs].contains(result[index].piece) {
            if result[index].piece == .when, !["upon", "once", "when", "när"].contains(result[index].words) {
                continue
            }
            if result[index].words.hasPrefix("under") { continue }
            var next = index + 1
            while next < result.count, !result[next].piece.isMeaningful, result[next].piece != .comma { next += 1 }
            let following = next < result.count ? result[next].piece : nil
            switch following {
            case .event, .duration, .some(.none), .obstacle, .conflict, .calendarYearEnd, .ordinalYear, .calendarYears,
                .accountingAct:
                continue
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
            // "tills kontot raderas, dock högst 3 år": after "until" it is the moment after all.
            let before = result[..<index].last { $0.piece.isMeaningful }?.piece
            if let before, [.until, .asLongAs, .after, .when, .and, .either].contains(before) { continue }
            var next = index + 1
            while next < result.count, !result[next].piece.isMeaningful, result[next].piece != .comma { next += 1 }
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
        "konto", "bilder", "dokument", "e-post",
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

    /// "If you close your account, …": "if" before a moment Gallra knows (closing, cancelling,
    /// withdrawing, unsubscribing) is "when" that moment comes, and so is "om du" before
    /// inactivity ("om du inte har loggat in på 24 månader"), and "if" before an ending ("if your
    /// backup account expires", "if the contract ends"), whatever names the thing that ends. Before
    /// a state ("if you are a customer") it stays a condition, and the phrase is refused.
    static func conditionsThatAreMoments(_ tokens: [PhraseToken]) -> [PhraseToken] {
        var result = tokens
        for index in result.indices.dropLast() {
            guard case .obstacle(.condition, let words) = result[index].piece, ["if", "om du", "om ni"].contains(words)
            else { continue }
            if case .event(let event) = result[index + 1].piece,
                event == .lastActivity
                    || result[index + 1].words.range(of: momentVerbs, options: .regularExpression) != nil
            {
                result[index] = .init(piece: .when, words: result[index].words)
                continue
            }
            // "if your Spanning Backup account expires": names of the thing, then its ending.
            var next = index + 1
            while next < result.count, next <= index + 4, !result[next].piece.isMeaningful,
                result[next].piece != .comma
            {
                next += 1
            }
            guard words == "if", next < result.count, case .event = result[next].piece,
                result[next].words.range(of: endingVerbs, options: .regularExpression) != nil
            else { continue }
            result[index] = .init(piece: .when, words: result[index].words)
        }
        return result
    }

    private static let endingVerbs =
        "(?:expires|expired|has expired|ends|ended|has ended|terminates|terminated|has been terminated|is terminated|is closed|has been closed|closes|is cancell?ed|has been cancell?ed)$"

    private static let momentVerbs =
        "^(?:you )?(?:close|delete|cancel|withdraw|unsubscribe|opt out|object)\\b"
}
