/// What one stretch of a retention phrase means to the reader.
enum PhrasePiece: Hashable, Sendable {
    case duration(RetentionDuration)
    case event(EventName)
    /// "+", "plus", "ytterligare", "därefter", "thereafter": a period added to what came before.
    case plus
    /// "efter", "från", "after", "from": a period counted from what comes next.
    case after
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
    /// Wording that does not fix a day: "så länge det behövs", "as long as needed".
    case vague(String)
    /// A moment that is not an event Gallra knows ("avtalets tecknande", "the warranty period").
    case unknownMoment(String)
    /// "tre (4) månader": the words and the digits disagree.
    case conflict(String)
    case comma
    /// Words the lexicon does not know, kept to explain a refusal.
    case text(String)

    var isMarker: Bool {
        switch self {
        case .plus, .after, .cap, .either, .firstOf, .lastOf, .until, .asLongAs, .and, .comma: return true
        default: return false
        }
    }
}
