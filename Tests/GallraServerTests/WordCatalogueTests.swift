import Foundation
import GallraCore
import Testing

@testable import GallraServer

/// The words of the admin UI and the self-service pages: each given in both languages, so that no
/// page shows an empty label in one of them.
@Suite("The words of both languages")
struct WordCatalogueTests {
    /// Words that read the same in Swedish and English.
    static let sameInBoth: Set<Word> = [.app, .status, .version]

    @Test("Every word has a text in Swedish and in English")
    func everyWordIsGiven() {
        for word in Word.allCases {
            #expect(!word.swedish.isEmpty, "\(word) has no Swedish text")
            #expect(!word.english.isEmpty, "\(word) has no English text")
        }
    }

    @Test("A word's Swedish and English texts differ, but for the few that are the same in both")
    func swedishIsNotEnglish() {
        for word in Word.allCases where !Self.sameInBoth.contains(word) {
            #expect(word.swedish != word.english, "\(word) reads \"\(word.english)\" in both languages")
        }
        for word in Self.sameInBoth {
            #expect(word.swedish == word.english, "\(word) is no longer the same in both; take it off the list")
        }
    }

    @Test("A template reads every word by its key, in the page's language")
    func templatesReadEveryWord() {
        for language in Language.allCases {
            let byKey = Words(language).byKey
            #expect(byKey.count == Word.allCases.count)
            #expect(byKey["sign_in"] == Words(language)[.signIn])
        }
        #expect(Words(.sv)[.selfServiceHeading] == "Dina personuppgifter: gör en begäran")
        #expect(Words(.en).byKey["self_service_stale"] == "The form has expired; please send it again.")
    }

    @Test("The templates name only words that exist, so none renders an empty label")
    func templatesNameKnownWords() throws {
        let known = Set(Word.allCases.map(\.rawValue))
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Sources/GallraServer/Web/Templates").standardized
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter {
            $0.hasSuffix(".mustache")
        }
        #expect(!names.isEmpty)
        for name in names {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            // Every `{{t.key}}` (the only way a template reads a word).
            for piece in text.components(separatedBy: "{{t.").dropFirst() {
                let key = String(piece.prefix { $0.isLetter || $0 == "_" || $0 == "-" })
                #expect(known.contains(key), "\(name) reads the unknown word t.\(key)")
            }
        }
    }
}
