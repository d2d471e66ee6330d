import Foundation
import Testing

@testable import GallraCore

@Suite("The phrase reader matches lower-cased text with lower-cased patterns")
struct PhraseTokenizerCaseTests {
    /// The patterns are matched without case folding (several times faster), over text that
    /// `normalise` lower-cases: a pattern with a capital letter would never match.
    @Test("No pattern of the lexicon or of a register's own events holds a capital letter")
    func patternsAreLowerCase() {
        let events = [
            EventDefinition(name: "avtal.slut", meaning: LocalizedText(sv: "Avtalet Upphör", en: "End Of Contract"))
        ]
        let tokenizer = PhraseTokenizer(languages: [.sv, .en], declaredEvents: events)
        // What is left of a pattern once its escapes (\p{L}, \S, \d …) are taken out.
        let escapes = /\\(?:[pP]\{[^}]*\}|.)/
        for entry in tokenizer.entries {
            let letters = entry.regex.pattern.replacing(escapes, with: "")
            #expect(letters == letters.lowercased(), "\(entry.regex.pattern)")
        }
    }

    @Test("Capitals in a phrase read as the same words")
    func capitalsRead() {
        let reader = RetentionPhraseReader()
        #expect(reader.read("avtalstiden + 1 år").rule != nil)
        #expect(reader.read("AVTALSTIDEN + 1 ÅR") == reader.read("avtalstiden + 1 år"))
        #expect(reader.read("5 Years After The Contract Ends") == reader.read("5 years after the contract ends"))
        let own = RetentionPhraseReader(
            declaredEvents: [EventDefinition(name: "avtal.slut", meaning: LocalizedText(sv: "Avtalet upphör"))])
        #expect(own.read("2 år efter att AVTALET UPPHÖR").rule != nil)
    }
}
