/// What the phrase reader made of a retention phrase.
public enum PhraseReading: Hashable, Sendable {
    case rule(RetentionRule)
    /// The phrase cannot be read with confidence; the reason says what was not understood.
    case refused(reason: String)

    public var rule: RetentionRule? {
        if case .rule(let rule) = self { return rule }
        return nil
    }
}

/// Turns retention wording from real registers ("Avtalstiden + 1 år", "5 years after the customer
/// relationship has ended") into a rule, or refuses with a reason. It never guesses: a phrase
/// that does not fix the day data is erased is refused, because a wrong guess erases data on the
/// wrong day.
public struct RetentionPhraseReader: Sendable {
    private let tokenizer: PhraseTokenizer

    /// - Parameters:
    ///   - language: read only Swedish or only English wording; nil reads both.
    ///   - declaredEvents: a register's own events, recognised by their names.
    public init(language: Language? = nil, declaredEvents: [EventDefinition] = []) {
        tokenizer = PhraseTokenizer(
            languages: language.map { [$0] } ?? Set(Language.allCases), declaredEvents: declaredEvents)
    }

    /// Whether the phrase says from when its period runs (an event, a year's end, "until" …)
    /// rather than giving a bare period ("60 dagar").
    public func namesStartingPoint(_ phrase: String) -> Bool {
        tokenizer.pieces(of: phrase).contains { piece in
            switch piece {
            case .event, .accountingAct, .calendarYearEnd, .ordinalYear, .until, .asLongAs, .none: return true
            default: return false
            }
        }
    }

    public func read(_ phrase: String) -> PhraseReading {
        let pieces = tokenizer.pieces(of: phrase)
        do {
            return .rule(try PhraseInterpretation(pieces: pieces).rule())
        } catch {
            return .refused(reason: error.reason)
        }
    }
}

struct PhraseRefusal: Error {
    let reason: String
}

/// The structure of a phrase: clauses joined by "or" and capped by "at most".
struct PhraseInterpretation {
    var pieces: [PhrasePiece]

    func rule() throws(PhraseRefusal) -> RetentionRule {
        for piece in pieces {
            switch piece {
            case .conflict(let words):
                throw PhraseRefusal(reason: "\"\(words)\": the number in words and the number in digits disagree")
            case .vague(let words):
                throw PhraseRefusal(reason: "\"\(words)\" does not fix a day on which the data is erased")
            case .unknownMoment(let words):
                throw PhraseRefusal(
                    reason:
                        "\"\(words)\" is not an event Gallra knows; declare it as an event of the register, or reword the retention"
                )
            default: continue
            }
        }
        let meaningful = pieces.filter { if case .text = $0 { return false } else { return $0 != .comma } }
        let events = meaningful.compactMap { if case .event(let name) = $0 { return name } else { return nil } }
        let hasDuration = meaningful.contains { if case .duration = $0 { return true } else { return false } }
        if meaningful.contains(.none) && !hasDuration && events.allSatisfy({ $0 == .collected }) { return .none }
        if meaningful.contains(.accountingAct) || meaningful.contains(.calendarYearEnd) {
            return .expression(try bookkeeping(events: events))
        }
        if meaningful.contains(where: { if case .ordinalYear = $0 { return true } else { return false } }) {
            throw PhraseRefusal(
                reason:
                    "a year counted by its order (\"det sjunde året\") only reads with \"the end of the calendar year\""
            )
        }
        guard hasDuration || !events.isEmpty else {
            throw PhraseRefusal(reason: "it names no period and no event to count from")
        }
        return .expression(try combined())
    }

    /// Bokföringslagen (1999:1078) 7 kap. 2 §: kept until the end of the seventh year after the
    /// end of the calendar year in which the financial year ended.
    private func bookkeeping(events: [EventName]) throws(PhraseRefusal) -> RetentionExpression {
        let others = Set(events).subtracting([.fiscalYearEnd, .collected])
        let cites = pieces.contains(.accountingAct)
        if cites && !others.isEmpty {
            throw PhraseRefusal(
                reason:
                    "it combines the Accounting Act with \(others.map(\.rawValue).sorted().joined(separator: ", ")): two periods in one; split the activity in two"
            )
        }
        guard others.count <= 1 else {
            throw PhraseRefusal(reason: "it names more than one event before the end of the calendar year")
        }
        var years: [Int] = []
        for piece in pieces {
            switch piece {
            case .ordinalYear(let n): years.append(n)
            case .duration(let duration) where duration.unit == .years: years.append(duration.amount)
            case .duration(let duration):
                throw PhraseRefusal(
                    reason: "\(duration) is not a whole number of years after the end of a calendar year")
            default: continue
            }
        }
        guard Set(years).count <= 1 else { throw PhraseRefusal(reason: "it names more than one number of years") }
        let anchor = others.first ?? (cites || events.contains(.fiscalYearEnd) ? .fiscalYearEnd : .collected)
        let base = RetentionExpression.endOfYear(.event(anchor))
        let count = years.first ?? 7
        return count == 0 ? base : base + .years(count)
    }

    /// Clauses split at "at most", each a group split at "or"; the caps take the earliest.
    private func combined() throws(PhraseRefusal) -> RetentionExpression {
        let parts = split(cleaned(), at: [.cap])
        var expressions: [RetentionExpression] = []
        for part in parts.filter({ !$0.isEmpty }) {
            expressions.append(try alternatives(part))
        }
        guard let first = expressions.first else {
            throw PhraseRefusal(reason: "it names no period and no event to count from")
        }
        if expressions.count == 1 { return first }
        return .earliest(
            expressions.flatMap { if case .earliest(let inner) = $0 { return inner } else { return [$0] } })
    }

    /// Drops markers that carry no structure here: "därefter som längst 36 månader" is a plain
    /// addition, a leading "högst" bounds nothing, and "kund eller leverantör" is one alternative.
    private func cleaned() -> [PhrasePiece] {
        var result: [PhrasePiece] = []
        for (index, piece) in pieces.enumerated() {
            let before = result.last { if case .text = $0 { return false } else { return $0 != .comma } }
            if piece == .cap && (before == nil || before == .plus || before == .after) { continue }
            if piece == .either {
                let next = pieces[(index + 1)...].first { if case .text = $0 { return false } else { return true } }
                let leftHasContent = result.contains { $0.isContent }
                let rightHasContent = next.map { $0.isContent || $0 == .until || $0 == .asLongAs } ?? false
                if !leftHasContent || !rightHasContent { continue }
            }
            result.append(piece)
        }
        return result
    }

    private func alternatives(_ part: [PhrasePiece]) throws(PhraseRefusal) -> RetentionExpression {
        let clauses = split(part, at: [.either]).filter { clause in clause.contains { $0.isContent } }
        let expressions = try clauses.map { (clause) throws(PhraseRefusal) in
            try PhraseClause(pieces: clause).expression()
        }
        guard expressions.count > 1 else {
            guard let only = expressions.first else {
                throw PhraseRefusal(reason: "a part of it names no period and no event")
            }
            return only
        }
        if part.contains(.firstOf) { return .earliest(expressions) }
        if part.contains(.lastOf) { return .latest(expressions) }
        // "Until A or until B": whichever comes first.
        if part.contains(.until) { return .earliest(expressions) }
        // "As long as A, or as long as B": kept while either holds, so until the later of the two.
        if clauses.allSatisfy({ $0.contains(.asLongAs) }) { return .latest(expressions) }
        throw PhraseRefusal(reason: "it says \"or\" between two periods without saying whichever comes first or last")
    }

    private func split(_ pieces: [PhrasePiece], at markers: Set<PhrasePiece>) -> [[PhrasePiece]] {
        var parts: [[PhrasePiece]] = [[]]
        for piece in pieces {
            if markers.contains(piece) { parts.append([]) } else { parts[parts.count - 1].append(piece) }
        }
        return parts
    }
}

extension PhrasePiece {
    var isContent: Bool {
        switch self {
        case .event, .duration: return true
        default: return false
        }
    }
}
