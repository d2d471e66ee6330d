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
        let languages = language.map { [$0] } ?? Set(Language.allCases)
        tokenizer =
            declaredEvents.isEmpty
            ? PhraseTokenizer.shared(languages) : PhraseTokenizer(languages: languages, declaredEvents: declaredEvents)
    }

    /// Whether the phrase says from when its period runs (an event, a year's end, "until" …)
    /// rather than giving a bare period ("60 dagar").
    public func namesStartingPoint(_ phrase: String) -> Bool {
        tokenizer.pieces(of: phrase).contains { piece in
            switch piece {
            case .event, .accountingAct, .calendarYearEnd, .ordinalYear, .calendarYears, .until, .asLongAs, .none:
                return true
            default: return false
            }
        }
    }

    /// - Parameter language: the language of the reason given for a refusal.
    public func read(_ phrase: String, reasonsIn language: Language = .en) -> PhraseReading {
        // A retention period is said in a sentence or two; a cell longer than this is not one, and
        // is not read through (every pass is then bounded by it).
        guard phrase.utf8.count <= Self.longestPhrase else {
            let reason = LocalizedText(
                sv: "för lång för att vara en lagringstid (över \(Self.longestPhrase) tecken)",
                en: "too long to be a retention period (over \(Self.longestPhrase) characters)")
            return .refused(reason: reason[language])
        }
        do {
            return .rule(try PhraseInterpretation(pieces: tokenizer.pieces(of: phrase)).rule())
        } catch {
            return .refused(reason: error.reason[language])
        }
    }

    /// The longest phrase read, in bytes of UTF-8.
    public static let longestPhrase = 2_000

    /// How each stretch of the phrase was placed, in order, for `gallra retention parse --explain`.
    public func explain(_ phrase: String) -> [PhrasePlacement] {
        tokenizer.tokens(of: phrase).map { PhrasePlacement(words: $0.words, placement: $0.piece.placement) }
    }
}

/// One stretch of a phrase and how the reader placed it.
public struct PhrasePlacement: Hashable, Sendable {
    public let words: String
    public let placement: String
}

struct PhraseRefusal: Error {
    let reason: LocalizedText

    init(_ reason: LocalizedText) {
        self.reason = reason
    }

    init(sv: String, en: String) {
        reason = LocalizedText(sv: sv, en: en)
    }
}

/// The structure of a phrase: clauses joined by "or" and capped by "at most".
struct PhraseInterpretation {
    var pieces: [PhrasePiece]

    func rule() throws(PhraseRefusal) -> RetentionRule {
        if let restated = try restatement() { return restated }
        for piece in pieces {
            switch piece {
            case .conflict(let words):
                throw PhraseRefusal(
                    sv: "\"\(words)\": talet i ord och talet i siffror stämmer inte överens",
                    en: "\"\(words)\": the number in words and the number in digits disagree")
            case .obstacle(let obstacle, let words):
                throw PhraseRefusal(obstacle.reason(words))
            default: continue
            }
        }
        let unknown = pieces.compactMap { if case .text(let words) = $0 { return "\"\(words)\"" } else { return nil } }
        let trailing = trailingUnknown()
        let reading: RetentionRule
        do {
            reading = try structure()
        } catch {
            // Say what the structure lacks first ("two periods in one"), and the words besides.
            guard !unknown.isEmpty else { throw error }
            let unknown = unknown.joined(separator: ", ")
            throw PhraseRefusal(
                sv: "\(error.reason[.sv]); dessutom förstods inte: \(unknown)",
                en: "\(error.reason[.en]); besides, not understood: \(unknown)")
        }
        // Words outside the lexicon name what is kept, who keeps it or why: the closed class of
        // wording that moves the day is all in the lexicon, and a word standing where a moment
        // belongs is refused by `PhraseMomentSlots`. They are read as names where names stand:
        // before the period or moment ("Lagringstid:", "Whistleblowing reports are …"), and
        // after wording that says why ("in line with regulations"). Elsewhere after the period
        // begins an unknown word is as likely a qualifier of the period or of its moment ("after
        // the opening of the case") as a name, and is refused: read on the held-back part, letting
        // such words pass read three more rules and guessed four more.
        guard trailing.isEmpty else {
            throw PhraseRefusal(
                sv: "förstods inte: \(trailing.joined(separator: ", "))",
                en: "not understood: \(trailing.joined(separator: ", "))")
        }
        return reading
    }

    /// "i två år efter avslutat ärende, det vill säga till och med två år efter att ärendet
    /// avslutats": a period said twice. Read only when both sides give the same rule; nil when
    /// one side names no period or event ("anteckningar, det vill säga arbetsmaterial, …").
    private func restatement() throws(PhraseRefusal) -> RetentionRule? {
        guard
            let index = pieces.firstIndex(where: {
                if case .filler(let words) = $0 { return Self.restating.contains(words) } else { return false }
            })
        else { return nil }
        let left = Array(pieces[..<index])
        let right = Array(pieces[(index + 1)...])
        guard left.contains(where: \.isContent), right.contains(where: \.isContent) else { return nil }
        // Said a third time is not a restatement a reader follows (and is not read by recursion).
        guard
            !right.contains(where: {
                if case .filler(let words) = $0 { return Self.restating.contains(words) } else { return false }
            })
        else {
            throw PhraseRefusal(
                sv: "den säger perioden mer än två gånger", en: "it says the period more than twice")
        }
        let first = try PhraseInterpretation(pieces: left).rule()
        let second = try PhraseInterpretation(pieces: right).rule()
        guard first == second else {
            throw PhraseRefusal(
                sv: "den säger en period (\(first)) och sedan en annan (\(second)) som om de vore samma",
                en: "it says one period (\(first)) and then another (\(second)) as if they were the same")
        }
        return first
    }

    /// "det vill säga", "dvs", "i.e.": what follows says again what came before.
    static let restating: Set<String> = ["det vill säga", "dvs", "d.v.s", "i.e", "that is to say"]

    /// The unknown words after the first piece that carries meaning, other than those after
    /// wording that says why.
    private func trailingUnknown() -> [String] {
        guard let first = pieces.firstIndex(where: { $0.isMeaningful }) else { return [] }
        var found: [String] = []
        var why = false
        for index in pieces.indices where index > first {
            // "in line with regulations", "as part of our fraud prevention strategy": after
            // wording that says why, up to the next comma, the words name the reason.
            if case .filler(let words) = pieces[index], Self.whyOpeners.contains(words) { why = true }
            if pieces[index] == .comma || pieces[index].isMarker { why = false }
            guard case .text(let words) = pieces[index], !why else { continue }
            found.append("\"\(words)\"")
        }
        return found
    }

    private static let whyOpeners: Set<String> = [
        "in line with", "according to", "pursuant to", "in accordance with", "as part of", "for the purpose of",
        "for the purposes of", "as required by", "required by", "due to", "based on", "to comply with", "enligt",
        "i enlighet med", "på grund av", "som en del av",
    ]

    /// The rule the phrase's structure gives, the words the reader does not know set aside.
    private func structure() throws(PhraseRefusal) -> RetentionRule {
        let meaningful = pieces.filter(\.isMeaningful)
        let events = meaningful.compactMap { if case .event(let name) = $0 { return name } else { return nil } }
        let hasDuration = meaningful.contains { if case .duration = $0 { return true } else { return false } }
        if meaningful.contains(.none) && !hasDuration && events.allSatisfy({ $0 == .collected }) { return .none }
        if let years = meaningful.lazy.compactMap({
            if case .calendarYears(let n) = $0 { return n } else { return nil }
        })
        .first {
            return .expression(try wholeCalendarYears(years, events: events, hasDuration: hasDuration))
        }
        if meaningful.contains(.accountingAct) || meaningful.contains(.calendarYearEnd) {
            return .expression(try bookkeeping(events: events))
        }
        if meaningful.contains(where: { if case .ordinalYear = $0 { return true } else { return false } }) {
            throw PhraseRefusal(
                sv: "ett år räknat i ordning (\"det sjunde året\") läses bara med \"kalenderårets slut\"",
                en: "a year counted by its order (\"det sjunde året\") only reads with \"the end of the calendar year\""
            )
        }
        guard hasDuration || !events.isEmpty else {
            throw PhraseRefusal(
                sv: "den nämner ingen period och ingen händelse att räkna från",
                en: "it names no period and no event to count from")
        }
        return .expression(try combined())
    }

    /// Bokföringslagen (1999:1078) 7 kap. 2 §: kept until the end of the seventh year after the
    /// end of the calendar year in which the financial year ended.
    private func bookkeeping(events: [EventName]) throws(PhraseRefusal) -> RetentionExpression {
        let others = Set(events).subtracting([.fiscalYearEnd, .collected])
        let cites = pieces.contains(.accountingAct)
        // "två år eller så länge bokföringslagen anger": which of the two, the words do not say.
        if pieces.contains(.either) && !pieces.contains(.firstOf) && !pieces.contains(.lastOf) {
            throw PhraseRefusal(
                sv: "den säger \"eller\" mellan bokföringslagens period och en annan",
                en: "it says \"or\" between the Accounting Act's period and another")
        }
        if cites && !others.isEmpty {
            let others = others.map(\.rawValue).sorted().joined(separator: ", ")
            throw PhraseRefusal(
                sv: "den kombinerar bokföringslagen med \(others): två perioder i en; dela aktiviteten i två",
                en: "it combines the Accounting Act with \(others): two periods in one; split the activity in two")
        }
        guard others.count <= 1 else {
            throw PhraseRefusal(
                sv: "den nämner mer än en händelse före kalenderårets slut",
                en: "it names more than one event before the end of the calendar year")
        }
        var years: [Int] = []
        for piece in pieces {
            switch piece {
            case .ordinalYear(let n): years.append(n)
            case .duration(let duration) where duration.unit == .years: years.append(duration.amount)
            case .duration(let duration):
                throw PhraseRefusal(
                    sv: "\(duration) är inte ett helt antal år efter ett kalenderårs slut",
                    en: "\(duration) is not a whole number of years after the end of a calendar year")
            default: continue
            }
        }
        guard Set(years).count <= 1 else {
            throw PhraseRefusal(sv: "den nämner mer än ett antal år", en: "it names more than one number of years")
        }
        let anchor = others.first ?? (cites || events.contains(.fiscalYearEnd) ? .fiscalYearEnd : .collected)
        let base = RetentionExpression.endOfYear(.event(anchor))
        let count = years.first ?? 7
        return count == 0 ? base : base + .years(count)
    }

    /// "sju hela kalenderår", "three years plus current": the end of the year the data was
    /// collected in, plus the whole years.
    private func wholeCalendarYears(_ years: Int, events: [EventName], hasDuration: Bool) throws(PhraseRefusal)
        -> RetentionExpression
    {
        guard !hasDuration, events.allSatisfy({ $0 == .collected }) else {
            throw PhraseRefusal(
                sv: "den räknar hela kalenderår tillsammans med en annan period eller händelse",
                en: "it counts whole calendar years together with another period or event")
        }
        let base = RetentionExpression.endOfYear(.event(.collected))
        return years == 0 ? base : base + .years(years)
    }

    /// Clauses split at "at most", each a group split at "or"; the caps take the earliest.
    private func combined() throws(PhraseRefusal) -> RetentionExpression {
        let pieces = cleaned()
        let parts = split(pieces, at: [.cap])
        let staged = secondStages(pieces)
        var expressions: [RetentionExpression] = []
        var previousPart: [PhrasePiece] = []
        for (index, part) in parts.enumerated() where part.contains(where: \.isContent) {
            if staged.contains(index), let previous = expressions.last,
                let stage = try secondStage(part, after: previous, introducedBy: previousPart)
            {
                expressions[expressions.count - 1] = stage
            } else {
                expressions.append(try alternatives(part))
            }
            previousPart = part
        }
        guard let first = expressions.first else {
            throw PhraseRefusal(
                sv: "den nämner ingen period och ingen händelse att räkna från",
                en: "it names no period and no event to count from")
        }
        if expressions.count == 1 { return first }
        let caps = expressions.flatMap { if case .earliest(let inner) = $0 { return inner } else { return [$0] } }
        // "Inactive accounts: up to 2 years after last activity": an event capped by a period
        // counted from that same event would be the event itself; the bare event names the data.
        let counted = Set(
            caps.compactMap { if case .shifted(.event(let name), _) = $0 { return name } else { return nil } })
        let kept = caps.filter { if case .event(let name) = $0 { return !counted.contains(name) } else { return true } }
        return kept.count == 1 ? kept[0] : .earliest(kept)
    }

    /// The parts (as split at "at most") that follow "and" before their bound: "deleted when the
    /// assignment ends, and within 3 months at the latest" adds a second stage to what came before
    /// rather than bounding it.
    private func secondStages(_ pieces: [PhrasePiece]) -> Set<Int> {
        var staged: Set<Int> = []
        var part = 0
        for (index, piece) in pieces.enumerated() where piece == .cap {
            part += 1
            if pieces[..<index].last(where: { $0 != .comma }) == .and { staged.insert(part) }
        }
        return staged
    }

    /// A second stage, or nil where the part bounds what came before after all. Its period counts
    /// from the event before it when that event says when data is erased ("deleted when the
    /// assignment ends, and within 3 months at the latest"); "until you unsubscribe and at most
    /// 2 years" bounds instead. Named again, the same event counts ("as long as you are a customer
    /// and up to 3 years after the relationship ends"); collection bounds; another event leaves
    /// open which of the two counts.
    private func secondStage(
        _ part: [PhrasePiece], after previous: RetentionExpression, introducedBy previousPart: [PhrasePiece]
    ) throws(PhraseRefusal) -> RetentionExpression? {
        let events = Set(part.compactMap { if case .event(let name) = $0 { return name } else { return nil } })
        guard events != [.collected] else { return nil }
        guard case .event(let anchor) = previous else {
            // "2 years after collection, and up to 5 years after the contract ends": two moments,
            // and nothing says which counts.
            let earlier = Set(previous.events).subtracting([.collected])
            guard !events.isEmpty, !events.isSubset(of: earlier) else { return nil }
            let names = Set(previous.events).union(events).map(\.rawValue).sorted()
            throw PhraseRefusal(
                sv: "den nämner flera händelser (\(names.joined(separator: ", "))) utan att säga hur de hänger ihop",
                en: "it names several events (\(names.joined(separator: ", "))) without saying how they combine")
        }
        if events.isEmpty {
            // "… and up to 12 months after", "… and at most 2 years thereafter" say so themselves;
            // "at most 1 year plus 6 months" is one length.
            let trailingPlus = part.lastIndex(of: .plus).flatMap { plus in
                part[plus...].contains(where: \.isDuration) ? nil : plus
            }
            guard previousPart.contains(.when) || trailingPlus != nil else { return nil }
            var stage = part
            if let trailingPlus { stage.remove(at: trailingPlus) }
            return try alternatives([.event(anchor), .plus] + stage)
        }
        guard events == [anchor] else {
            let names = ([anchor] + events.sorted { $0.rawValue < $1.rawValue }).map(\.rawValue)
            throw PhraseRefusal(
                sv: "den nämner flera händelser (\(names.joined(separator: ", "))) utan att säga hur de hänger ihop",
                en: "it names several events (\(names.joined(separator: ", "))) without saying how they combine")
        }
        return try alternatives(part)
    }

    /// Drops markers that carry no structure here: "därefter som längst 36 månader" is a plain
    /// addition, a leading "högst" bounds nothing, and "kund eller leverantör" is one alternative.
    private func cleaned() -> [PhrasePiece] {
        // "tio år därefter" adds the period before it; "fyra veckor, därefter raderas materialet"
        // and "förstörs därefter" add nothing: only a "därefter" right after its period counts.
        let raw = self.pieces
        let pieces = raw.indices.filter { index in
            let piece = raw[index]
            if piece == .plus && !Self.contentFollows(raw[(index + 1)...]) {
                return index > 0 && raw[index - 1].isDuration
            }
            return piece.isMeaningful || piece == .comma
        }.map { raw[$0] }
        var result: [PhrasePiece] = []
        for (index, piece) in pieces.enumerated() {
            let before = result.last { $0 != .comma }
            let contentBefore = result.filter(\.isContent)
            // A leading "högst" bounds nothing, and neither does one right after "efter <event>":
            // "efter avslutat hyresavtal … i upp till två år" counts the period from the event.
            let afterIntroducedEvent =
                contentBefore.count == 1 && contentBefore[0].isEvent
                && result.contains { $0 == .after || $0 == .when }
            if piece == .cap
                && (contentBefore.isEmpty || before == .plus || before == .after || before == .when
                    || afterIntroducedEvent)
            {
                continue
            }
            if piece == .either {
                let next = pieces[(index + 1)...].first { $0 != .comma }
                let leftHasContent = result.contains { $0.isContent }
                // "until consent is withdrawn or after 3 years of inactivity": a second moment.
                let opensMoment = next.map { [.until, .asLongAs, .after, .when].contains($0) } ?? false
                let rightHasContent =
                    (next?.isContent ?? false) || (opensMoment && Self.contentFollows(pieces[(index + 1)...]))
                if !leftHasContent || !rightHasContent { continue }
            }
            result.append(piece)
        }
        return result
    }

    /// Whether a period or an event comes before the next "or" ("därefter som längst 36 månader").
    private static func contentFollows(_ rest: ArraySlice<PhrasePiece>) -> Bool {
        for piece in rest {
            if piece.isContent { return true }
            if piece == .either { return false }
        }
        return false
    }

    private func alternatives(_ part: [PhrasePiece]) throws(PhraseRefusal) -> RetentionExpression {
        let clauses = split(part, at: [.either]).filter { clause in clause.contains { $0.isContent } }
        let expressions = try clauses.map { (clause) throws(PhraseRefusal) in
            try PhraseClause(pieces: clause).expression()
        }
        guard expressions.count > 1 else {
            guard let only = expressions.first else {
                throw PhraseRefusal(
                    sv: "en del av den nämner ingen period och ingen händelse",
                    en: "a part of it names no period and no event")
            }
            return only
        }
        if part.contains(.firstOf) { return .earliest(expressions) }
        if part.contains(.lastOf) { return .latest(expressions) }
        // "Until A or until B": whichever comes first.
        if part.contains(.until) { return .earliest(expressions) }
        // "As long as A, or as long as B": kept while either holds, so until the later of the two.
        if clauses.allSatisfy({ $0.contains(.asLongAs) }) { return .latest(expressions) }
        throw PhraseRefusal(
            sv: "den säger \"eller\" mellan två perioder utan att säga vilken som kommer först eller sist",
            en: "it says \"or\" between two periods without saying whichever comes first or last")
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
    /// How `--explain` describes the piece.
    var placement: String {
        switch self {
        case .duration(let duration): return "a period of \(duration)"
        case .event(let name): return "the event \(name)"
        case .plus: return "adds a period to the moment before it"
        case .after: return "counts from what follows"
        case .when: return "the event that follows starts the count"
        case .cap: return "an upper bound"
        case .either: return "or"
        case .firstOf: return "whichever comes first"
        case .lastOf: return "whichever comes last"
        case .until: return "until"
        case .asLongAs: return "as long as"
        case .and: return "and"
        case .none: return "not kept"
        case .accountingAct: return "the Accounting Act (Bokföringslagen 7 kap. 2 §)"
        case .calendarYearEnd: return "the end of the calendar year"
        case .ordinalYear(let n): return "year number \(n)"
        case .calendarYears(let n): return "the end of the year of collection + \(n)y"
        case .obstacle(let obstacle, _): return "\(obstacle.label): refused"
        case .conflict: return "the words and the digits disagree: refused"
        case .comma: return "punctuation"
        case .filler: return "carries no meaning for the day"
        case .purpose: return "the purpose: carries no meaning for the day"
        case .inactivityThreshold: return "how long the inactivity lasts"
        case .erasure: return "the erasure itself, not a moment: carries no meaning for the day"
        case .misspelling(let word): return "\"\(word)\" misspelt: carries no meaning for the day"
        case .text: return "names what is kept, who keeps it or why: carries no meaning for the day"
        }
    }

    var isDuration: Bool {
        if case .duration = self { return true }
        return false
    }

    var isEvent: Bool {
        if case .event = self { return true }
        return false
    }

    var isContent: Bool {
        switch self {
        case .event, .duration: return true
        default: return false
        }
    }
}
