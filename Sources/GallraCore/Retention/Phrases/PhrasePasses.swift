/// One reading of a phrase's tokens that depends on a word's neighbours rather than on the word
/// alone. `PhraseTokenizer.passes` lists them in the order they apply.
protocol PhrasePass {
    static func apply(_ tokens: [PhraseToken]) -> [PhraseToken]
}

/// "If you close your account": "if" before a moment Gallra knows is "when".
enum PhraseConditionsThatAreMoments: PhrasePass {
    static func apply(_ tokens: [PhraseToken]) -> [PhraseToken] { PhraseTokenizer.conditionsThatAreMoments(tokens) }
}

/// "Kontot raderas efter 24 månaders inaktivitet": the erasure, not the moment.
enum PhraseErasedAccounts: PhrasePass {
    static func apply(_ tokens: [PhraseToken]) -> [PhraseToken] { PhraseTokenizer.erasedAccounts(tokens) }
}

/// "Deleted content is removed within 60 days": counted from a deletion Gallra does not know.
enum PhraseDeletedThings: PhrasePass {
    static func apply(_ tokens: [PhraseToken]) -> [PhraseToken] { PhraseTokenizer.deletedThings(tokens) }
}

/// "fem år enligt penningtvättslagen": a law cited with no moment beside it.
enum PhraseCitedLaws: PhrasePass {
    static func apply(_ tokens: [PhraseToken]) -> [PhraseToken] { PhraseTokenizer.citedLaws(tokens) }
}

/// "extra data": "extra" before the name of something kept adds no period.
enum PhraseAddedThings: PhrasePass {
    static func apply(_ tokens: [PhraseToken]) -> [PhraseToken] { PhraseTokenizer.addedThings(tokens) }
}

/// "Bilagor till ärenden sparas 1 år", "Support tickets/messages: 24 months": a case or a ticket
/// named by its bare noun, with no word anywhere in the phrase that ties a period to a moment
/// ("efter", "när", "until", "+" …), names what is kept, not the moment it is kept from. A case
/// named with its closing ("efter att ärendet avslutats"), or any phrase with a marker of a
/// moment, keeps the event.
enum PhraseNamedThings: PhrasePass {
    static func apply(_ tokens: [PhraseToken]) -> [PhraseToken] {
        let tiesMoment = tokens.contains { [.after, .when, .until, .asLongAs, .plus].contains($0.piece) }
        guard !tiesMoment else { return tokens }
        return tokens.map { token in
            guard token.piece == .event(.caseClosed), token.words.range(of: thing, options: .regularExpression) != nil
            else { return token }
            return .init(piece: .filler(token.words), words: token.words)
        }
    }

    /// The bare nouns of the case event: no verb or noun of its closing.
    static let thing =
        "^(?:(?:the )?(?:support )?(?:cases?|tickets?|inquiry|enquiry|query)|\\p{L}*ärende(?:t|n|na|ts|nas)?)$"
}

/// "Recordings are kept for 31 days and then automatically deleted", "stored for 30 days, after
/// which they are overwritten": "and then", "after which" before the erasure itself add no period;
/// the erasure is what the rule does. "tio år därefter" and "and then 2 years" still add.
enum PhraseThenErased: PhrasePass {
    static func apply(_ tokens: [PhraseToken]) -> [PhraseToken] {
        var result = tokens
        for index in result.indices where result[index].piece == .plus && sequence.contains(result[index].words) {
            let rest = result[(index + 1)...].prefix { $0.piece != .comma }
            guard rest.allSatisfy({ !$0.piece.isMeaningful }),
                rest.contains(where: { erasure.contains($0.words) })
            else { continue }
            result[index] = .init(piece: .filler(result[index].words), words: result[index].words)
        }
        return result
    }

    static let sequence: Set<String> = [
        "and then", "after which", "after which time", "after which point", "at which point", "at which time",
        "following which", "whereafter", "och sedan", "sedan",
    ]

    static let erasure: Set<String> = [
        "deleted", "erased", "removed", "destroyed", "overwritten", "anonymised", "anonymized", "purged", "shredded",
        "raderas", "gallras", "förstörs", "anonymiseras", "avidentifieras", "makuleras", "rensas",
    ]
}

/// "för att kunna svara på frågor": why data is kept, not until when.
enum PhrasePurposeClauses: PhrasePass {
    static func apply(_ tokens: [PhraseToken]) -> [PhraseToken] { PhraseTokenizer.purposeClauses(tokens) }
}

/// "dormant for over two years": "over" is how long the inactivity lasts.
enum PhraseInactivityThresholds: PhrasePass {
    static func apply(_ tokens: [PhraseToken]) -> [PhraseToken] { PhraseTokenizer.inactivityThresholds(tokens) }
}

/// "until the order is complete": "when", "until", "as long as" before no moment Gallra knows.
enum PhraseUnnamedMoments: PhrasePass {
    static func apply(_ tokens: [PhraseToken]) -> [PhraseToken] { PhraseTokenizer.unnamedMoments(tokens) }
}

/// Where the rule needs a moment (after "efter", "från", "after", "from", "since", "until",
/// "by", "när", "when", "+" …), a word the lexicon does not know names a moment Gallra does not
/// know: "två år efter avslutad utbildning", "from the date of the hearing", "after the opening
/// of the case", "after the case hearing"; after "+" or "därefter" it names a period without its
/// number ("membership + a retention buffer").
enum PhraseMomentSlots: PhrasePass {
    static func apply(_ tokens: [PhraseToken]) -> [PhraseToken] {
        var result = tokens
        for index in result.indices where opensSlot(result[index]) {
            var next = index + 1
            var unknown: [Int] = []
            while next < result.count, !result[next].piece.isMeaningful, result[next].piece != .comma {
                if case .text = result[next].piece { unknown.append(next) }
                next += 1
            }
            if next < result.count, result[next].piece.isEvent, isUnknown(result, at: next + 1) {
                // "after the case hearing": the unknown word after the event names the moment.
                result[index] = .init(
                    piece: .obstacle(.unknownMoment, result[index...(next + 1)].map(\.words).joined(separator: " ")),
                    words: result[index].words)
                continue
            }
            guard let last = unknown.last else {
                // "After this period, …": "after" with nothing after it but filler counts from
                // nothing the phrase names.
                if result[index].piece == .after, next < result.count, result[next].piece == .comma {
                    result[index] = .init(
                        piece: .obstacle(.unknownMoment, result[index].words), words: result[index].words)
                }
                continue
            }
            let shown = result[index...min(last, index + 3)].map(\.words)
            let words = shown.joined(separator: " ") + (last > index + 3 ? " …" : "")
            result[index] = .init(piece: .obstacle(.unknownMoment, words), words: result[index].words)
        }
        return result
    }

    /// "by" is a filler of its own; the markers of a moment are pieces.
    static func opensSlot(_ token: PhraseToken) -> Bool {
        switch token.piece {
        case .after, .when, .until, .asLongAs, .plus: return true
        case .filler, .text: return slotWords.contains(token.words)
        default: return false
        }
    }

    static let slotWords: Set<String> = ["by"]

    private static func isUnknown(_ tokens: [PhraseToken], at index: Int) -> Bool {
        guard index < tokens.count, case .text = tokens[index].piece else { return false }
        return true
    }
}

/// "Five years/end of legal action", "projektets slut + 1 år": the end of something the lexicon
/// does not know is a moment Gallra does not know, wherever it stands. An end the lexicon knows
/// ("the end of the contract") is read whole as its event and never reaches this pass.
enum PhraseUnnamedEnds: PhrasePass {
    static func apply(_ tokens: [PhraseToken]) -> [PhraseToken] {
        var result = tokens
        for index in result.indices {
            guard case .filler = result[index].piece, endWords.contains(result[index].words) else { continue }
            let before = (0..<index).reversed().first { !linking.contains(result[$0].words) }
            var after: Int? = nil
            var next = index + 1
            while next < result.count, next <= index + 4 {
                if case .filler = result[next].piece {
                    next += 1
                    continue
                }
                after = next
                break
            }
            let unknownBefore = before.map { isUnknown(result[$0]) } ?? false
            let unknownAfter = after.map { isUnknown(result[$0]) } ?? false
            guard unknownBefore || unknownAfter else { continue }
            let from = unknownBefore ? before! : index
            let to = unknownAfter ? after! : index
            let words = result[from...to].map(\.words).joined(separator: " ")
            result[index] = .init(piece: .obstacle(.unknownMoment, words), words: result[index].words)
        }
        return result
    }

    private static func isUnknown(_ token: PhraseToken) -> Bool {
        if case .text = token.piece { return true }
        return false
    }

    static let endWords: Set<String> = [
        "end", "ends", "ended", "closure", "completion", "termination", "expiry", "expiration", "conclusion",
        "slut", "slutet", "avslut", "avslutet", "avslutning", "avslutningen", "upphörande", "upphörandet",
        "utgång", "utgången",
    ]

    private static let linking: Set<String> = ["the", "a", "an", "of", "av", "den", "det"]
}
