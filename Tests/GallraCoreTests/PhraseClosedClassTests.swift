import Testing

@testable import GallraCore

/// The inverted design (issue 33): the wording that can move the day is a closed class listed in
/// the lexicon; every other word names what is kept, who keeps it or why, unless it stands where
/// the rule needs a moment.
@Suite("The phrase reader's closed class of wording that moves the day")
struct PhraseClosedClassTests {
    static let reader = RetentionPhraseReader()

    @Test("Every line of the closed class names a meaning and a language the reader knows")
    func tableLines() {
        let lines = PhraseLexicon.closedClassTable.split(separator: "\n").map {
            $0.trimmingCharacters(in: .whitespaces)
        }.filter { !$0.isEmpty && !$0.hasPrefix("#") }
        #expect(lines.count >= 200)
        for line in lines {
            let fields = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            #expect(fields.count == 3, "\(line)")
            guard fields.count == 3 else { continue }
            #expect(fields[0] == fields[0].lowercased() && !fields[0].isEmpty, "\(line)")
            #expect(PhraseLexicon.meaning(fields[1]) != nil, "\(line)")
            #expect(PhraseLexicon.languages(fields[2]) != nil, "\(line)")
        }
    }

    /// Each kind of the closed class, in both languages: the phrase is refused with the reason of
    /// that kind (without the word, each reads as a plain period).
    @Test(
        "A word of the closed class refuses the phrase with its kind's reason",
        arguments: [
            ("Raderas inte efter 2 år", "negation"),
            ("Not deleted after 2 years", "negation"),
            ("Granskas varje månad och sparas i 2 år", "cycle"),
            ("Backed up annually, kept for 2 years", "cycle"),
            ("Reviewed after 2 years", "not that it is erased"),
            ("Sparas troligen i 2 år", "estimate"),
            ("Kept for ~2 years", "estimate"),
            ("Kept for probably 2 years", "estimate"),
            ("Should be kept for 2 years", "usual case"),
            ("Raderas innan avtalet upphör, efter 2 år", "counts back"),
            ("Deleted 30 days before the contract ends", "counts back"),
            ("Vissa uppgifter sparas i 2 år", "part of the data"),
            ("Our longest retention period is 2 years", "part of the data"),
            ("Sparas 1,5 år", "a number"),
            ("Kept until the child is 18, then for 2 years", "a number"),
            ("Sparas i 2 år eller senare", "extension"),
            ("Kept 2 years, renewed on each purchase", "extension"),
            ("Sparas 2 år, utskrifter förstörs omedelbart", "second moment"),
            ("Sparas tidigast 2 år", "minimum"),
            // A further period after something an earlier sentence named.
            ("Efter ytterligare ett år som inaktiv raderas uppgifterna", "adds 1y to something"),
            // A period said again as another.
            ("Sparas i 24 månader, det vill säga tre år", "as if they were the same"),
            // The end of an account named by an adjective, with nothing that counts from it.
            ("Expired account data will be retained for 365 days", "does not say how 365d relates"),
            // A ticket named with a moment beside it keeps the moment's question open.
            ("Support tickets are deleted after 24 months", "does not say how 24mo relates"),
        ])
    func closedClassRefuses(phrase: String, reason: String) {
        guard case .refused(let said) = Self.reader.read(phrase) else {
            Issue.record("\"\(phrase)\" was read: \(Self.reader.read(phrase))")
            return
        }
        #expect(said.contains(reason), "\(phrase): \(said)")
    }

    /// Words outside the lexicon that only name what is kept, who keeps it or why, and labels
    /// before the period: the phrase reads as if they were not there.
    @Test(
        "A word outside the lexicon that names what is kept does not stop the reading",
        arguments: [
            ("Lagringstid: högst två år", "collected + 2y"),
            ("Gallring: 10 år", "collected + 10y"),
            ("Whistleblowing reports are deleted two years after the case is closed", "case.closed + 2y"),
            ("The secretariat keeps a case's documents for five years after it closed", "case.closed + 5y"),
            ("Handläggarens anteckningar, det vill säga arbetsmaterial, sparas i 2 år", "collected + 2y"),
            ("Acme AB sparar grundinformation i 3 år", "collected + 3y"),
            ("Samtalsinspelningar sparas 30 dagar från samtalsdatum", "collected + 30d"),
            ("Recordings are kept for 90 days from the date of recording", "collected + 90d"),
            ("Applications are kept 6 months from submission", "collected + 6mo"),
            ("Enquiries are kept 12 months from the date the enquiry was received", "collected + 12mo"),
            ("kept until one year after your visit", "collected + 1y"),
            ("once your membership has expired, your data is deleted", "membership.end"),
            ("as long as one is a member", "membership.end"),
            ("when you are no longer a paying member you are removed", "membership.end"),
            ("duration of the account + 3 months after closure", "account.closed + 3mo"),
            ("5 years after the customer/supplier relationship has ended", "relationship.end + 5y"),
            ("Lönebesked: 7 år enligt bokföringslagen 7 kap. 2 §", "end-of-year(fiscal-year.end) + 7y"),
            ("Support tickets: 24 months", "collected + 24mo"),
            ("Bilagor till ärenden sparas 1 år i arkivet", "collected + 1y"),
            ("If your backup account expires, we keep the data for 30 days", "account.closed + 30d"),
            (
                "Sparas i två år efter avslutat ärende, det vill säga till och med två år efter att ärendet avslutats",
                "case.closed + 2y"
            ),
            (
                "Kept for 2 years after the contract ends, i.e. 2 years after the end of the contract",
                "contract.end + 2y"
            ),
            (
                "sparas fram till och med det sjunde året efter utgången av det kalenderår då räkenskapsåret avslutades",
                "end-of-year(fiscal-year.end) + 7y"
            ),
            ("3 years after the end of the tax year they relate to", "fiscal-year.end + 3y"),
            // Event vocabulary in other forms.
            ("6 years after the tenancy ends", "contract.end + 6y"),
            ("5 years after the closure of the case", "case.closed + 5y"),
            ("Sparas två år efter kontraktstidens slut", "contract.end + 2y"),
            ("two years after the last time you used the app", "last-activity + 2y"),
            ("six years after the end of the contract term", "contract.end + 6y"),
            ("Uppgifterna raderas två år efter att du slutat vara kund", "relationship.end + 2y"),
            ("Kept for two years after your last donation", "last-activity + 2y"),
            ("Deleted 30 days after you cancel your membership", "membership.end + 30d"),
            ("Retained for 1 year after the job has been filled", "recruitment.end + 1y"),
            ("Kept for 7 years after the end of the engagement", "contract.end + 7y"),
            ("Kept for 2 years from the date your application was received", "collected + 2y"),
            ("kept while your account remains open and for 90 days after you close it", "account.closed + 90d"),
            ("raderas senast 30 dagar efter att prenumerationen avslutats", "contract.end + 30d"),
            ("Recordings are kept for 31 days and then automatically deleted", "collected + 31d"),
            ("Stored for 30 days, after which they are overwritten", "collected + 30d"),
            ("Inspelningar sparas i 30 dagar och sedan raderas de", "collected + 30d"),
            ("Deleted 12 months after your last login and cannot be recovered", "last-activity + 12mo"),
            ("Kept for 5 years after the end of the customer relationship for tax reasons", "relationship.end + 5y"),
            (
                "Personal data is held for six months following the conclusion of the recruitment process",
                "recruitment.end + 6mo"
            ),
        ])
    func namesDoNotStop(phrase: String, expected: String) throws {
        let rule = try RetentionRule(parsing: expected)
        #expect(Self.reader.read(phrase) == .rule(rule), "\(phrase)")
    }

    /// Where the rule needs a moment, a word outside the lexicon names a moment Gallra does not
    /// know: the phrase is refused rather than counted from collection.
    @Test(
        "A word outside the lexicon where the moment belongs refuses the phrase",
        arguments: [
            "Sparas två år efter avslutad utbildning",
            "Kept for 5 years after the opening of the case",
            "Kept for 5 years after the case hearing",
            "Sparas till årsskiftet",
            "Raderas vid kursslut",
            "Kept for 2 years from the date of the hearing",
            "Membership data is kept during active membership + a retention buffer afterward",
            "Kept until graduation, then 1 year",
            "Handlingarna sparas från Skatteverkets beslut i 3 år",
        ])
    func unknownMomentRefuses(phrase: String) {
        guard case .refused(let reason) = Self.reader.read(phrase) else {
            Issue.record("\"\(phrase)\" was read: \(Self.reader.read(phrase))")
            return
        }
        #expect(reason.contains("not an event Gallra knows") || reason.contains("from nothing"), "\(phrase): \(reason)")
    }
}

/// The passes that read a word by its neighbours, each with its table: a phrase, a word of it,
/// and how that word is placed after the passes.
@Suite("The phrase reader's passes")
struct PhrasePassTests {
    static let reader = RetentionPhraseReader()

    @Test("The passes apply in their listed order, each once")
    func order() {
        let names = PhraseTokenizer.passes.map { String(describing: $0) }
        #expect(
            names == [
                "PhraseConditionsThatAreMoments", "PhraseErasedAccounts", "PhraseDeletedThings", "PhraseCitedLaws",
                "PhraseAddedThings", "PhraseNamedThings", "PhraseThenErased", "PhrasePurposeClauses",
                "PhraseInactivityThresholds",
                "PhraseUnnamedMoments",
                "PhraseMomentSlots", "PhraseUnnamedEnds",
            ])
    }

    @Test(
        "Each pass places the word its table names",
        arguments: [
            // PhraseConditionsThatAreMoments
            ("If you close your account, data is deleted after 30 days", "if", "the event that follows starts"),
            ("If you are a customer, data is kept 2 years", "if", "a condition"),
            ("If your backup account expires, data is kept 30 days", "if", "the event that follows starts"),
            ("If your account is active, data is kept 2 years", "if", "a condition"),
            // PhraseErasedAccounts
            ("Kontot raderas efter 24 månaders inaktivitet", "kontot raderas", "the erasure itself"),
            // PhraseDeletedThings
            ("Deleted content is removed within 60 days", "deleted", "an unknown moment"),
            // PhraseCitedLaws
            ("fem år enligt penningtvättslagen", "enligt penningtvättslagen", "a law without its moment"),
            // PhraseAddedThings
            ("Samtalsdetaljer (extra data) sparas 2 månader", "extra", "carries no meaning"),
            // PhraseNamedThings
            ("Support tickets/messages: 24 months", "support tickets", "carries no meaning"),
            ("Support tickets are kept 24 months after the case is closed", "support tickets", "the event case.closed"),
            // PhraseThenErased
            ("Recordings are kept for 31 days and then automatically deleted", "and then", "carries no meaning"),
            ("Kept during the contract and then 2 years", "and then", "adds a period"),
            // PhrasePurposeClauses
            ("sparas i sex månader för att kunna svara på frågor", "svara", "the purpose"),
            // PhraseInactivityThresholds
            ("Konton som varit inaktiva i mer än två år raderas", "mer än", "how long the inactivity lasts"),
            // PhraseUnnamedMoments
            ("Kept until the order is complete", "until", "an unknown moment"),
            // PhraseMomentSlots
            ("Sparas två år efter avslutad utbildning", "efter", "an unknown moment"),
            ("Whistleblowing reports are deleted two years after the case is closed", "whistleblowing", "names what"),
            // PhraseUnnamedEnds
            ("Five years/end of legal action", "end", "an unknown moment"),
            ("Projektets slut + 1 år", "slut", "an unknown moment"),
        ])
    func placement(phrase: String, words: String, placement: String) {
        let placed = Self.reader.explain(phrase).first { $0.words == words }
        #expect(placed?.placement.contains(placement) == true, "\(phrase): \(Self.reader.explain(phrase))")
    }
}
