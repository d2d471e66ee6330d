import Foundation

extension Words {
    /// A word with its `{name}` places filled: `words.fill(.pageOf, ["page": "2", "pages": "5"])`.
    func fill(_ word: Word, _ values: [String: String]) -> String {
        values.reduce(self[word]) { text, value in text.replacingOccurrences(of: "{\(value.key)}", with: value.value) }
    }
}
