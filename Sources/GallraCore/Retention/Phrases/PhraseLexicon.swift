/// The words and phrases the retention phrase reader knows, in Swedish and English.
/// Patterns are regular expressions over lower-cased text; each is matched as whole words.
struct PhraseLexicon {
    enum Meaning {
        case piece(PhrasePiece)
        case event(EventName)
        /// A number and a unit: groups 1 (number), 2 (the number again in parentheses, in digits or
        /// words: "fem (5) år", "7 (seven) years"; optional), 3 (unit).
        case duration
        /// A range "1-365 dagar": groups 1 and 2 (numbers), 3 (unit); the upper bound is kept.
        case range
        case ordinalYear
        /// Whole calendar years after the year of collection: group 1 (number); the offset is
        /// added to it ("sju år inklusive innevarande år" counts the current year, so -1).
        case calendarYears(offset: Int)
        case obstacle(PhraseObstacle)
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
                "år", "åren", "års", "månader", "månaderna", "månaders", "månad", "mån", "mnd", "veckor", "veckors",
                "vecka",
                "dagar", "dagars", "dagarna", "dag", "dgr", "dygn", "dygns", "kalenderdagar", "timmar", "timmars",
                "timme",
                "tim",
            ]
        }
        if languages.contains(.en) {
            units += [
                "years", "year", "yrs", "yr", "months", "month", "mths", "weeks", "week", "wks", "calendar days",
                "calendar day", "days", "day", "hours",
                "hour", "hrs",
            ]
        }
        units += ["mo", "y", "w", "d", "h"]
        return units.sorted { $0.count > $1.count }.joined(separator: "|")
    }

    static func unit(_ word: String) -> RetentionDuration.Unit? {
        switch word {
        case "år", "åren", "års", "years", "year", "yrs", "yr", "y": return .years
        case "månader", "månaderna", "månaders", "månad", "mån", "mnd", "months", "month", "mths", "mo": return .months
        case "veckor", "veckors", "vecka", "weeks", "week", "wks", "w": return .weeks
        case "dagar", "dagars", "dagarna", "dag", "dgr", "dygn", "dygns", "kalenderdagar", "calendar days",
            "calendar day",
            "days", "day", "d":
            return .days
        case "timmar", "timmars", "timme", "tim", "hours", "hour", "hrs", "h": return .hours
        default: return nil
        }
    }

    static func entries(for languages: Set<Language>) -> [Entry] {
        let number = "(\(PhraseNumbers.pattern(for: languages)))"
        let unit = "(\(units(for: languages)))"
        let ordinals = (Array(PhraseNumbers.swedishOrdinals.keys) + PhraseNumbers.englishOrdinals.keys).joined(
            separator: "|")
        let structural: [Entry] = [
            .init(
                languages: both,
                pattern: "\(number)(?:\\s*|-)(?:\\(\\s*(\\d+|\\p{L}+(?:-\\p{L}+)?)\\s*\\)\\s*)?\(unit)",
                meaning: .duration),
            .init(languages: both, pattern: "\(number)\\s*(?:-|till|to)\\s*\(number)\\s*\(unit)", meaning: .range),
            .init(
                languages: both, pattern: "(?:mellan|between)\\s+\(number)\\s+(?:och|and)\\s+\(number)\\s+\(unit)",
                meaning: .range),
            .init(languages: [.sv], pattern: "(?:ett )?halvår", meaning: .piece(.duration(.months(6)))),
            .init(languages: [.en], pattern: "half a year", meaning: .piece(.duration(.months(6)))),
            .init(languages: both, pattern: "(?:det|the) (\(ordinals)) (?:året|year)", meaning: .ordinalYear),
            .init(languages: [.sv], pattern: "\(number) hela kalenderår", meaning: .calendarYears(offset: 0)),
            .init(
                languages: [.sv], pattern: "\(number) år inklusive (?:innevarande|det innevarande|pågående) år",
                meaning: .calendarYears(offset: -1)),
            .init(
                languages: [.en], pattern: "\(number) (?:years?|yrs) (?:plus|\\+) (?:the )?current(?: year)?",
                meaning: .calendarYears(offset: 0)),
            .init(
                languages: [.en],
                pattern: "(?:the )?current (?:calendar )?year (?:plus|\\+|and) \(number) (?:years?|yrs)",
                meaning: .calendarYears(offset: 0)),
            .init(
                languages: [.sv], pattern: "(?:det )?innevarande (?:kalender)?år (?:plus|\\+|och) \(number) år",
                meaning: .calendarYears(offset: 0)),
        ]
        return structural + markers + events + obstacles + closedClass + fillerPhrases
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
        // "during the contract, and up to 12 months after": an "after" that ends the phrase.
        .init(languages: both, pattern: "(?:efter|after)(?=\\s*[.!]?\\s*$)", meaning: .piece(.plus)),
        // "… och 30 dagar efter avslut": after the end of the event already named.
        sv(
            "efter (?:dess |deras )?(?:avslut(?:et)?|upphörande(?:t)?|utgång(?:en)?|stängning(?:en)?)(?! av)|efter att (?:det|den|de) (?:har )?(?:avslutats|stängts|upphört|löpt ut)",
            .plus),
        en(
            "(?:after|following) (?:its |their |the )?(?:closure|termination|cancell?ation|expiry|expiration|deletion|ending)(?! of)|after you (?:close|delete|cancel|terminate) (?:it|them)|(?:after|once) (?:it|they) (?:(?:is|are|has been|have been|was|were) (?:closed|resolved|completed|finished|terminated|cancell?ed|over)|ends?|ended|has ended|have ended|expires?|has expired|closed|finished|concluded|terminated|expired)",
            .plus),
        en(
            "plus|thereafter|after that|afterwards|afterward|additional|further|additionally|and then|extra|after which(?: time| point)?|at which (?:time|point)|following which|whereafter",
            .plus),
        sv("efter|från|räknat från|fr\\.?o\\.?m\\.?|efter det att|efter att", .after),
        en("after|from|since|following|beyond|past", .after),
        // "within one month of the end of the contract": "of" after a period, before a moment.
        en(
            "(?<=(?:days?|weeks?|months?|years?) )of(?= (?:the |your )?(?:end|termination|expiry|expiration|closure|cancell?ation|closing|completion|date) )",
            .after),
        sv("när|då|så snart|vid", .when),
        en("when|once|upon", .when),
        sv(
            "max\\.?|maximalt|högst|(?:är |vara )?begränsa(?:d|t|de|s) till|som längst|som mest|längst|upp till|maximum|inom|senast(?: inom)?|inte längre än|ej längre än|(?:inte|ej) (?:behandlas|sparas|lagras|bevaras|förvaras|finnas kvar|sparas kvar) längre än",
            .cap),
        en(
            "but (?:no|not) (?:longer|more) than|(?:is |are |be )?(?:limited|restricted) to|(?:no|not) later than|not (?:be )?(?:kept|retained|stored|held|processed) (?:for )?(?:any )?longer than|at (?:the )?(?:very )?latest|at most|at the most|up to|max\\.?|maximum|no longer than|not longer than|a maximum of|for a maximum of|no more than|not more than|within|not to exceed",
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
        sv(
            "till(?= \\p{L}+s (?:slut|upphörande|utgång|avslut)\\b)|fram till och med|tills(?: dess)?(?: att)?|till dess(?: att)?|fram till(?: dess)?(?: att)?|intill|till och med|t\\.o\\.m\\.?",
            .until),
        en("until(?: such time (?:as|that))?|up until|up till", .until),
        sv("så länge(?: som)?|under(?: hela)?|medan|för den tid", .asLongAs),
        en(
            "as long as|during|while|for the duration of|throughout|for as long as|(?:the )?life(?:time)? of", .asLongAs
        ),
        sv("och|samt", .and),
        en("and", .and),
        sv("ingen(?: lagring)?|inga|sparas inte|lagras inte|(?:raderas|tas bort|gallras) (?:direkt|omedelbart)", .none),
        en("none|no retention|not (?:stored|kept|retained|saved)|(?:deleted|erased|removed) immediately", .none),
        sv("bokföringslag\\w*|bfl|räkenskapsinformation\\w*", .accountingAct),
        en("(?:the )?(?:swedish )?(?:accounting|bookkeeping) act|accounting law", .accountingAct),
        sv(
            "(?:utgången|slutet) av (?:det )?kalenderår\\w*|kalenderårets (?:slut|utgång)|det kalenderår",
            .calendarYearEnd),
        en(
            "(?:the )?end of the calendar year|calendar year end|(?:the )?end of the year (?:in|during) which",
            .calendarYearEnd),
    ]

    static let events: [Entry] = [
        sv(
            "avtalsti(?:d|den|dens)|avtalsperiod\\w*|\\w*avtalets (?:slut|upphörande|utgång)|\\w*avtalsförhållande\\w*|kontraktsti(?:d|den|dens)|kontraktets (?:slut|upphörande)",
            .contractEnd),
        sv(
            "(?:(?:avslutat|avslutade|upphört|giltigt|gällande|slutfört|slutförda) )?(?:\\w*(?:avtalet|avtalen|avtal|kontraktet)|uppdrag(?:et|ets)?)(?: mellan oss)?(?: (?:har )?(?:upphört att gälla|upphört|upphör att gälla|upphör|avslutats|avslutas|löpt ut|löper ut|sagts upp|sägs upp|gått ut|gäller|löper|pågår|finns))?|avtalets",
            .contractEnd),
        en(
            "(?:the )?(?:contract|agreement) (?:period|term|duration|termination|expiry)|(?:the )?(?:term|duration|end|termination|expiry|expiration) of (?:the |our |your )?(?:contract|agreement)(?: term| period)?",
            .contractEnd),
        en(
            "(?:the )?(?:end|termination|expiry) of (?:the|your|our) (?:lease|licen[cs]e|tenancy|subscription)(?:/licen[cs]e)?|(?:the )?(?:duration|term|period) of (?:the |your )?(?:tenancy|lease|subscription)|lease termination|(?:the |your )?(?:tenancy|lease|licen[cs]e) (?:ends|ended|has ended|expires|has expired|terminates|is terminated|has been terminated|comes to an end)|(?:you )?cancel (?:your|the) subscription|(?:the )?subscription (?:ends|has ended|is cancell?ed|expires|end date)|(?:the )?(?:completion|end) of (?:our|the|your) engagement(?: with you)?|(?:the )?assignment (?:ends|has ended|is completed|is complete|is finished)|(?:the )?end of (?:the|your|our) assignment",
            .contractEnd),
        // A subscription is a contract; "for the duration of your subscription" is read whole.
        en(
            "(?:for )?(?:the )?(?:duration|term|lifetime) of (?:the |your )?subscription|(?:the |your |a )?subscription (?:is (?:active|no longer active|cancell?ed)|ends|has ended|expires|has expired|period)",
            .contractEnd),
        sv(
            "(?:din |en )?prenumeration(?:en)? (?:pågår|är aktiv|gäller|upphör|har upphört|upphört|avslutas|har avslutats|avslutats|löper ut|sägs upp|sagts upp)|prenumerationens (?:slut|upphörande|löptid)|prenumerationsti(?:d|den)|(?:du )?(?:avslutar|säger upp|har avslutat|har sagt upp) (?:din |er )?prenumeration(?:en)?|(?:du är|är) prenumerant",
            .contractEnd),
        en(
            "(?:the|our|your) (?:contract|agreement)(?: (?:is valid|is in force|remains in force|has ended|ends|ended|expires|has expired|terminates|has been terminated|is terminated|is active|runs))?|(?:the )?(?:contract|agreement) (?:is valid|is in force|remains in force|has ended|ends|ended|expires|has expired|terminates|has been terminated|is terminated|is active|runs)|contractual relationship",
            .contractEnd),
        sv(
            "(?:avslutat |avslutad |avslutade )?(?:kundförhållande\\w*|kundrelation\\w*|affärsförhållande\\w*|affärsförbindelse\\w*|affärsrelation\\w*|leverantörsförhållande\\w*)(?: (?:har )?(?:upphört|upphör|avslutats|avslutas|pågår))?|(?:du|ni) är kund\\w*(?: eller leverantör)?|(?:du|ni) (?:har )?slutat vara kund(?:er)?|(?:du|ni) inte längre är kund(?:er)?",
            .relationshipEnd),
        en(
            "(?:the )?(?:customer|client|business|supplier) relation(?:ship)?(?: (?:has )?(?:ended|ends|ceased|ceases))?|you are (?:a|our) (?:customer|client|supplier)|relationship with (?:us|you)|(?:they|you) (?:cease|stop) (?:being|to be) (?:our |a )?customers?|active customers?",
            .relationshipEnd),
        sv(
            "anställning\\w*(?: (?:har )?(?:upphört|upphör|avslutats|avslutas))?|(?:du är|är) anställd|(?:en |den )?anställd (?:har )?slutat(?: på företaget)?|(?:du )?(?:har )?(?:slutat|lämnat) (?:din anställning|anställningen|företaget)",
            .employmentEnd),
        en(
            "(?:(?:the )?(?:term|period|duration) of )?(?:the |your )?employment(?: (?:ends|ended|finishes|finished|terminates|has ended))?|you are employed|(?:you )?(?:leave|left|have left) (?:our employment|(?:the|our) (?:company|organi[sz]ation|firm))",
            .employmentEnd),
        sv(
            "(?:avslutad |avslutade )?rekrytering\\w*|(?:att )?tjänsten (?:har )?tillsatts|tillsättning(?:en)?",
            .recruitmentEnd),
        en(
            "(?:the )?(?:(?:end|conclusion|completion|close) of the )?(?:recruitment|hiring|application|selection) (?:process|exercise)(?: (?:is|has been|was) (?:complete|completed|closed|over|finished|concluded))?|recruitment|(?:the )?(?:position|post|role|vacancy|job) (?:has been|is|was) filled",
            .recruitmentEnd),
        sv(
            "(?:avslutat |avslutade )?\\w*ärende(?:t|n|na|ts)?(?: avslut| slut)?|förfrågan|frågan (?:är )?besvarad",
            .caseClosed),
        en(
            "(?:the )?(?:support )?(?:case|tickets?|inquiry|enquiry|query)|(?:your |the |a )?matter (?:is|has been|was) (?:finali[sz]ed|closed|concluded|completed)|(?:the )?(?:conclusion|closure|completion|end) of (?:your|the) matter|(?:the )?(?:closure|closing|completion) of (?:the|your|a) (?:support )?(?:case|ticket|enquiry|inquiry)",
            .caseClosed),
        // A request's completion is the event; its arrival ("efter din begäran") is not.
        sv(
            "(?:din |en )?begäran (?:har |är )?(?:avslutats|avslutad|avslutas|slutförts|slutförd|besvarats|besvarad|hanterats|verkställts|verkställd)|(?:att )?begäran avslutats",
            .requestClosed),
        en(
            "(?:your |the )?request (?:was |is |has been )?(?:completed|closed|resolved|fulfilled|answered|handled)|(?:the )?(?:completion|closing|fulfilment|fulfillment) of (?:the|your) request",
            .requestClosed),
        sv("\\w*samtycke\\w*|återkalla\\w*", .consentWithdrawn),
        en("consent|withdraw\\w*", .consentWithdrawn),
        sv(
            "invändning\\w*|invänder|invänt|avregistrer(?:ar|a|at|ade|ar sig|at sig) (?:dig|er|sig|dem)|avregistrering från \\w+|avanmäl\\w*|avprenumerer\\w*|motsätter|(?:du )?inte längre (?:vill|önskar) (?:ha|få|ta emot|motta)(?: våra| vårt| vår)? (?:nyhetsbrev(?:et)?|utskick(?:en)?|marknadsföring(?:en)?|erbjudanden)",
            .objection),
        en(
            "object(?:s|ed|ion|ions)?|opt[- ]?outs?|opt(?:s|ed)? out|unsubscrib\\w*|denied the processing|(?:(?:you )?(?:tell|inform|notify) us (?:that )?)?(?:you )?no longer wish(?:es)? to (?:receive|hear from us|be contacted)(?: (?:direct )?marketing)?(?: (?:communications|emails|e-mails|messages|newsletters|mailings))?(?: from us)?",
            .objection),
        sv("evenemang\\w*|event(?:et|en)?|seminari\\w*|webb?inari\\w*|konferens\\w*", .eventEnd),
        en("(?:the )?end of the event|(?:the )?event(?! of)|seminar\\w*|webinar\\w*|conference", .eventEnd),
        sv("kampanj\\w*|aktuell(?:a)? marknadsföring|marknadsföringsperiod\\w*", .campaignEnd),
        en("(?:the )?(?:marketing )?campaign\\w*", .campaignEnd),
        sv("befattning\\w*|din roll", .positionEnd),
        en("(?:the specific |your )?position|your role", .positionEnd),
        sv("nedladdning\\w*|laddats? (?:ned|ner)", .download),
        en("download\\w*", .download),
        sv("räkenskapsår\\w*", .fiscalYearEnd),
        en(
            "(?:the )?(?:end of (?:the )?(?:corresponding )?)?(?:financial|fiscal|tax|accounting) (?:year|period)",
            .fiscalYearEnd),
        sv(
            "(?:senaste|sista) (?:aktivitet|inloggning|köp|kontakt|användning|besök|order|beställning|bokning|transaktion)\\w*|inaktiv\\w*|inte (?:har )?(?:varit (?:hos (?:mig|oss)|aktiv|inloggad)|loggat in|använt (?:kontot|tjänsten|tjänsterna))|senast (?:aktiv|inloggad|loggade in|var inloggad|handlade|köpte)|utan (?:någon )?(?:kontakt|aktivitet|inloggning)|(?:du )?(?:senast )?(?:nyttjat|använt|utnyttjat) (?:våra |vår )?tjänst(?:er|erna|en)?",
            .lastActivity),
        en(
            "(?:the date of )?(?:the |our |your )?(?:last|most recent|final) (?:financial )?(?:activity|communication|login|log-in|purchase|contact|use|visit|interaction|dealing|order|booking|transaction|donation|gift)(?: or dealing)?(?: with (?:you|us))?(?: (?:was|were) (?:carried out|made|completed))?|inactiv\\w*|last active|(?:has|have|had) not been (?:used|active|accessed|logged into)(?: (?:for|in|during|from))?(?: the (?:last|past))?|(?:you )?(?:have not|haven't|has not|hasn't) (?:logged in|signed in|logged into|used)(?: (?:your account|the service|our services?|the app))?|(?:is |are |has been |have been )?dormant|(?:of )?(?:no use|non-use|disuse)|(?:of )?no (?:incoming )?(?:contact|activity|interaction|logins?|use)|(?:you )?stop using (?:the|our) services?|(?:you are |you're )?(?:registered and )?using (?:our|the) (?:services?|app|website|platform)|(?:you )?use (?:our|the) (?:services?|app|website|platform)|(?:was |were )?last (?:seen|visited)|(?:the )?last time (?:you|they) (?:used|logged in(?:to)?|signed in(?:to)?|visited|accessed)",
            .lastActivity),
        sv(
            "kont(?:o|ot) (?:har )?(?:avslutats|avslutas|stängs|stängts|raderas|raderats|avslutat)|avslutat konto|(?:du har) (?:ett )?(?:aktivt )?konto|kontot (?:är aktivt|är öppet|finns kvar|finns)|(?:du )?(?:har )?(?:avslutat|avslutar|stänger|stängt|raderar|raderat|tar bort|tagit bort) (?:ditt|ert) konto|kontots (?:avslut|avslutande|stängning|upphörande|radering)",
            .accountClosed),
        en(
            "(?:your |the )?account (?:is |has been )?(?:closed|deleted|terminated|cancell?ed)|(?:the )?(?:closure|cancell?ation|deletion|termination) of (?:your|the) account|account (?:closure|deletion)|(?:you )?(?:close|delete|cancel) (?:your|the) account|(?:you have|you hold) (?:an )?account|(?:your |the )?account (?:is|remains) (?:active|open)|(?:your |the )?account expires|(?:the )?(?:life(?:time)?|existence|duration) of (?:your|the) account",
            .accountClosed),
        sv("incident\\w*", .incidentClosed),
        en("(?:the )?incident", .incidentClosed),
        sv(
            "\\w*medlemskap\\w*(?: (?:är giltigt|upphör\\w*|upphört|avslutas|avslutats))?|(?:du är|är) (?:aktiv )?medlem(?: (?:i|av) (?:föreningen|klubben))?|utträde\\w*|utträtt|medlemsti(?:d|den)|medlemmen (?:är medlem(?: (?:i|av) (?:föreningen|klubben))?|avgår(?: ur föreningen)?)",
            .membershipEnd),
        en(
            "(?:you )?(?:cancel|end|terminate) (?:your |the )?membership|(?:your |the )?membership|you are a member",
            .membershipEnd),
        sv(
            "insamling\\w*|samlade?s in|inhämta\\w*|skapande\\w*|(?:den|det|de) (?:har )?skickats|(?:ansökan|anmälan|förfrågan|beställningen|uppgifterna) (?:kom in|inkom|mottogs|togs emot|registrerades)",
            .collected),
        en(
            "(?:the )?(?:date of )?collection|(?:were|was) collected|collected|creation|(?:the )?date (?:of )?(?:your |the )?(?:application |(?:application|enquiry|inquiry) )?(?:application|receipt|enquiry|inquiry|registration|sign-?up|capture|creation|recording)|(?:the )?date (?:they|it) (?:were|was) (?:made|created|captured|recorded|collected)|(?:the )?time of recording|receipt|when (?:they|it) (?:were|was) (?:captured|recorded|collected|created|made|sent)|(?:they|it) (?:were|was) sent|(?:the date )?we (?:receive|received|collect|collected) (?:it|them|the data|your (?:data|application|cv))",
            .collected),
    ]
}
