import Foundation
import Testing

@testable import GallraCore

/// Issue 29, finding 3: a register of thousands of activities is checked in time that grows with
/// it, and says what it said when every activity was compared with every id: each misspelt id
/// with the id it is nearest, each decision left in place of what it replaces, in its block only.
@Suite("Checking a register of many activities")
struct RegisterCheckScaleTests {
    static let count = 2_000

    /// Lines 1–5, the categories (one a line), "activities:", then eight lines an activity.
    static func register() -> String {
        var text = """
            version: 1
            controller:
              name: null  # TODO: the controller's name
              email: dpo@example.se
              automated_decisions: none

            """
        text += "categories:\n"
        for number in 0..<count { text += "  - { id: kategori-\(number), name: { sv: \"kategori \(number)\" } }\n" }
        text += "activities:\n"
        for number in 0..<count {
            text += """
                  - id: a-\(number)
                    name: Kundtjänst \(number)
                    purpose: Besvara frågor från kund \(number)
                    data_subjects: [customers]
                    data: [name, kategori-\(number), katgori-\(number % 50)]
                    legal_basis: [contract]
                    retention: "contract.ends + 1y"
                    systems: [crm]  # TODO: name the system

                """
        }
        return text
    }

    @Test("Each activity's problems are its own, as before, whatever the number of activities")
    func manyActivities() {
        let check = RegisterReader.check(yaml: Self.register())
        #expect(check.register == nil)
        var expected = [RegisterProblem(line: 3, message: "decision left: the controller's name")]
        for number in 0..<Self.count {
            let line = 5 + 1 + Self.count + 1 + 1 + number * 8
            let what = "activity \"a-\(number)\""
            expected += [
                RegisterProblem(
                    line: line, severity: .warning,
                    message: "\(what) does not describe its security measures (Art. 30(1)(g))"),
                RegisterProblem(
                    line: line + 4,
                    message:
                        "unknown data category \"katgori-\(number % 50)\" in \(what) (did you mean \"kategori-\(number % 50)\"?)"
                ),
                RegisterProblem(
                    line: line + 6,
                    message:
                        "the retention rule of \(what) names unknown event \"contract.ends\" (did you mean \"contract.end\"?)"
                ),
                RegisterProblem(line: line + 7, message: "decision left: name the system"),
            ]
        }
        expected.sort { ($0.line, $0.severity == .warning ? 1 : 0) < ($1.line, $1.severity == .warning ? 1 : 0) }
        #expect(check.problems.count == expected.count)
        let first = zip(check.problems, expected).first { $0.description != $1.description }
        #expect(first == nil, "the first problem that differs, and what was expected")
    }

    @Test("Past a budget of comparisons, a misspelt id is still an error, without the hint")
    func suggestionBudget() {
        let ids = 600
        var text = "version: 1\ncontroller: { name: Gallra AB, email: dpo@example.se, automated_decisions: none }\n"
        text += "categories:\n"
        for number in 0..<ids { text += "  - { id: kategori-\(number), name: \"kategori \(number)\" }\n" }
        text += "activities:\n"
        for number in 0..<ids {
            text +=
                "  - { id: a-\(number), name: A, purpose: Besvara frågor, data_subjects: [customers], data: [katgori-\(number)], legal_basis: [contract], retention: 1y }\n"
        }
        let unknown = RegisterReader.check(yaml: text).problems.filter { $0.message.hasPrefix("unknown data category") }
        #expect(unknown.count == ids)
        let hinted = RegisterParse.suggestionComparisons / (DataCategory.builtIn.count + ids)
        #expect(
            unknown.prefix(hinted).allSatisfy {
                $0.message.hasSuffix("(did you mean \"kategori-\($0.line - ids - 5)\"?)")
            })
        #expect(unknown.dropFirst(hinted).allSatisfy { $0.message.hasSuffix("in activity \"a-\($0.line - ids - 5)\"") })
    }

    @Test("A decision left replaces the problems about its key within its block, and a later one replaces it")
    func decisionsInBlocks() {
        let problems = [
            RegisterProblem(line: 2, message: "activity \"a\" is missing \"retention\""),
            RegisterProblem(line: 2, severity: .warning, message: "about \"retention\""),
            RegisterProblem(line: 5, message: "activity \"b\" is missing \"retention\""),
            RegisterProblem(line: 4, message: "on a TODO's line"),
        ]
        let yaml = """
            - id: a
              retention: null  # TODO: decide the "purpose"
              purpose: null  # TODO: decide it
            - id: b  # TODO: b
            - id: c
            """
        #expect(
            RegisterReader.decisionsLeft(in: yaml, replacing: problems).map(\.description)
                == [
                    RegisterProblem(line: 2, severity: .warning, message: "about \"retention\""),
                    RegisterProblem(line: 5, message: "activity \"b\" is missing \"retention\""),
                    RegisterProblem(line: 3, message: "decision left: decide it"),
                    RegisterProblem(line: 4, message: "decision left: b"),
                ].map(\.description))
    }

    @Test("Did you mean: the nearest within a third of the word, the first of equally near ones")
    func suggestion() {
        #expect(
            Suggestion.didYouMean("kategori-7", among: ["x", "kategori-17", "kategori-70", "kategori-7"])
                == " (did you mean \"kategori-7\"?)")
        #expect(Suggestion.didYouMean("abcdef", among: ["abcxef", "abcyef"]) == " (did you mean \"abcxef\"?)")
        #expect(Suggestion.didYouMean("abcdef", among: ["xyzdef", "ab"]) == "")
        #expect(Suggestion.didYouMean("ab", among: ["b", "abc"]) == " (did you mean \"b\"?)")
        for (a, b) in [("kitten", "sitting"), ("", "abc"), ("flaw", "lawn"), ("gallra", "gallra")] {
            #expect(Suggestion.editDistance(Array(a), Array(b), atMost: 10) == Suggestion.editDistance(a, b))
            #expect(Suggestion.editDistance(Array(a), Array(b), atMost: Suggestion.editDistance(a, b) - 1) == nil)
        }
    }
}
