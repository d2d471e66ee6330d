import Testing

@testable import GallraCore

/// The checker's problems are shown on the admin pages in the officer's language: each is said
/// in Swedish and in English, and the Swedish says it in Swedish.
@Suite("The checker's problems in Swedish and English")
struct RegisterProblemLanguageTests {
    /// Words that only English sentences of the checker use.
    static let englishWords = [
        " is ", " the ", " must ", " missing ", " has no ", " unknown ", " does not ", " needs ", " names ", " with ",
    ]

    /// The Swedish differs from the English and has no English word outside what it quotes.
    static func expectSwedish(_ swedish: String, english: String) {
        #expect(swedish != english, "said only in English: \(english)")
        let unquoted = swedish.split(separator: "\"", omittingEmptySubsequences: false).enumerated()
            .filter { $0.offset % 2 == 0 }.map(\.element).joined(separator: " ")
        for word in englishWords {
            #expect(!" \(unquoted) ".contains(word), "English \"\(word)\" in: \(swedish)")
        }
    }

    static func problems() throws -> [RegisterProblem] {
        let broken = try contents("Tests/GallraCoreTests/Fixtures/broken-register.yaml")
        let processor = """
            version: 1
            controller: { name: Biträdet AB, email: dpo@example.se, automated_decisions: none }
            processor:
              controllers:
                - id: kund
                  name: Kunden AB
                  transfers:
                    - { country: SE, organisation: X }
                    - { country: USA }
            activities:
              - id: analys
                name: Analys
                purpose: Analys
                data_subjects: [visitors]
                data: [cookie_id, special_x]
                legal_basis: [legitimate_interests]
                retention: 13 månader
                provision: { consequence: x }
                dpo: {}
            """
        let yamlErrors = ["a: [", "a: 1\na: 2", ""]
        return [broken, processor].flatMap { RegisterReader.check(yaml: $0).problems }
            + yamlErrors.flatMap { RegisterReader.check(yaml: $0).problems }
    }

    @Test("Every problem has a Swedish text that is not the English one, and no English words in it")
    func swedish() throws {
        let problems = try Self.problems()
        #expect(problems.count >= 20, "the broken registers give many kinds of problem")
        for problem in problems {
            let swedish = problem.message(in: .sv)
            Self.expectSwedish(swedish, english: problem.message(in: .en))
        }
    }

    @Test("The phrase reader says why it refuses in Swedish too, for every refusal of the tuning corpus")
    func phraseRefusals() throws {
        let reader = RetentionPhraseReader()
        let refused = PhraseReaderPublishedCorpusTests.entries("tuning").compactMap { entry -> String? in
            if case .refusal = entry.expected { return entry.phrase }
            return nil
        }
        #expect(refused.count >= 200)
        for phrase in refused {
            guard case .refused(let swedish) = reader.read(phrase, reasonsIn: .sv),
                case .refused(let english) = reader.read(phrase, reasonsIn: .en)
            else { continue }
            Self.expectSwedish(swedish, english: english)
        }
    }

    @Test("The English text is what the command line prints")
    func english() throws {
        for problem in try Self.problems() {
            #expect(problem.message == problem.message(in: .en))
            #expect(problem.formatted(file: "r.yaml").hasSuffix(problem.message(in: .en)))
        }
    }
}
