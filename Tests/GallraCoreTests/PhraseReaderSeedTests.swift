import Testing

@testable import GallraCore

/// Every retention phrase in `shared/seeds/`, as the reader must read it.
@Suite("The phrase reader on the seed documents")
struct PhraseReaderSeedTests {
    static let reader = RetentionPhraseReader()

    /// 001: the Swedish retention table.
    static let swedishTable: [(String, String)] = [
        ("Avtalstiden + 1 år", "contract.end + 1y"),
        ("60 dagar", "collected + 60d"),
        ("1-365 dagar", "collected + 365d"),
        ("Under rekryteringsprocessen + ytterligare 2 år", "recruitment.end + 2y"),
        ("7 år", "collected + 7y"),
        ("Avtalstiden + 3 år", "contract.end + 3y"),
        ("2 år", "collected + 2y"),
        ("5 år", "collected + 5y"),
        ("Under avtalstiden + 30 dagar", "contract.end + 30d"),
        ("13 mån efter avtalets slut", "contract.end + 13mo"),
        ("3 år", "collected + 3y"),
        ("Under avtalstiden + 1 år", "contract.end + 1y"),
        ("30 dagar", "collected + 30d"),
        ("Under avtalstid + 30 dagar", "contract.end + 30d"),
        ("Under tid supportärendet är öppet + 7 dagar, max 12 mån", "min(case.closed + 7d, collected + 12mo)"),
        ("Ingen", "none"),
        ("10 år", "collected + 10y"),
        ("Under aktuell marknadsföring alternativt tills återkallat samtycke", "min(campaign.end, consent.withdrawn)"),
        ("6 månader efter nedladdning", "download + 6mo"),
    ]

    /// Retention wording in the Swedish privacy policies (002, 003, 004) and the spec's worked examples.
    static let swedishPolicies: [(String, String)] = [
        (
            "Kund- och leverantörsdata sparas så länge du är kund eller leverantör hos oss och därefter som längst 36 månader.",
            "relationship.end + 36mo"
        ),
        (
            "I support-, licens- och CRM-system raderas informationen 3 år efter att avtalen avslutats.",
            "contract.end + 3y"
        ),
        ("lagras under hela kontraktstiden", "contract.end"),
        (
            "Bokföringslagen: till och med det sjunde året efter utgången av det kalenderår då räkenskapsåret avslutades",
            "end-of-year(fiscal-year.end) + 7y"
        ),
    ]

    /// 000: the English table. The first phrase is read; the others do not fix a day and are refused.
    static let englishTable: [(String, String)] = [
        (
            "As long as you hold the specific position which is of relevance for the communication, or as long as the agreement is valid",
            "max(position.end, contract.end)"
        )
    ]

    static let refusedSeedPhrases: [(String, String)] = [
        // Read as contract.end + 7y before the reader accounted for every word: "the main rule"
        // says there are exceptions, and which they are is for the controller to decide.
        (
            "Huvudregeln är att personuppgifter lagras i 7 år i ekonomisystemen, efter att ett avtal upphört.",
            "huvudregeln"
        ),
        (
            "As long as you hold the specific position which is of relevance for the communication, or as long as the agreement is valid Your personal data will be stored as long as needed if it is needed as proof during the guarantee period of the contract, or as long as a claim can be filed under the contract",
            "needed"
        ),
        (
            "As long as you hold the specific position which is of relevance for the communication, or as long as the agreement is valid Your details may be saved in case it is required as proof during the warranty period for the agreement",
            "in case"
        ),
        (
            "As long as you hold the specific position which is of relevance for the communication, or as long as the agreement is valid Your details may be saved in the event it is needed as proof during the warranty period for the contract, or as long as a claim can be filed under the contract Further, your personal data may be stored up to seven years due to a legal obligation (the Swedish Accounting Act)",
            "in the event"
        ),
        (
            "Up until the event, and thereafter by the financial department up to seven years due to legal obligation (the Swedish Accounting Act)",
            "split the activity"
        ),
        ("As long as the personal data is of relevance and you have not denied the processing", "of relevance"),
        (
            "During the time our customer relation is ongoing and in accordance with applicable prescription rules",
            "applicable"
        ),
        (
            "Fakturauppgifter och fakturaunderlag sparas så länge det är nödvändigt enligt lag, t.ex. bokföringslagen.",
            "nödvändigt"
        ),
        ("Varierande, > 5 år", "varierande"),
        ("när de inte längre behövs", "behövs"),
    ]

    @Test("Seed phrases are read to the right rule", arguments: swedishTable + swedishPolicies + englishTable)
    func read(phrase: String, rule: String) {
        #expect(Self.reader.read(phrase) == .rule(try! RetentionRule(parsing: rule)))
    }

    @Test("Seed phrases that do not fix a day are refused, with the reason", arguments: refusedSeedPhrases)
    func refused(phrase: String, because word: String) {
        guard case .refused(let reason) = Self.reader.read(phrase) else {
            Issue.record("\"\(phrase)\" was read as \(Self.reader.read(phrase))")
            return
        }
        #expect(reason.contains(word))
    }

    @Test("The language option reads only that language")
    func languageOption() {
        #expect(
            RetentionPhraseReader(language: .sv).read("Avtalstiden + 1 år").rule?.description == "contract.end + 1y")
        #expect(RetentionPhraseReader(language: .en).read("Avtalstiden + 1 år").rule == nil)
        #expect(RetentionPhraseReader(language: .en).read("5 years").rule?.description == "collected + 5y")
        #expect(RetentionPhraseReader(language: .sv).read("five years").rule == nil)
    }

    @Test("A register's own events are recognised by their names")
    func declaredEvents() {
        let warranty = EventDefinition(
            name: EventName(validating: "warranty.end")!,
            meaning: .init(sv: "garantitidens slut", en: "end of the warranty period"))
        let reader = RetentionPhraseReader(declaredEvents: [warranty])
        #expect(reader.read("2 år efter garantitidens slut").rule?.description == "warranty.end + 2y")
        #expect(reader.read("until the end of the warranty period").rule?.description == "warranty.end")
        #expect(reader.read("Under garantitiden + 6 mån").rule?.description == "warranty.end + 6mo")
        // Without the declaration the warranty is not an event, and the phrase is refused.
        #expect(Self.reader.read("2 år efter garantitidens slut").rule == nil)
    }
}
