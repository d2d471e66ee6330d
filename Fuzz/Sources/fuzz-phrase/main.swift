import FuzzDriver
import GallraCore

// The phrase reader (`gallra retention parse`, the import's retention column): any text gives a
// rule or a reason, and a rule it reads prints in the rule language as the same rule.
let reader = Fuzzing.setUp { RetentionPhraseReader() }

Fuzzing.run { bytes in
    let phrase = String(decoding: bytes, as: UTF8.self)
    _ = reader.namesStartingPoint(phrase)
    _ = reader.explain(phrase)
    switch reader.read(phrase) {
    case .refused(let reason):
        if reason.isEmpty { Fuzzing.violated("\"\(phrase)\" refused with no reason") }
    case .rule(let rule):
        guard let again = try? RetentionRule(parsing: rule.description), again == rule else {
            Fuzzing.violated("\"\(phrase)\" reads as \(rule), whose printed form is not the same rule")
        }
    }
}
