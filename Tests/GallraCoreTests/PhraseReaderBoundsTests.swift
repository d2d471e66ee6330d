import Foundation
import Testing

@testable import GallraCore

/// A cell of an imported spreadsheet is outside input: the reader answers every one, however long
/// or repetitive, without reading it through.
@Suite("The phrase reader's bounds")
struct PhraseReaderBoundsTests {
    static let reader = RetentionPhraseReader()

    @Test("A period said twice reads; said again and again, thousands of times, it is refused")
    func restatedOverAndOver() {
        #expect(Self.reader.read("två år, det vill säga 2 år").rule?.description == "collected + 2y")
        let phrase = "två år" + String(repeating: ", det vill säga två år", count: 5_000)
        guard case .refused = Self.reader.read(String(phrase.prefix(RetentionPhraseReader.longestPhrase))) else {
            Issue.record("a period said many times over was read")
            return
        }
        #expect(
            Self.reader.read("två år, dvs två år, dvs två år") == .refused(reason: "it says the period more than twice")
        )
    }

    @Test("A cell longer than a retention period is said in is refused, and says why")
    func tooLong() {
        let long = "Uppgifterna sparas i två år. " + String(repeating: "x", count: 2_000)
        #expect(
            Self.reader.read(long, reasonsIn: .sv)
                == .refused(reason: "för lång för att vara en lagringstid (över 2000 tecken)"))
        #expect(Self.reader.read("Uppgifterna sparas i två år.").rule != nil)
    }
}

@Suite("Identifiers with combining marks")
struct IdentifierCombiningMarkTests {
    @Test("A personnummer whose digit carries a combining mark is refused, not a trap")
    func combiningMark() {
        let today = CivilDate(year: 2026, month: 12, day: 7)!
        #expect(throws: IdentifierError.self) {
            try SubjectIdentifier(.personalNumber, "1\u{301}90101-1234", today: today)
        }
    }
}
