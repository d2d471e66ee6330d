/// "Did you mean …?" for a misspelt id or field name.
public enum Suggestion {
    /// The nearest candidate within an edit distance of a third of the word (at least 1), the
    /// first of equally near ones. A candidate whose length alone puts it farther is skipped, and
    /// a distance is computed only as far as it could still win, so a register of thousands of ids
    /// is searched in time that grows with the ids, not their length squared each.
    public static func didYouMean(_ word: String, among candidates: [String], in language: Language = .en) -> String {
        guard let best = nearest(word, among: candidates) else { return "" }
        switch language {
        case .sv: return " (menade du \"\(best)\"?)"
        case .en: return " (did you mean \"\(best)\"?)"
        }
    }

    /// The nearest candidate, as `didYouMean` describes, or nil.
    public static func nearest(_ word: String, among candidates: [String]) -> String? {
        let word = Array(word)
        var bound = max(1, word.count / 3)
        var best: String?
        for candidate in candidates {
            guard abs(candidate.count - word.count) <= bound,
                let distance = editDistance(word, Array(candidate), atMost: bound)
            else { continue }
            best = candidate
            // Only a nearer candidate replaces it.
            guard distance > 0 else { break }
            bound = distance - 1
        }
        return best
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        editDistance(Array(a), Array(b), atMost: Int.max - 1)!
    }

    /// The Levenshtein distance of `a` and `b`, or nil once it is sure to exceed `limit`.
    static func editDistance(_ a: [Character], _ b: [Character], atMost limit: Int) -> Int? {
        guard !a.isEmpty else { return b.count <= limit ? b.count : nil }
        guard !b.isEmpty else { return a.count <= limit ? a.count : nil }
        var previous = Array(0...b.count)
        var current = previous
        for i in 1...a.count {
            current[0] = i
            var smallest = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                smallest = min(smallest, current[j])
            }
            // Every later row is at least the smallest of this one.
            if smallest > limit { return nil }
            swap(&previous, &current)
        }
        return previous[b.count] <= limit ? previous[b.count] : nil
    }
}
