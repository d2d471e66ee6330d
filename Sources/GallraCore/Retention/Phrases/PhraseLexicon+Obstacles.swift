/// The wording that stops the reader, by what it does to the period.
extension PhraseLexicon {
    private static func sv(_ pattern: String, _ obstacle: PhraseObstacle) -> Entry {
        .init(languages: [.sv], pattern: pattern, meaning: .obstacle(obstacle))
    }
    private static func en(_ pattern: String, _ obstacle: PhraseObstacle) -> Entry {
        .init(languages: [.en], pattern: pattern, meaning: .obstacle(obstacle))
    }

    /// A number and a unit follow ("about 2 years", "ca 6 mån").
    private static let quantity =
        "(?=\\s+(?:\\d+|\\p{L}+)\\s*(?:\\(\\s*[\\p{L}\\p{N}-]+\\s*\\)\\s*)?(?:years?|months?|weeks?|days?|hours?|år|månader|månad|mån|veckor|vecka|dagar|dag))"

    static let obstacles: [Entry] = [
        sv(
            "minst|åtminstone|som minst|minimum|inte kortare än|eller längre|eller mer|mer än|över|längre än|\\d+\\+",
            .minimum),
        en(
            "at least|a minimum of|minimum|no less than|not less than|or longer|or more|more than|over(?! ?written)|longer than|\\d+\\+",
            .minimum),
        sv(
            "ungefär|uppskattningsvis|omkring|några|något(?= (?:år|månad|vecka|dygn|dag))|ett par|flera|ett antal|lång tid",
            .estimate),
        en("approximately|roughly|some|a few|several|a couple of|a number of|a long time", .estimate),
        .init(
            languages: both, pattern: "(?:about|around|ca\\.?|circa|cirka|runt)" + quantity,
            meaning: .obstacle(.estimate)),
        sv("cirka|ca\\.?", .estimate),
        sv(
            "normalt|vanligtvis|vanligen|i regel|som regel|i normala fall|i normalfallet|generellt(?: sett)?|huvudregeln|i princip|i de flesta fall|oftast|typiskt|standard\\w*|rekommender\\w*",
            .usualCase),
        en(
            "usually|normally|generally(?: speaking)?|typically|as a rule|in most cases|in general|by default|default|standard|under normal conditions|common(?:ly)?|it's common|recommended|sensible|good practice|suggested|practice",
            .usualCase),
        sv("förutom|utom|undantag\\w*|med undantag(?: av| för)?|om inte|såvida inte|dock inte om", .exception),
        en("unless|except\\w*|exceptions?|other than|save (?:for|where)|but", .exception),
        sv("längre tid|längre|förlänga\\w*|förläng\\w*", .openEnded),
        en("longer|extended|extend\\w*|overridden|override", .openEnded),
        sv(
            "om (?:du|ni|vi|man|det|den|de|kunden|medlemmen|eleven|uppgifterna|personen|någon|sökande)|ifall|i de fall|i fall|vid behov|i särskilda fall|i vissa fall|beroende på|enskilda fall",
            .condition),
        en(
            "if|where|in case|(?:un)?successful|rejected|in the event(?: of| that)?|depending on|subject to|provided that|when necessary|where necessary|in some cases|in certain cases|case-by-case|differing|varies by|varying",
            .condition),
        sv(
            "(?:inte|ej) längre (?:behövs|är nödvändig\\w*|krävs)|behövs|behövas|behöver|så länge (?:det )?krävs|som krävs|nödvändig\\w*|varierande|varierar|skälig\\w*|rimlig\\w*|tills vidare|ändamålet|syftet|(?:uppgifterna|informationen|de|det|dessa) är relevant\\w*|relevant\\w*|inaktualitet|in aktualitet|inaktuell\\w*|så snart vi kan|preskription\\w*|gällande (?:lag|regler|lagstiftning)\\w*|lagkrav\\w*|lagstadgad\\w*|rättslig\\w* anspråk|rättsliga förhållanden",
            .noFixedDay),
        en(
            "no longer (?:needed|necessary|required)|needed|necessary|required|requires|need it|no longer need|varies|variable|reasonable|appropriate|applicable|prescription|statute of limitations|limitation period|claims? can be (?:filed|made|brought)|(?:data|information|it|they) (?:is|are) (?:of relevance|relevant)|relevant|as soon as (?:possible|practicable|we can)|promptly|proportionate|legal claims?",
            .noFixedDay),
        sv("för evigt|för all framtid|obegränsad tid|permanent(?! raderas)", .forever),
        en(
            "indefinitely|indefinite|forever|in perpetuity|permanently(?! (?:deleted|removed|erased))|permanent",
            .forever),
        sv("år|åren|månader|månaderna|veckor|dagar|dagarna", .missingNumber),
        en("years|months|weeks|days|year|month", .missingNumber),
        sv("kvartal\\w*|läsår\\w*|terminer?|minut\\w*|sekund\\w*", .notAUnit),
        en("quarters?|school years?|academic years?|terms?|minutes?|seconds?", .notAUnit),
        sv(
            "\\w*(?:början|start)\\w*|tecknande\\w*|ingående|undertecknande|garanti\\w*|reklamation\\w*|begäran",
            .unknownMoment),
        en(
            "(?:the )?(?:start|beginning|signing|commencement|conclusion) of (?:the|your|our) \\w+|(?:the )?date of signing|(?:the )?(?:warranty|guarantee) period|warranty|guarantee|concluded|(?:(?:deletion|erasure|your|a|the) )?requests?",
            .unknownMoment),
        .init(languages: both, pattern: ">|<|≥|≤", meaning: .obstacle(.minimum)),
        // "Tackar du nej till dop raderas …": a Swedish sentence that opens with its verb before
        // "du" or "ni" is a condition ("if you decline …").
        sv(
            "^(?!(?:när|då|om|tills|medan|eftersom|innan|efter|så|sedan|för|att|och|men|under|vid|som|där|hur|vad|om)\\b)\\p{L}+ (?:du|ni)(?= )",
            .condition),
    ]
}
