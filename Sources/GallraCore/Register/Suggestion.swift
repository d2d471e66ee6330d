/// "Did you mean …?" for a misspelt id or field name.
public enum Suggestion {
    public static func didYouMean(_ word: String, among candidates: [String]) -> String {
        let ranked = candidates.map { (candidate: $0, distance: editDistance(word, $0)) }
            .filter { $0.distance <= max(1, word.count / 3) }
            .min { $0.distance < $1.distance }
        return ranked.map { " (did you mean \"\($0.candidate)\"?)" } ?? ""
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
