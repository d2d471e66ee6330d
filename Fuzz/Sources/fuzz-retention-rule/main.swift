import FuzzDriver
import GallraCore

// The retention rule language (`retention:` in the register, `gallra retention check`): any text
// parses to a rule or a syntax error, and a rule's printed form parses back to the same rule.
Fuzzing.run { bytes in
    let text = String(decoding: bytes, as: UTF8.self)
    guard let rule = try? RetentionRule(parsing: text) else { return }
    let printed = rule.description
    guard let again = try? RetentionRule(parsing: printed), again == rule else {
        Fuzzing.violated("\"\(text)\" prints as \"\(printed)\", which does not parse back to the same rule")
    }
}
