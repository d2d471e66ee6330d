import GallraCore
import GallraServices

/// A rectification's values on its page (`request.mustache`): each with a field for the corrected
/// value, pre-filled with the value noted or the one proposed from the person's text, and the
/// corrections noted, old → new. Only what the role may write is listed.
struct RectificationView: Encodable, Sendable {
    struct Field: Encodable, Sendable {
        let index: Int
        /// The target (`CorrectionTarget.key`), sent back with the value.
        let key: String
        /// The data category, in the page's language.
        let what: String
        /// The activity, and where the value is kept.
        let place: String
        let value: String
        let entered: String
        /// The field holds the value proposed from the person's text.
        let proposed: Bool
    }

    struct Change: Encodable, Sendable {
        let what: String
        let place: String
        let old: String
        let new: String
    }

    var fields: [Field] = []
    var hasFields = false
    var changes: [Change] = []
    var hasChanges = false

    /// `entered`: what a form sent back had in its fields, by target, to show again with its error.
    init(_ values: [CorrectableValue], register: Register?, words: Words, entered: [String: String]?) {
        let language = words.language
        for (index, value) in values.enumerated() {
            let what = Self.what(value, register: register, words: words)
            let activity = register?.activity(value.activity)?.name[language] ?? value.activity
            let place: String
            if case .connected(let system, let row, let column) = value.target {
                place = "\(activity) · \(system) \(row), \(words[.correctionColumn]) \(column)"
            } else {
                place = "\(activity) · \(words[.correctionInStore])"
            }
            let shown = entered?[value.target.key] ?? value.noted ?? value.proposed ?? ""
            fields.append(
                Field(
                    index: index, key: value.target.key, what: what, place: place, value: value.value, entered: shown,
                    proposed: value.noted == nil && value.proposed != nil && shown == value.proposed))
            if let noted = value.noted {
                changes.append(Change(what: what, place: place, old: value.value, new: noted))
            }
        }
        hasFields = !fields.isEmpty
        hasChanges = !changes.isEmpty
    }

    /// The value's data category, in the page's language.
    static func what(_ value: CorrectableValue, register: Register?, words: Words) -> String {
        register?.category(value.category)?.name[words.language] ?? value.category
    }
}
