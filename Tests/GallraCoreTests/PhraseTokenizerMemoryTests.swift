import Foundation
import Testing

@testable import GallraCore

@Suite("The phrase reader's memory")
struct PhraseTokenizerMemoryTests {
    /// Found by fuzzing (Fuzz/, docs/fuzzing.md): NSRegularExpression on Linux never frees what it
    /// compiles, and every reader compiled the lexicon anew, so each register read or import
    /// (one reader per activity) kept about 85 KB for good: a server taking uploads grew without
    /// bound. Readers now share one compiled expression per pattern.
    @Test("A second reader compiles no expression the first one compiled")
    func readersShareCompiledExpressions() {
        let first = PhraseTokenizer(languages: [.sv, .en], declaredEvents: [])
        let second = PhraseTokenizer(languages: [.sv, .en], declaredEvents: [])
        #expect(first.entries.count == second.entries.count)
        #expect(zip(first.entries, second.entries).allSatisfy { $0.regex === $1.regex })
    }
}
