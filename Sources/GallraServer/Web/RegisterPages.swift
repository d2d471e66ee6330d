import GallraCore
import GallraServices

/// The register page (`register.mustache`): the version in force, activity by activity.
struct RegisterPage: Encodable, Sendable {
    struct Activity: Encodable, Sendable {
        let name: String
        let purpose: String
        let basis: String
        let retention: String
    }

    let navRegister = true
    let controller: String
    let version: Int64
    let mayChange: Bool
    let since: String
    let activities: [Activity]
    /// "The new version is in force", after one is applied.
    let message: String?
    /// The record kept as a processor (Art. 30(2)), when the register has one.
    var processorRecord: ProcessorRecordView? = nil
}

/// A new version before it is applied (`review.mustache`): the file line by line with the
/// checker's problems beside the lines, and what changes for each activity.
struct ReviewPage: Encodable, Sendable {
    struct Problem: Encodable, Sendable {
        let line: Int
        let severity: String
        let message: String
    }

    struct Line: Encodable, Sendable {
        let number: Int
        let text: String
        /// The problems on the line; nil where there are none.
        var problem: String?
        /// A line with an error is flagged; one with warnings only, marked more lightly.
        var error: Bool?
    }

    struct Change: Encodable, Sendable {
        let name: String
        let what: String
        let held: Int
        let expiredBefore: Int
        let expiredAfter: Int
        let more: Bool
    }

    let navRegister = true
    let yaml: String
    let valid: Bool
    let refused: Bool
    let errorCount: Int
    let hasProblems: Bool
    let canApply: Bool
    let problems: [Problem]
    let lines: [Line]
    let hasChanges: Bool
    let changes: [Change]
    let refusal: String?
    /// "The record as a processor changes", when it does.
    let processorChange: String?
    /// Neither an activity nor the record as a processor changes.
    let nothingChanges: Bool
    /// What was read from the spreadsheet, when the draft is one.
    var imported: String?

    init(yaml: String, review: RegisterReview, words: Words) {
        let language = words.language
        let flagged = Dictionary(grouping: review.problems, by: \.line)
        let register = review.register
        self.yaml = yaml
        valid = register != nil
        refused = register == nil
        errorCount = review.problems.filter { $0.severity == .error }.count
        hasProblems = !review.problems.isEmpty
        canApply = review.canApply
        // Errors (and decisions left) first, each in order of its line; then the warnings.
        problems = review.problems.sorted {
            ($0.severity == .error ? 0 : 1, $0.line) < ($1.severity == .error ? 0 : 1, $1.line)
        }
        .map { Problem(line: $0.line, severity: $0.severity.rawValue, message: $0.message(in: language)) }
        lines = yaml.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map { index, text in
            var line = Line(number: index + 1, text: String(text))
            if let problems = flagged[index + 1] {
                line.problem = problems.map { $0.message(in: language) }.joined(separator: " ")
                line.error = problems.contains { $0.severity == .error }
            }
            return line
        }
        hasChanges = !review.changes.isEmpty
        changes = review.changes.map { change in
            let events = register?.events ?? []
            var what: [String] = []
            switch (change.before, change.after) {
            case (nil, _): what.append(words[.added])
            case (_, nil): what.append(words[.removed])
            case (let before?, let after?) where before != after:
                what.append(
                    "\(words[.retentionChanged]): \(before.wording(language, declaredEvents: events)) → \(after.wording(language, declaredEvents: events))"
                )
            default: break
            }
            if change.otherFields { what.append(words[.otherChanges]) }
            return Change(
                name: change.name[language], what: what.joined(separator: "; "), held: change.recordsHeld,
                expiredBefore: change.expiredBefore, expiredAfter: change.expiredAfter,
                more: change.expiredAfter > change.expiredBefore)
        }
        refusal = review.refusal?[language]
        processorChange = review.processorRecordChanged ? words[.processorRecordChanged] : nil
        nothingChanges = review.changes.isEmpty && !review.processorRecordChanged
    }
}
