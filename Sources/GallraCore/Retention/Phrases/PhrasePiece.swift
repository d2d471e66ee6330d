/// What one stretch of a retention phrase means to the reader.
enum PhrasePiece: Hashable, Sendable {
    case duration(RetentionDuration)
    case event(EventName)
    /// "+", "plus", "ytterligare", "därefter", "thereafter": a period added to what came before.
    case plus
    /// "efter", "från", "after", "from": a period counted from what comes next.
    case after
    /// "när", "då", "when", "once", "upon": the event that follows is the moment counting starts.
    case when
    /// "max", "högst", "som längst", "at most", "up to": an upper bound.
    case cap
    /// "alternativt", "eller", "or".
    case either
    /// "det som inträffar först", "whichever comes first".
    case firstOf
    /// "det som inträffar sist", "whichever comes last".
    case lastOf
    /// "tills", "until".
    case until
    /// "så länge", "under", "as long as", "during".
    case asLongAs
    case and
    /// "Ingen", "sparas inte", "not stored".
    case none
    /// Bokföringslagen (1999:1078) / the Swedish Accounting Act.
    case accountingAct
    /// "utgången av det kalenderår", "the end of the calendar year".
    case calendarYearEnd
    /// "det sjunde året", "the seventh year".
    case ordinalYear(Int)
    /// "sju hela kalenderår", "three years plus current": the end of the year of collection
    /// plus this many years.
    case calendarYears(Int)
    /// Wording that stops the reader: a minimum, an estimate, a usual case, an exception …
    case obstacle(PhraseObstacle, String)
    /// "tre (4) månader": the words and the digits disagree.
    case conflict(String)
    case comma
    /// Words on the closed list of wording that carries no meaning for the day ("sparas", "the").
    case filler(String)
    /// Words of a purpose clause ("för att kunna svara på frågor"): why data is kept, not until when.
    case purpose(String)
    /// A long word one letter away from a word of the closed list ("inkommand").
    case misspelling(of: String)
    /// "kontot raderas" before its period: the erasure the rule performs, not a moment.
    case erasure(String)
    /// "over" after inactivity ("dormant for over two years"): how long the inactivity lasts.
    case inactivityThreshold(String)
    /// Words outside the lexicon: they name what is kept, who keeps it or why, and cannot move the
    /// day; standing where a moment belongs they refuse the phrase (`PhraseMomentSlots`).
    case text(String)

    var isMarker: Bool {
        switch self {
        case .plus, .after, .when, .cap, .either, .firstOf, .lastOf, .until, .asLongAs, .and, .comma: return true
        default: return false
        }
    }

    /// Whether the piece carries structure or meaning (not filler, not a comma).
    var isMeaningful: Bool {
        switch self {
        case .filler, .purpose, .inactivityThreshold, .misspelling, .erasure, .text, .comma: return false
        default: return true
        }
    }
}

/// One stretch of the phrase as written, and what the reader made of it.
struct PhraseToken: Hashable, Sendable {
    let piece: PhrasePiece
    let words: String
}
