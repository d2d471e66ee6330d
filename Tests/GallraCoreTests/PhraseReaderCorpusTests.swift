import Testing

@testable import GallraCore

/// Wording the reader has not been written against: how other companies state retention.
/// The count of this set and how many the reader gets right is reported by `corpusScore`.
@Suite("The phrase reader on wording of our own")
struct PhraseReaderCorpusTests {
    static let reader = RetentionPhraseReader()

    static let swedish: [(String, String)] = [
        ("Avtalstid plus 1 år", "contract.end + 1y"),
        ("under kundförhållandet och tio (10) år därefter", "relationship.end + 10y"),
        ("raderas efter sju dagar", "collected + 7d"),
        ("tre (3) månader", "collected + 3mo"),
        ("i två år efter avslutad anställning", "employment.end + 2y"),
        ("24 månader efter senaste inloggning", "last-activity + 24mo"),
        ("till dess att du återkallar ditt samtycke", "consent.withdrawn"),
        ("tills du avregistrerar dig", "objection"),
        ("så länge du är medlem", "membership.end"),
        ("12 mån efter att kontot avslutats", "account.closed + 12mo"),
        ("sju år enligt bokföringslagen", "end-of-year(fiscal-year.end) + 7y"),
        ("7 år enligt bokföringslagen", "end-of-year(fiscal-year.end) + 7y"),
        ("Enligt bokföringslagen", "end-of-year(fiscal-year.end) + 7y"),
        ("Rekryteringsprocessen + 6 mån", "recruitment.end + 6mo"),
        ("Lagras inte", "none"),
        ("Sparas inte", "none"),
        ("högst 2 år", "collected + 2y"),
        ("5 år från insamling", "collected + 5y"),
        ("3 år efter att ärendet avslutats", "case.closed + 3y"),
        // A purpose says why, not until when; "mer än" after inactivity is its length.
        (
            "sparas i sex månader för att kunna svara på frågor från den som sökt, därefter raderas de",
            "collected + 6mo"
        ),
        ("Konton som varit inaktiva i mer än två år raderas", "last-activity + 2y"),
        ("får inte behandlas längre än ett år efter att ärendet avslutats", "case.closed + 1y"),
        ("30 dagar efter att din begäran har besvarats", "request.closed + 30d"),
        // Compound names of what is kept, a misspelt word of the closed list, "extra" before data.
        ("Samtalsloggar sparas 2 år i produktionsplattformen", "collected + 2y"),
        ("Inkommande e-post sparas 2 månader", "collected + 2mo"),
        ("Inkommand e-post sparas 2 månader", "collected + 2mo"),
        ("sparas i 3 år efter sista köpet", "last-activity + 3y"),
        ("Samtalsdetaljer (extra data, endast för felsökning) sparas 2 månader", "collected + 2mo"),
        ("60 dagar och ytterligare 30 dagar", "collected + 60d + 30d"),
        ("Under anställningstiden + 2 år", "employment.end + 2y"),
        ("ett år efter att avtalet upphört", "contract.end + 1y"),
        ("36 mån", "collected + 36mo"),
        ("en månad", "collected + 1mo"),
        ("trettiosex månader", "collected + 36mo"),
        ("1 år och 6 månader", "collected + 1y + 6mo"),
        ("mellan 1 och 3 år", "collected + 3y"),
        ("Avtalstiden + 6 månader", "contract.end + 6mo"),
        ("Avtalstiden +1 år", "contract.end + 1y"),
        ("avtalstiden+2år", "contract.end + 2y"),
        ("Under avtalstiden", "contract.end"),
        ("Så länge avtalet gäller", "contract.end"),
        ("Så länge kundförhållandet pågår", "relationship.end"),
        ("18 månader efter avslutad kundrelation", "relationship.end + 18mo"),
        ("Tolv månader efter avslutat ärende", "case.closed + 12mo"),
        ("Tre år efter att supportärendet stängts", "case.closed + 3y"),
        ("14 dagar", "collected + 14d"),
        ("fjorton dagar", "collected + 14d"),
        ("Två veckor", "collected + 2w"),
        ("48 timmar", "collected + 48h"),
        ("ett halvår", "collected + 6mo"),
        ("6 mån efter evenemanget", "event.end + 6mo"),
        ("Till och med seminariet", "event.end"),
        ("30 dagar efter webbinariet", "event.end + 30d"),
        ("Under kampanjen", "campaign.end"),
        ("Kampanjens slut + 1 mån", "campaign.end + 1mo"),
        ("Så länge du har befattningen", "position.end"),
        ("2 år efter senaste köp", "last-activity + 2y"),
        ("24 mån efter senaste aktivitet", "last-activity + 24mo"),
        ("Efter två års inaktivitet", "last-activity + 2y"),
        ("Uppgifterna raderas när kunden inte har varit aktiv på 2 år", "last-activity + 2y"),
        ("Så länge du har ett konto", "account.closed"),
        ("Ett år efter att kontot stängts", "account.closed + 1y"),
        ("10 år efter att incidenten avslutats", "incident.closed + 10y"),
        ("Medlemskapet + 2 år", "membership.end + 2y"),
        ("Tills du invänder", "objection"),
        ("Tills du avanmäler dig från nyhetsbrevet", "objection"),
        ("Till dess samtycket återkallas", "consent.withdrawn"),
        ("Tills samtycket återkallas, dock högst 2 år", "min(consent.withdrawn, collected + 2y)"),
        ("Så länge du är kund, max 5 år", "min(relationship.end, collected + 5y)"),
        ("Begäran avslutad + 10 år", "request.closed + 10y"),
        ("10 år efter att begäran avslutats", "request.closed + 10y"),
        ("3 år efter nedladdningen", "download + 3y"),
        ("Räkenskapsårets slut + 7 år", "fiscal-year.end + 7y"),
        ("7 år efter utgången av det kalenderår då räkenskapsåret avslutades", "end-of-year(fiscal-year.end) + 7y"),
        ("Raderas omedelbart", "none"),
        ("Ingen lagring", "none"),
        ("Avtalets upphörande + 90 dagar", "contract.end + 90d"),
        ("90 dagar efter avtalets upphörande", "contract.end + 90d"),
        ("Under rekryteringen och sex månader därefter", "recruitment.end + 6mo"),
        (
            "Tills kampanjen avslutas eller du återkallar ditt samtycke, det som inträffar först",
            "min(campaign.end, consent.withdrawn)"
        ),
        ("Så länge du är anställd och två år därefter", "employment.end + 2y"),
        ("1–2 år", "collected + 2y"),
        ("upp till 5 år", "collected + 5y"),
        ("Maximalt 3 månader", "collected + 3mo"),
        ("Fem (5) år", "collected + 5y"),
        ("femton månader", "collected + 15mo"),
        ("tjugofyra månader", "collected + 24mo"),
        ("Uppgifterna raderas senast tre månader efter utträde", "membership.end + 3mo"),
        ("Sparas tills du inte längre vill ha vårt nyhetsbrev", "objection"),
        ("Sparas i sju år inklusive innevarande år", "end-of-year(collected) + 6y"),
        ("Raderas vid avlutat avtal", "contract.end"),
        ("sparas under pågående ärende och två år efter att ärendet avslutats", "case.closed + 2y"),
        ("sparas i 30 dagar efter att du avslutat ditt konto", "account.closed + 30d"),
        ("60 dagar plus 30 dagar", "collected + 60d + 30d"),
        ("sparas i 2 år, därefter i arkiv i 5 år", "collected + 2y + 5y"),
        ("raderas 90 dagar efter kontots avslut", "account.closed + 90d"),
        ("raderas när du avslutar ditt konto", "account.closed"),
        ("raderas efter 12 månaders inaktivitet", "last-activity + 12mo"),
        ("sparas till avtalets slut", "contract.end"),
        ("sparas i 6 månader efter att tjänsten tillsatts", "recruitment.end + 6mo"),
        ("sparas i högst 12 månader från det att ansökan kom in", "collected + 12mo"),
        ("sparas så länge du är aktiv medlem", "membership.end"),
        ("sparas under anställningen och två år efter dess upphörande", "employment.end + 2y"),
        ("innevarande år plus sju år", "end-of-year(collected) + 7y"),
        ("Historiken är begränsad till 18 månader", "collected + 18mo"),
        ("sparas till dess att kontot raderas, dock högst 3 år", "min(account.closed, collected + 3y)"),
        ("30 dgr", "collected + 30d"),
        ("Avtalstid + 10 år (preskription)", "contract.end + 10y"),
        ("Så länge kontot är aktivt", "account.closed"),
        ("Kontot raderas efter 24 månaders inaktivitet", "last-activity + 24mo"),
        ("Sparas tills kontot raderas", "account.closed"),
        ("Sparas 1 år efter eventet", "event.end + 1y"),
        ("Fem år efter kundförhållandets upphörande enligt penningtvättslagen", "relationship.end + 5y"),
        ("Fem år efter att affärsförbindelsen upphört", "relationship.end + 5y"),
        ("Ärendets handläggning + 2 år", "case.closed + 2y"),
        (
            "Dina uppgifter sparas under tiden du är prenumerant och raderas när du avslutar prenumerationen",
            "contract.end"
        ),
        ("Bilder från kameraövervakningen raderas efter 72 timmar", "collected + 72h"),
        ("Uppgifter om medlemmar sparas under medlemstiden och ett år därefter", "membership.end + 1y"),
        ("Sparas i 10 år efter avslutat uppdrag på grund av preskriptionstiden", "contract.end + 10y"),
        ("Uppgifterna sparas så länge du har ett aktivt konto hos oss", "account.closed"),
        ("Om du inte har loggat in på 24 månader raderas ditt konto", "last-activity + 24mo"),
        ("sparas under avtalstiden och 12 månader efter", "contract.end + 12mo"),
        ("Ärenden sparas i 2 år efter att de avslutats", "case.closed + 2y"),
        ("Uppgifterna raderas efter två år utan kontakt", "last-activity + 2y"),
        ("Dessa loggar raderas efter 2 veckor och används inte i något annat syfte", "collected + 2w"),
        ("Bokföringsmaterial, t.ex. betalningar, sparas i sju (7) år", "collected + 7y"),
    ]

    static let english: [(String, String)] = [
        ("5 years after the customer relationship has ended", "relationship.end + 5y"),
        ("for 2 years", "collected + 2y"),
        ("2 years from collection", "collected + 2y"),
        ("Until the end of the contract", "contract.end"),
        ("the duration of the contract plus 1 year", "contract.end + 1y"),
        ("12 months after the last login", "last-activity + 12mo"),
        ("six years after the end of the year in which the contract ended", "end-of-year(contract.end) + 6y"),
        ("deleted when the account has not been used for 2 years", "last-activity + 2y"),
        ("messages are deleted 30 days after they were sent", "collected + 30d"),
        ("until consent is withdrawn", "consent.withdrawn"),
        ("until you unsubscribe", "objection"),
        ("as long as you are a customer and for 3 years thereafter", "relationship.end + 3y"),
        ("3 years after the end of employment", "employment.end + 3y"),
        (
            "7 years after the end of the calendar year in which the financial year ended",
            "end-of-year(fiscal-year.end) + 7y"
        ),
        ("Seven (7) years in accordance with the Swedish Accounting Act", "end-of-year(fiscal-year.end) + 7y"),
        ("30 days after the event", "event.end + 30d"),
        ("not stored", "none"),
        ("None", "none"),
        ("24 hours", "collected + 24h"),
        ("6 months after download", "download + 6mo"),
        (
            "until the campaign ends or you withdraw consent, whichever comes first",
            "min(campaign.end, consent.withdrawn)"
        ),
        ("18 months", "collected + 18mo"),
        ("a year", "collected + 1y"),
        ("twenty-four months", "collected + 24mo"),
        ("thirty six months", "collected + 36mo"),
        ("for the duration of the contract", "contract.end"),
        ("as long as the agreement is valid", "contract.end"),
        ("the contract period + 2 years", "contract.end + 2y"),
        ("Term of the agreement plus 6 months", "contract.end + 6mo"),
        ("90 days after the contract has ended", "contract.end + 90d"),
        ("one year after the termination of the agreement", "contract.end + 1y"),
        ("During the recruitment process and 6 months thereafter", "recruitment.end + 6mo"),
        ("6 months after the recruitment process", "recruitment.end + 6mo"),
        ("two years after your employment ends", "employment.end + 2y"),
        ("3 years after the case is closed", "case.closed + 3y"),
        ("until the ticket is closed plus 30 days", "case.closed + 30d"),
        ("ten years after your request was completed", "request.closed + 10y"),
        ("until you object", "objection"),
        ("until you opt out", "objection"),
        ("until you withdraw your consent", "consent.withdrawn"),
        ("as long as you hold the position", "position.end"),
        ("36 months after your last purchase", "last-activity + 36mo"),
        ("after 2 years of inactivity", "last-activity + 2y"),
        ("until your account is closed", "account.closed"),
        ("1 year after your account is deleted", "account.closed + 1y"),
        ("as long as you are a member", "membership.end"),
        ("two years after the membership ends", "membership.end + 2y"),
        ("10 years after the incident", "incident.closed + 10y"),
        ("for a maximum of 12 months", "collected + 12mo"),
        ("no longer than 30 days", "collected + 30d"),
        ("up to 3 years", "collected + 3y"),
        ("deleted immediately", "none"),
        ("14 days", "collected + 14d"),
        ("2 weeks", "collected + 2w"),
        ("half a year", "collected + 6mo"),
        ("until the end of the campaign", "campaign.end"),
        ("1 month after the webinar", "event.end + 1mo"),
        ("as long as you are a customer, but no longer than 5 years", "min(relationship.end, collected + 5y)"),
        ("until consent is withdrawn, at most 2 years", "min(consent.withdrawn, collected + 2y)"),
        ("as long as you are a customer or as long as you hold the position", "max(relationship.end, position.end)"),
        ("until the contract ends or the position ends, whichever comes later", "max(contract.end, position.end)"),
        ("7 years due to the Accounting Act", "end-of-year(fiscal-year.end) + 7y"),
        ("5 years from the date of collection", "collected + 5y"),
        ("1-3 years", "collected + 3y"),
        ("between 6 and 12 months", "collected + 12mo"),
        ("kept for 2 years in order to answer questions from applicants", "collected + 2y"),
        ("accounts that are dormant for over two years are deleted", "last-activity + 2y"),
        ("Inactive accounts: up to 2 years after last activity", "last-activity + 2y"),
        ("deleted within 30 days after your request was completed", "request.closed + 30d"),
        ("within 3 months at the latest", "collected + 3mo"),
        ("kept for the duration of your subscription", "contract.end"),
        ("kept for 30 days, after which it is deleted", "collected + 30d"),
        ("records older than 7 years are deleted", "collected + 7y"),
        ("deleted no later than 30 days after the account is closed", "account.closed + 30d"),
        ("If you close your account, we delete your data within 30 days", "account.closed + 30d"),
        ("stored while the subscription is active and for 90 days thereafter", "contract.end + 90d"),
        ("Billing records may be retained for up to 7 (seven) years", "collected + 7y"),
        (
            "deleted when the assignment ends, and within 3 months at the latest",
            "contract.end + 3mo"
        ),
        ("until you unsubscribe and at most 2 years", "min(objection, collected + 2y)"),
        (
            "as long as you are a customer and up to 3 years after the customer relationship ends",
            "relationship.end + 3y"
        ),
        (
            "until such time as you tell us that you no longer wish to receive marketing communications from us",
            "objection"
        ),
        ("the file(s) are kept for 7 years from the date your matter is finalised", "case.closed + 7y"),
        ("kept for 10 years after the date an animal was last seen", "last-activity + 10y"),
        ("deleted five years after our business relationship with you has come to an end", "relationship.end + 5y"),
        ("CCTV images are stored on a hard drive for 30 days", "collected + 30d"),
        (
            "Retained until consent is withdrawn or after 3 years of inactivity",
            "min(consent.withdrawn, last-activity + 3y)"
        ),
        ("kept as long as you use our services", "last-activity"),
        ("data is kept for the lifetime of your account", "account.closed"),
        (
            "we keep your data for as long as your account is open, and for 30 days after closure",
            "account.closed + 30d"
        ),
        ("kept for the current year plus 6 years", "end-of-year(collected) + 6y"),
        ("deleted within one month of the end of the contract", "contract.end + 1mo"),
        ("kept for 12 months from the date of your application", "collected + 12mo"),
        ("kept for 12 months from receipt", "collected + 12mo"),
        ("kept for 30 days after termination of the contract", "contract.end + 30d"),
        ("the history is limited to 18 months", "collected + 18mo"),
        ("the account is deleted after 2 years of inactivity", "last-activity + 2y"),
        ("kept until the account is deleted", "account.closed"),
        ("6 years after you leave our employment", "employment.end + 6y"),
        ("Call recordings are retained for 90 days", "collected + 90d"),
        ("If you have not logged in for 2 years, your account will be deleted", "last-activity + 2y"),
        ("kept during the contract, and up to 12 months after", "contract.end + 12mo"),
        ("until you unsubscribe and at most 2 years thereafter", "objection + 2y"),
        ("until you unsubscribe and at most 1 year plus 6 months", "min(objection, collected + 1y + 6mo)"),
        ("Support tickets are kept for 3 years after they are closed", "case.closed + 3y"),
        ("removed after 10 years of no incoming contact", "last-activity + 10y"),
        ("deleted one year past the end of the contract", "contract.end + 1y"),
        ("Backups: encrypted (KMS), 30-day rolling retention", "collected + 30d"),
        ("Personal data collected through the contact form is deleted after 6 months", "collected + 6mo"),
        ("Your CV will be kept for 12 months from the date we receive it", "collected + 12mo"),
        ("Personal data will be kept during your membership and for 2 years after it ends", "membership.end + 2y"),
        (
            "5 years after the business relationship ends, under the Money Laundering Regulations",
            "relationship.end + 5y"
        ),
    ]

    /// Wording that does not fix a day: refused, never guessed.
    static let refused: [String] = [
        // "The end of the year" alone names no year's end the rule can count from.
        "kept until the end of the year",
        // A purpose that names an event or a bound is left to the reader, which refuses it.
        "kept for 2 years to answer questions after the contract ends",
        // A minimum before the period is a minimum, even of inactive accounts.
        "inactive accounts are kept for at least 2 years",
        // "Upon" with no event after it: counting from collection would be a guess.
        "Upon deletion your account will be unrecoverable after a period of fourteen days",
        // A request's arrival is not its completion.
        "deleted within 30 days after your deletion request",
        "raderas inom 30 dagar från din begäran",
        // A word of time is never read as the name of something kept.
        "uppsägningstiden + 3 månader",
        // "If" before a state is a condition, not a moment.
        "If you are a customer, we keep your data for 3 years",
        // A cycle is not a period, and a negation is not filler.
        "footage is overwritten every 30 days",
        "we will not delete your data for 2 years",
        "så länge det är nödvändigt",
        "så länge det behövs för ändamålet",
        "när de inte längre behövs",
        "Varierande, > 5 år",
        "minst 2 år",
        "at least 5 years",
        "more than 5 years",
        "2 years from the start of the contract",
        "2 år från avtalets början",
        "5 år från avtalets tecknande",
        "Avtalstiden 1 år",
        "tre (4) månader",
        "",
        "blablabla",
        "ungefär 2 år",
        "cirka 6 månader",
        "about 2 years",
        "around 18 months",
        "tills vidare",
        "indefinitely",
        "permanently",
        "5 år eller 3 år",
        "3 år efter sista fakturan",
        "Under projektets gång + 2 år",
        "så länge projektet pågår",
        "as long as needed",
        "as long as necessary for the purpose",
        "in accordance with applicable law",
        "enligt gällande lagstiftning",
        "during the warranty period",
        "as long as a claim can be filed",
        "within the statute of limitations",
        "preskriptionstiden",
        "rimlig tid",
        "a reasonable time",
        "det sjunde året efter avtalets slut",
        "7 years after the end of the calendar year of the event (the Swedish Accounting Act)",
        "Avtalstiden + 1 år eller 2 år",
        "the data is kept for as long as it is relevant",
        // Two events with no word on how they combine: the later, the earlier, or only one?
        "kept for the duration of the client relationship and up to 7 years after the contract ends",
        // The period holds for one outcome only.
        "We will store your application data for 12 months for unsuccessful candidates",
        // The number in words and in digits must agree, and an estimate stays an estimate.
        "retained for 7 (eight) years",
        "kept for about 7 (seven) years",
        // "Or" between a period and a moment says neither whichever comes first nor last.
        "kept for 2 years or after the account is closed",
        // "After termination" with no event named before it: the end of what?
        "Data is deleted 30 days after termination",
        "sparas i 3 år efter avslut",
        "Sparas i tio år därefter",
        // "Till" before a moment that is not the end of an event is not "until" here.
        "sparas till slutet av året",
        // A law cited alone sets its own starting point, which the phrase does not name.
        "Fem år enligt penningtvättslagen",
        "10 år (preskription)",
        "5 years under the Money Laundering Regulations",
        // What someone deleted is counted from that deletion, not from collection.
        "Deleted content is removed from our servers within 60 days",
        "Sparas i 10 år på grund av preskriptionstiden",
        // "If" before a state, not a moment, stays a condition.
        "Om du är kund sparas uppgifterna i 3 år",
        // "After" that ends the phrase adds to the moment before it, and there is none here.
        "kept for 12 months after",
        "Data is kept 2 years after it ends",
        // "No" and "not" are negations; "no contact" and its like are inactivity.
        "data is not deleted for 2 years",
        // A period for part of the data only: the rest is kept for another.
        "Part of the data is kept for 7 years",
        "Delar av uppgifterna sparas i 7 år",
        // "Något" before a unit is an estimate, as "några" and "ett antal" are.
        "sparas något år",
        // "Until you tell us" names no moment Gallra knows; a bound after it does not make one.
        "kept until you tell us, at most 3 years",
        // "Until" a moment Gallra does not know is refused, not dropped for the period after it.
        "we keep data until the order is complete, then 30 days",
        // Periods side by side are for parts of the data unless joined as one length.
        "30 days, 90 days for backups",
        "kept for 1 year; invoices 7 years",
        "Kunddata: 2 år, fakturor: 7 år",
        "efter avtalets slut: 30 dagar, 90 dagar för backup",
        // Two moments joined before a bound, and nothing says which counts.
        "kept for 2 years after collection, and up to 5 years after the contract ends",
    ]

    @Test("Swedish wording", arguments: swedish)
    func readsSwedish(phrase: String, rule: String) {
        #expect(Self.reader.read(phrase) == .rule(try! RetentionRule(parsing: rule)), "\(phrase)")
    }

    @Test("English wording", arguments: english)
    func readsEnglish(phrase: String, rule: String) {
        #expect(Self.reader.read(phrase) == .rule(try! RetentionRule(parsing: rule)), "\(phrase)")
    }

    @Test("Wording that does not fix a day is refused with a reason", arguments: refused)
    func refuses(phrase: String) {
        guard case .refused(let reason) = Self.reader.read(phrase) else {
            Issue.record("\"\(phrase)\" was read as \(Self.reader.read(phrase)), but it does not fix a day")
            return
        }
        #expect(!reason.isEmpty)
    }

    @Test("The corpus score: how many of our own phrases the reader gets right")
    func corpusScore() {
        let readable = Self.swedish + Self.english
        let right = readable.filter { Self.reader.read($0.0).rule?.description == $0.1 }.count
        let refusedRight = Self.refused.filter { Self.reader.read($0).rule == nil }.count
        print(
            "phrase corpus: \(right)/\(readable.count) readable phrases read right, "
                + "\(refusedRight)/\(Self.refused.count) unreadable phrases refused")
        #expect(right == readable.count)
        #expect(refusedRight == Self.refused.count)
    }
}
