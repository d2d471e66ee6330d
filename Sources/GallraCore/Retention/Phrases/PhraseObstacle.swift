/// Wording that turns a limit into something the rule language cannot hold as written, so the
/// phrase is refused rather than read as the limit it is not.
enum PhraseObstacle: String, Hashable, Sendable, CaseIterable {
    /// "minst", "at least", "or longer": the period is a minimum, not the day data goes.
    case minimum
    /// "cirka", "about", "några": the period is an estimate.
    case estimate
    /// "normalt", "usually", "by default": the period is the usual case, not the rule.
    case usualCase
    /// "förutom", "unless", "except": the period has an exception.
    case exception
    /// "längre tid", "longer": the period may be extended.
    case openEnded
    /// "om du …", "if", "where", "beroende på": the period depends on a condition.
    case condition
    /// "så länge det behövs", "as long as necessary": no day is fixed.
    case noFixedDay
    /// "för evigt", "indefinitely": kept without end.
    case forever
    /// "år" without a number.
    case missingNumber
    /// "kvartal", "läsår", "minutes": not a unit of the rule language.
    case notAUnit
    /// A moment that is not an event Gallra knows ("avtalets tecknande", "the warranty period").
    case unknownMoment
    /// A law cited with no moment beside it ("fem år enligt penningtvättslagen"): the law counts
    /// its period from a moment the phrase does not name.
    case lawWithoutMoment
    /// "inte", "not", "never": the sentence says what is not done.
    case negation
    /// "varje månad", "every six months", "annually": a cycle, not the day data goes.
    case frequency
    /// "innan", "before", "prior to": counted back from a moment.
    case countsBack
    /// "vissa", "certain", "longest": the period holds for part of the data only.
    case partOfData
    /// "omedelbart", "immediately": a second moment beside the period.
    case immediately
    /// A number with no unit to count ("1,5 år", "18", "a dozen").
    case strayNumber
    /// "to answer questions after the contract ends": a purpose naming a moment or a bound.
    case purposeWithMoment
    /// "reviewed", "överförs", "available": what happens to the data then, not its erasure.
    case notErasure

    func reason(_ words: String) -> LocalizedText {
        LocalizedText(sv: "\"\(words)\" \(swedishReason)", en: "\"\(words)\" \(englishReason)")
    }

    /// What the words do to the period, after the words themselves.
    private var swedishReason: String {
        switch self {
        case .minimum: "gör perioden till en minsta tid, inte dagen uppgifterna raderas"
        case .estimate: "gör perioden till en uppskattning"
        case .usualCase: "beskriver det vanliga fallet, inte en regel"
        case .exception: "gör ett undantag som regeln inte kan rymma; avgör det, eller dela aktiviteten"
        case .openEnded: "lämnar perioden öppen för förlängning"
        case .condition: "gör perioden beroende av ett villkor; dela aktiviteten per fall"
        case .noFixedDay: "bestämmer ingen dag då uppgifterna raderas"
        case .forever: "sparar uppgifterna utan slut"
        case .missingNumber: "saknar ett antal"
        case .notAUnit: "är ingen enhet i regelspråket (timmar, dagar, veckor, månader, år)"
        case .unknownMoment:
            "är ingen händelse som Gallra känner; deklarera den som en händelse i registret, eller formulera om lagringstiden"
        case .lawWithoutMoment:
            "räknar perioden från en tidpunkt som frasen inte nämner; nämn den (\"efter att kundförhållandet upphört\")"
        case .negation: "är en negation; säg perioden som det som görs"
        case .frequency: "nämner ett återkommande intervall (en översyn, en körning), inte dagen uppgifterna raderas"
        case .countsBack: "räknar bakåt från en tidpunkt; regeln räknar framåt från en händelse"
        case .partOfData: "begränsar perioden till en del av uppgifterna; dela aktiviteten per slag av uppgifter"
        case .immediately: "nämner en andra tidpunkt bredvid perioden; dela aktiviteten"
        case .strayNumber: "är ett tal som inte kan knytas till en tidsenhet"
        case .notErasure: "säger vad som händer med uppgifterna då, inte att de raderas"
        case .purposeWithMoment:
            "inleder ett ändamål som nämner en tidpunkt eller en period; säg vad perioden räknas från"
        }
    }

    private var englishReason: String {
        switch self {
        case .minimum: "makes the period a minimum, not the day the data is erased"
        case .estimate: "makes the period an estimate"
        case .usualCase: "describes the usual case, not a rule"
        case .exception: "makes an exception the rule cannot hold; decide it, or split the activity"
        case .openEnded: "leaves the period open to extension"
        case .condition: "makes the period depend on a condition; split the activity per case"
        case .noFixedDay: "does not fix a day on which the data is erased"
        case .forever: "keeps the data without end"
        case .missingNumber: "has no number"
        case .notAUnit:
            "is not a unit of the rule language (hours, days, weeks, months, years)"
        case .unknownMoment:
            "is not an event Gallra knows; declare it as an event of the register, or reword the retention"
        case .lawWithoutMoment:
            "counts the period from a moment the phrase does not name; name it (\"efter att kundförhållandet upphört\")"
        case .negation: "is a negation; say the period as what is done"
        case .frequency: "names a cycle (a review, a run), not the day the data is erased"
        case .countsBack: "counts back from a moment; the rule counts forward from an event"
        case .partOfData:
            "limits the period to part of the data; split the activity per kind of data"
        case .immediately: "names a second moment beside the period; split the activity"
        case .strayNumber: "is a number the reader cannot tie to a unit of time"
        case .notErasure: "says what happens to the data then, not that it is erased"
        case .purposeWithMoment:
            "opens a purpose that names a moment or a period; say what the period counts from"
        }
    }

    /// How `--explain` names the obstacle.
    var label: String {
        switch self {
        case .minimum: return "a minimum"
        case .estimate: return "an estimate"
        case .usualCase: return "a usual case"
        case .exception: return "an exception"
        case .openEnded: return "an extension"
        case .condition: return "a condition"
        case .noFixedDay: return "no fixed day"
        case .forever: return "without end"
        case .missingNumber: return "a unit without a number"
        case .notAUnit: return "not a unit"
        case .unknownMoment: return "an unknown moment"
        case .lawWithoutMoment: return "a law without its moment"
        case .negation: return "a negation"
        case .frequency: return "a frequency"
        case .countsBack: return "counting back"
        case .partOfData: return "part of the data"
        case .immediately: return "a second moment"
        case .strayNumber: return "a number without a unit"
        case .purposeWithMoment: return "a purpose with a moment"
        case .notErasure: return "not an erasure"
        }
    }
}
