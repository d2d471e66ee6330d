import Foundation

/// The closed class of wording that can move the day, listed from a grammar rather than from
/// examples: negation, frequency, hedges, counting back, restrictions to part of the data, the
/// moments named by a noun, and the prepositions that ask for a moment. Every word outside the
/// lexicon names what is kept, who keeps it or why, and cannot move the day, unless it stands
/// where the rule needs a moment (`PhraseMomentSlots`).
///
/// One alternative per line: `wording | meaning | language`. Words are lower case and matched
/// whole; a word ending in `*` takes any ending. A meaning is an obstacle (`PhraseObstacle`'s
/// raw value), `event:<name>`, or one of the markers `until`, `after`, `when`, `cap`, `filler`.
/// The language is `sv`, `en` or `both`.
extension PhraseLexicon {
    static let closedClassTable = """
        # Negation: "not deleted after 2 years", "raderas aldrig".
        not | negation | en
        no | negation | en
        never | negation | en
        nor | negation | en
        non | negation | en
        hired | condition | en
        not hired | condition | en
        neither | negation | en
        cannot | negation | en
        can't | negation | en
        don't | negation | en
        doesn't | negation | en
        didn't | negation | en
        won't | negation | en
        isn't | negation | en
        aren't | negation | en
        wasn't | negation | en
        weren't | negation | en
        shouldn't | negation | en
        wouldn't | negation | en
        inte | negation | sv
        ej | negation | sv
        icke | negation | sv
        aldrig | negation | sv
        varken | negation | sv
        # Wording that is not negation although it says "not": it names what is done, never when.
        not used for any other purpose | filler | en
        not used for any other purposes | filler | en
        not shared | filler | en
        not sold | filler | en
        not passed on | filler | en
        inte delas | filler | sv
        inte säljs | filler | sv
        inte lämnas ut | filler | sv
        # Frequency: a review or a cycle, not the day data goes.
        every | frequency | en
        annually | frequency | en
        yearly | frequency | en
        monthly | frequency | en
        weekly | frequency | en
        daily | frequency | en
        nightly | frequency | en
        hourly | frequency | en
        quarterly | frequency | en
        biannually | frequency | en
        regularly | frequency | en
        periodically | frequency | en
        recurring | frequency | en
        once a year | frequency | en
        once a month | frequency | en
        once a week | frequency | en
        once a day | frequency | en
        twice a year | frequency | en
        once per | frequency | en
        once every | frequency | en
        each year | frequency | en
        each month | frequency | en
        each week | frequency | en
        each day | frequency | en
        each time | frequency | en
        per year | frequency | en
        per month | frequency | en
        per annum | frequency | en
        varje | frequency | sv
        årligen | frequency | sv
        årsvis | frequency | sv
        månadsvis | frequency | sv
        månatligen | frequency | sv
        veckovis | frequency | sv
        dagligen | frequency | sv
        kvartalsvis | frequency | sv
        regelbundet | frequency | sv
        regelbundna | frequency | sv
        löpande | frequency | sv
        kontinuerligt | frequency | sv
        periodvis | frequency | sv
        on an ongoing basis | frequency | en
        on a rolling basis | frequency | en
        återkommande | frequency | sv
        en gång per | frequency | sv
        en gång om | frequency | sv
        gånger per | frequency | sv
        gånger om | frequency | sv
        per år | frequency | sv
        per månad | frequency | sv
        # Hedges: the period is a guess at the day.
        probably | estimate | en
        possibly | estimate | en
        perhaps | estimate | en
        maybe | estimate | en
        likely | estimate | en
        unlikely | estimate | en
        approx | estimate | en
        approx. | estimate | en
        approximate | estimate | en
        estimated | estimate | en
        around | estimate | en
        nearly | estimate | en
        almost | estimate | en
        or so | estimate | en
        give or take | estimate | en
        might | estimate | en
        could | estimate | en
        troligen | estimate | sv
        troligtvis | estimate | sv
        förmodligen | estimate | sv
        möjligen | estimate | sv
        kanske | estimate | sv
        sannolikt | estimate | sv
        uppskatt* | estimate | sv
        preliminär* | estimate | sv
        nästan | estimate | sv
        drygt | estimate | sv
        knappt | estimate | sv
        ~ | estimate | both
        ≈ | estimate | both
        # The usual case, an aim or a recommendation rather than a rule.
        should | usualCase | en
        ought | usualCase | en
        aim to | usualCase | en
        aims to | usualCase | en
        try to | usualCase | en
        strive | usualCase | en
        endeavour | usualCase | en
        endeavor | usualCase | en
        intend | usualCase | en
        as far as | usualCase | en
        practically | usualCase | en
        practicable | usualCase | en
        possible | usualCase | en
        feasible | usualCase | en
        mainly | usualCase | en
        mostly | usualCase | en
        bör | usualCase | sv
        borde | usualCase | sv
        strävar | usualCase | sv
        eftersträvar | usualCase | sv
        försöker | usualCase | sv
        målsättning* | usualCase | sv
        ambition* | usualCase | sv
        avser | usualCase | sv
        i möjligaste mån | usualCase | sv
        om möjligt | usualCase | sv
        möjligt | usualCase | sv
        främst | usualCase | sv
        huvudsakligen | usualCase | sv
        discretion | usualCase | en
        at our discretion | usualCase | en
        discretionary | usualCase | en
        gottfinnande | usualCase | sv
        until further notice | noFixedDay | en
        # Minimums: the day is the earliest, not the day data goes.
        tidigast | minimum | sv
        at the earliest | minimum | en
        earliest | minimum | en
        no sooner than | minimum | en
        # Counting back from a moment: the rule language counts forward.
        before | countsBack | en
        prior | countsBack | en
        prior to | countsBack | en
        ahead of | countsBack | en
        beforehand | countsBack | en
        innan | countsBack | sv
        före | countsBack | sv
        förrän | countsBack | sv
        dessförinnan | countsBack | sv
        # Earlier or later than the period says.
        earlier | exception | en
        sooner | exception | en
        eller tidigare | exception | sv
        tidigare än | exception | sv
        tidigare om | exception | sv
        later | openEnded | en
        renew* | openEnded | en
        prolong* | openEnded | en
        postpone* | openEnded | en
        defer* | openEnded | en
        senare | openEnded | sv
        förnya* | openEnded | sv
        uppskjut* | openEnded | sv
        skjuts upp | openEnded | sv
        # Exceptions and conditions beyond the lexicon's own.
        apart from | exception | en
        aside from | exception | en
        excluding | exception | en
        annat än | exception | sv
        bortsett från | exception | sv
        förbehåll* | exception | sv
        providing | condition | en
        assuming | condition | en
        whether | condition | en
        förutsatt | condition | sv
        under förutsättning | condition | sv
        givet att | condition | sv
        i förekommande fall | condition | sv
        om jag | condition | sv
        om hen | condition | sv
        om han | condition | sv
        om hon | condition | sv
        om barnet | condition | sv
        om sökanden | condition | sv
        i avvaktan på | condition | sv
        approved | condition | en
        paid | condition | en
        unpaid | condition | en
        godkänd* | condition | sv
        betald* | condition | sv
        obetald* | condition | sv
        tillsvidare | noFixedDay | sv
        till exempel | filler | sv
        i väntan på | condition | sv
        pending | condition | en
        awaiting | condition | en
        # Words that restrict the period to part of the data.
        vissa | partOfData | sv
        viss | partOfData | sv
        en del | partOfData | sv
        delar av | partOfData | sv
        delvis | partOfData | sv
        somliga | partOfData | sv
        merparten | partOfData | sv
        huvuddelen | partOfData | sv
        största delen | partOfData | sv
        längsta | partOfData | sv
        kortaste | partOfData | sv
        certain | partOfData | en
        parts of | partOfData | en
        part of | partOfData | en
        as part of | filler | en
        som en del av | filler | sv
        partly | partOfData | en
        partially | partOfData | en
        most of | partOfData | en
        majority | partOfData | en
        portion | partOfData | en
        subset | partOfData | en
        longest | partOfData | en
        shortest | partOfData | en
        # What happens to the data then, other than its erasure.
        reviewed | notErasure | en
        review | notErasure | en
        ses över | notErasure | sv
        omprövas | notErasure | sv
        utvärderas | notErasure | sv
        deactivated | notErasure | en
        suspended | notErasure | en
        blocked | notErasure | en
        spärras | notErasure | sv
        flagged | notErasure | en
        marked for deletion | notErasure | en
        transferred | notErasure | en
        moved | notErasure | en
        överförs | notErasure | sv
        flyttas | notErasure | sv
        notified | notErasure | en
        reminded | notErasure | en
        påminn* | notErasure | sv
        available | notErasure | en
        accessible | notErasure | en
        tillgänglig* | notErasure | sv
        # At once: a second moment beside the period.
        omedelbart | immediately | sv
        genast | immediately | sv
        omgående | immediately | sv
        snarast | immediately | sv
        immediately | immediately | en
        instantly | immediately | en
        straight away | immediately | en
        right away | immediately | en
        at once | immediately | en
        # A unit without its number.
        månad | missingNumber | sv
        vecka | missingNumber | sv
        timme | missingNumber | sv
        week | missingNumber | en
        day | missingNumber | en
        hour | missingNumber | en
        # Numbers the reader does not count.
        dozen | strayNumber | en
        thousand | strayNumber | en
        million | strayNumber | en
        half | strayNumber | en
        dussin | strayNumber | sv
        tusen | strayNumber | sv
        miljon* | strayNumber | sv
        halv | strayNumber | sv
        halvt | strayNumber | sv
        halva | strayNumber | sv
        # Moments named by a noun whose meaning is exactly an event Gallra knows.
        the account is in active status | event:account.closed | en
        the account is in good standing | event:account.closed | en
        submission | event:collected | en
        the submission | event:collected | en
        your submission | event:collected | en
        the date of submission | event:collected | en
        date of submission | event:collected | en
        your visit | event:collected | en
        the date of the call | event:collected | en
        the date of your call | event:collected | en
        the date the enquiry was received | event:collected | en
        the date the inquiry was received | event:collected | en
        the date the application was received | event:collected | en
        the date the request was received | event:collected | en
        the date your application was received | event:collected | en
        the date your enquiry was received | event:collected | en
        the date your inquiry was received | event:collected | en
        the date it was received | event:collected | en
        the date they were received | event:collected | en
        the date of the recording | event:collected | en
        samtalsdatum* | event:collected | sv
        samtalet | event:collected | sv
        inspelningsdatum* | event:collected | sv
        inspelningstillfället | event:collected | sv
        inkomstdatum* | event:collected | sv
        registreringsdatum* | event:collected | sv
        ansökningsdatum* | event:collected | sv
        ditt besök | event:collected | sv
        besökstillfället | event:collected | sv
        one is a member | event:membership.end | en
        you are no longer a member | event:membership.end | en
        you are no longer a paying member | event:membership.end | en
        you're no longer a member | event:membership.end | en
        your membership has expired | event:membership.end | en
        your membership expires | event:membership.end | en
        your membership ends | event:membership.end | en
        du inte längre är medlem | event:membership.end | sv
        du är betalande medlem | event:membership.end | sv
        man är medlem | event:membership.end | sv
        # A moment named elsewhere, or one Gallra does not know.
        # Verbs and nouns of an ending the events do not name: "members who leave", "after death".
        leave the | unknownMoment | en
        leave our | unknownMoment | en
        leave us | unknownMoment | en
        leaves the | unknownMoment | en
        leaves our | unknownMoment | en
        leaves us | unknownMoment | en
        left the | unknownMoment | en
        left our | unknownMoment | en
        left us | unknownMoment | en
        leaving | unknownMoment | en
        quit* | unknownMoment | en
        resign* | unknownMoment | en
        retire* | unknownMoment | en
        graduat* | unknownMoment | en
        die | unknownMoment | en
        dies | unknownMoment | en
        died | unknownMoment | en
        death | unknownMoment | en
        deceased | unknownMoment | en
        moves out | unknownMoment | en
        move out | unknownMoment | en
        moved out | unknownMoment | en
        avlid* | unknownMoment | sv
        död* | unknownMoment | sv
        avgång* | unknownMoment | sv
        pensioner* | unknownMoment | sv
        uppsägning* | unknownMoment | sv
        säger upp | unknownMoment | sv
        sagt upp | unknownMoment | sv
        slutar | unknownMoment | sv
        flyttat | unknownMoment | sv
        flyttar | unknownMoment | sv
        avflytt* | unknownMoment | sv
        examen | unknownMoment | sv
        next | unknownMoment | en
        this period | unknownMoment | en
        that period | unknownMoment | en
        nästa | unknownMoment | sv
        kommande | unknownMoment | sv
        denna period | unknownMoment | sv
        den perioden | unknownMoment | sv
        årsskifte* | unknownMoment | sv
        year-end | unknownMoment | en
        # The account's end named by an adjective: "expired account data" counts from the closure.
        expired account | event:account.closed | en
        expired accounts | event:account.closed | en
        closed account | event:account.closed | en
        closed accounts | event:account.closed | en
        # A restatement ("det vill säga"), and names of things that hold no moment.
        det vill säga | filler | sv
        that is to say | filler | en
        cannot be recovered | filler | en
        can no longer be recovered | filler | en
        kan inte återställas | filler | sv
        går inte att återställa | filler | sv
        api requests | filler | en
        http requests | filler | en
        # Prepositions that ask for a moment: "by the end of the contract" is "until" it.
        till slutet av | until | sv
        till utgången av | until | sv
        by the end of | until | en
        by the time | until | en
        as of | after | en
        """

    /// The table's lines, grouped by meaning and language, each group one pattern (longest
    /// wording first), in the order the groups first appear: built once.
    static let closedClass: [Entry] = table(closedClassTable)

    static func table(_ text: String) -> [Entry] {
        var order: [String] = []
        var groups: [String: (languages: Set<Language>, meaning: Meaning, patterns: [String])] = [:]
        for line in text.split(separator: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty, !trimmed.hasPrefix("#") else { continue }
            let fields = trimmed.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard fields.count == 3, let meaning = meaning(fields[1]), let languages = languages(fields[2]) else {
                assertionFailure("bad line of the closed class: \(trimmed)")
                continue
            }
            let key = fields[1] + "|" + fields[2]
            if groups[key] == nil {
                order.append(key)
                groups[key] = (languages, meaning, [])
            }
            groups[key]?.patterns.append(pattern(fields[0]))
        }
        return order.compactMap { groups[$0] }.map { group in
            let alternatives = group.patterns.sorted { $0.count > $1.count }
            return Entry(
                languages: group.languages, pattern: alternatives.joined(separator: "|"), meaning: group.meaning)
        }
    }

    /// A wording as a pattern: its words escaped, a trailing `*` any ending.
    static func pattern(_ wording: String) -> String {
        wording.split(separator: " ").map { word in
            word.hasSuffix("*")
                ? NSRegularExpression.escapedPattern(for: String(word.dropLast())) + "\\p{L}*"
                : NSRegularExpression.escapedPattern(for: String(word))
        }.joined(separator: " ")
    }

    static func meaning(_ name: String) -> Meaning? {
        if name.hasPrefix("event:") {
            return EventName(validating: String(name.dropFirst("event:".count))).map(Meaning.event)
        }
        if let obstacle = PhraseObstacle(rawValue: name) { return .obstacle(obstacle) }
        switch name {
        case "until": return .piece(.until)
        case "after": return .piece(.after)
        case "when": return .piece(.when)
        case "cap": return .piece(.cap)
        case "filler": return .piece(.filler(""))
        default: return nil
        }
    }

    static func languages(_ name: String) -> Set<Language>? {
        switch name {
        case "sv": return [.sv]
        case "en": return [.en]
        case "both": return both
        default: return nil
        }
    }
}
