/// The words and phrases the retention phrase reader knows, in Swedish and English.
/// Patterns are regular expressions over lower-cased text; each is matched as whole words.
struct PhraseLexicon {
    enum Meaning {
        case piece(PhrasePiece)
        case event(EventName)
        /// A number and a unit: groups 1 (number), 2 (digits in parentheses, optional), 3 (unit).
        case duration
        /// A range "1-365 dagar": groups 1 and 2 (numbers), 3 (unit); the upper bound is kept.
        case range
        case ordinalYear
    }

    struct Entry {
        let languages: Set<Language>
        let pattern: String
        let meaning: Meaning
    }

    static let both: Set<Language> = [.sv, .en]

    static func units(for languages: Set<Language>) -> String {
        var units: [String] = []
        if languages.contains(.sv) {
            units += [
                "år", "åren", "års", "månader", "månaderna", "månad", "mån", "mnd", "veckor", "vecka", "dagar",
                "dagarna", "dag", "dygn", "timmar", "timme", "tim",
            ]
        }
        if languages.contains(.en) {
            units += [
                "years", "year", "yrs", "yr", "months", "month", "mths", "weeks", "week", "wks", "days", "day", "hours",
                "hour", "hrs",
            ]
        }
        units += ["mo", "y", "w", "d", "h"]
        return units.sorted { $0.count > $1.count }.joined(separator: "|")
    }

    static func unit(_ word: String) -> RetentionDuration.Unit? {
        switch word {
        case "år", "åren", "års", "years", "year", "yrs", "yr", "y": return .years
        case "månader", "månaderna", "månad", "mån", "mnd", "months", "month", "mths", "mo": return .months
        case "veckor", "vecka", "weeks", "week", "wks", "w": return .weeks
        case "dagar", "dagarna", "dag", "dygn", "days", "day", "d": return .days
        case "timmar", "timme", "tim", "hours", "hour", "hrs", "h": return .hours
        default: return nil
        }
    }

    static func entries(for languages: Set<Language>) -> [Entry] {
        let number = "(\(PhraseNumbers.pattern(for: languages)))"
        let unit = "(\(units(for: languages)))"
        let ordinals = (Array(PhraseNumbers.swedishOrdinals.keys) + PhraseNumbers.englishOrdinals.keys).joined(
            separator: "|")
        let structural: [Entry] = [
            .init(languages: both, pattern: "\(number)\\s*(?:\\(\\s*(\\d+)\\s*\\)\\s*)?\(unit)", meaning: .duration),
            .init(languages: both, pattern: "\(number)\\s*(?:-|till|to)\\s*\(number)\\s*\(unit)", meaning: .range),
            .init(
                languages: both, pattern: "(?:mellan|between)\\s+\(number)\\s+(?:och|and)\\s+\(number)\\s+\(unit)",
                meaning: .range),
            .init(languages: [.sv], pattern: "(?:ett )?halvår", meaning: .piece(.duration(.months(6)))),
            .init(languages: [.en], pattern: "half a year", meaning: .piece(.duration(.months(6)))),
            .init(languages: both, pattern: "(?:det|the) (\(ordinals)) (?:året|year)", meaning: .ordinalYear),
        ]
        return structural + markers + events + limits
    }

    private static func sv(_ pattern: String, _ piece: PhrasePiece) -> Entry {
        .init(languages: [.sv], pattern: pattern, meaning: .piece(piece))
    }
    private static func en(_ pattern: String, _ piece: PhrasePiece) -> Entry {
        .init(languages: [.en], pattern: pattern, meaning: .piece(piece))
    }
    private static func sv(_ pattern: String, _ event: EventName) -> Entry {
        .init(languages: [.sv], pattern: pattern, meaning: .event(event))
    }
    private static func en(_ pattern: String, _ event: EventName) -> Entry {
        .init(languages: [.en], pattern: pattern, meaning: .event(event))
    }

    static let markers: [Entry] = [
        .init(languages: both, pattern: "\\+", meaning: .piece(.plus)),
        .init(languages: both, pattern: ",|;", meaning: .piece(.comma)),
        sv("plus|ytterligare|därefter|därutöver|och sedan|sedan|tillkommande", .plus),
        en("plus|thereafter|after that|afterwards|additional|further|additionally|and then|extra", .plus),
        sv("efter|från|räknat från|fr\\.?o\\.?m\\.?", .after),
        en("after|from|since|following", .after),
        sv("max\\.?|maximalt|högst|som längst|som mest|längst|upp till|maximum", .cap),
        en(
            "at most|at the most|up to|max\\.?|maximum|no longer than|not longer than|a maximum of|for a maximum of",
            .cap),
        sv("alternativt|eller", .either),
        en("or|alternatively", .either),
        sv(
            "(?:beroende på )?(?:vilket|det) som (?:inträffar|kommer|sker|infaller) först|vilket som är tidigast",
            .firstOf),
        en(
            "whichever (?:comes|occurs|happens|is) (?:first|earlier|sooner|earliest)|whichever is the earliest",
            .firstOf),
        sv("(?:beroende på )?(?:vilket|det) som (?:inträffar|kommer|sker|infaller) sist|vilket som är senast", .lastOf),
        en("whichever (?:comes|occurs|happens|is) (?:last|later|latest)|whichever is the latest", .lastOf),
        sv("tills|till dess(?: att)?|fram till(?: dess)?|intill", .until),
        en("until|up until|up till", .until),
        sv("så länge|under(?: hela)?|medan|för den tid", .asLongAs),
        en("as long as|during|while|for the duration of|throughout|for as long as", .asLongAs),
        sv("och", .and),
        en("and", .and),
        sv("ingen(?: lagring)?|inga|sparas inte|lagras inte|(?:raderas|tas bort|gallras) (?:direkt|omedelbart)", .none),
        en("none|no retention|not (?:stored|kept|retained|saved)|(?:deleted|erased|removed) immediately", .none),
        sv("bokföringslag\\w*|bfl|räkenskapsinformation\\w*", .accountingAct),
        en("(?:the )?(?:swedish )?(?:accounting|bookkeeping) act|accounting law", .accountingAct),
        sv("(?:utgången|slutet) av (?:det )?kalenderår\\w*|kalenderårets (?:slut|utgång)", .calendarYearEnd),
        en("(?:the )?end of the calendar year|calendar year end", .calendarYearEnd),
    ]

    static let events: [Entry] = [
        sv(
            "avtalsti(?:d|den|dens)|avtalsperiod\\w*|avtalets (?:slut|upphörande|utgång)|avtalsförhållande\\w*|kontraktsti(?:d|den)|kontraktets (?:slut|upphörande)",
            .contractEnd),
        sv(
            "(?:avtalet|avtalen|kontraktet|ett avtal|avtal) (?:har )?(?:upphört|upphör|avslutats|avslutas|löpt ut|löper ut|sagts upp|sägs upp|gått ut|gäller|löper|pågår)|avslutat avtal|avtalets|avtalet|kontraktet",
            .contractEnd),
        en(
            "(?:the )?(?:contract|agreement) (?:period|term|duration)|(?:term|duration|end|termination|expiry|expiration) of (?:the|our|your) (?:contract|agreement)",
            .contractEnd),
        en(
            "(?:the|our|your) (?:contract|agreement)|(?:the )?(?:contract|agreement) (?:is valid|is in force|remains in force|has ended|ends|ended|expires|has expired|terminates|has been terminated|is terminated|is active|runs)|contractual relationship",
            .contractEnd),
        sv(
            "kundförhållande\\w*|kundrelation\\w*|affärsförhållande\\w*|affärsrelation\\w*|leverantörsförhållande\\w*|(?:du|ni) är kund\\w*",
            .relationshipEnd),
        en(
            "(?:customer|client|business|supplier) relation(?:ship)?|you are (?:a|our) (?:customer|client|supplier)|relationship with (?:us|you)",
            .relationshipEnd),
        sv("anställning\\w*|(?:du är|är) anställd", .employmentEnd),
        en("(?:the |your )?employment|you are employed", .employmentEnd),
        sv("rekrytering\\w*", .recruitmentEnd),
        en("(?:the )?(?:recruitment|hiring|application) process|recruitment", .recruitmentEnd),
        sv("\\w*ärende(?:t|n|na|ts)?|förfrågan|frågan (?:är )?besvarad", .caseClosed),
        en("(?:the )?(?:support )?(?:case|ticket|inquiry|enquiry|query)", .caseClosed),
        sv("begäran", .requestClosed),
        en("(?:your |the )?request", .requestClosed),
        sv("\\w*samtycke\\w*|återkalla\\w*", .consentWithdrawn),
        en("consent|withdraw\\w*", .consentWithdrawn),
        sv("invändning\\w*|invänder|invänt|avregistrer\\w*|avanmäl\\w*|avprenumerer\\w*|motsätter", .objection),
        en("object(?:s|ed|ion|ions)?|opt[- ]?outs?|opt(?:s|ed)? out|unsubscrib\\w*|denied the processing", .objection),
        sv("evenemang\\w*|seminari\\w*|webb?inari\\w*|konferens\\w*", .eventEnd),
        en("(?:the )?event(?! of)|seminar\\w*|webinar\\w*|conference", .eventEnd),
        sv("kampanj\\w*|aktuell(?:a)? marknadsföring|marknadsföringsperiod\\w*", .campaignEnd),
        en("(?:the )?(?:marketing )?campaign\\w*", .campaignEnd),
        sv("befattning\\w*|din roll", .positionEnd),
        en("(?:the specific |your )?position|your role", .positionEnd),
        sv("nedladdning\\w*|laddats? (?:ned|ner)", .download),
        en("download\\w*", .download),
        sv("räkenskapsår\\w*", .fiscalYearEnd),
        en("(?:the )?(?:financial|fiscal) year", .fiscalYearEnd),
        sv(
            "senaste (?:aktivitet|inloggning|köp|kontakt|användning|besök)\\w*|inaktiv\\w*|senast (?:aktiv|inloggad)",
            .lastActivity),
        en(
            "(?:the )?last (?:activity|login|log-in|purchase|contact|use|visit|interaction)|inactiv\\w*|last active",
            .lastActivity),
        sv(
            "kont(?:o|ot) (?:har )?(?:avslutats|avslutas|stängs|stängts|raderas|raderats|avslutat)|avslutat konto|(?:du har|ditt) (?:ett )?konto",
            .accountClosed),
        en(
            "(?:your |the )?account (?:is |has been )?(?:closed|deleted|terminated)|closure of (?:your|the) account|(?:you have|your) (?:an )?account",
            .accountClosed),
        sv("incident\\w*", .incidentClosed),
        en("(?:the )?incident", .incidentClosed),
        sv("medlemskap\\w*|(?:du är|är) medlem", .membershipEnd),
        en("(?:your |the )?membership|you are a member", .membershipEnd),
        sv("insamling\\w*|samlade?s in|inhämta\\w*", .collected),
        en("(?:the )?(?:date of )?collection|(?:were|was) collected|collected", .collected),
    ]

    /// Wording that cannot be turned into a day, and moments Gallra has no event for.
    static let limits: [Entry] = [
        sv(
            "behövs|behövas|så länge (?:det )?krävs|nödvändig\\w*|varierande|varierar|skälig\\w*|rimlig\\w*|tills vidare|minst|ungefär|cirka|omkring|preskription\\w*|gällande (?:lag|regler|lagstiftning)\\w*|ändamålet|(?:uppgifterna|informationen|de|det|dessa) är relevant\\w*",
            .vague("")),
        en(
            "needed|necessary|required|varies|variable|varying|reasonable|appropriate|at least|approximately|roughly|applicable|prescription|statute of limitations|limitation period|claims? can be (?:filed|made|brought)|indefinitely|forever|permanently|more than|(?:data|information|it|they) (?:is|are) (?:of relevance|relevant)",
            .vague("")),
        .init(
            languages: both,
            pattern:
                "(?:about|around|ca\\.?|circa)(?=\\s+(?:\\d+|\\p{L}+)\\s*(?:\\(\\d+\\)\\s*)?(?:years?|months?|weeks?|days?|hours?|år|månader|månad|mån|veckor|vecka|dagar|dag))",
            meaning: .piece(.vague(""))),
        sv("enligt|i enlighet med|på grund av|som krävs enligt", .text("")),
        en(
            "as required by|required by|in accordance with|according to|pursuant to|due to|in the event (?:of|that)|in case",
            .text("")),
        .init(languages: both, pattern: ">|<|≥|≤", meaning: .piece(.vague(""))),
        sv("\\w*(?:början|start)\\w*|tecknande\\w*|ingående|undertecknande", .unknownMoment("")),
        en(
            "(?:the )?(?:start|beginning|signing|commencement|conclusion) of (?:the|your|our) \\w+|(?:the )?date of signing",
            .unknownMoment("")),
        sv("garanti\\w*", .unknownMoment("")),
        en("(?:the )?(?:warranty|guarantee) period|warranty|guarantee", .unknownMoment("")),
    ]
}
