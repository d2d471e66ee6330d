/// Number words in Swedish and English ("tio", "tolv", "eighteen", "thirty-six").
enum PhraseNumbers {
    static let swedishOnes = [
        "en": 1, "ett": 1, "två": 2, "tre": 3, "fyra": 4, "fem": 5, "sex": 6, "sju": 7, "åtta": 8, "nio": 9, "tio": 10,
        "elva": 11, "tolv": 12, "tretton": 13, "fjorton": 14, "femton": 15, "sexton": 16, "sjutton": 17, "arton": 18,
        "aderton": 18, "nitton": 19,
    ]
    static let swedishTens = [
        "tjugo": 20, "trettio": 30, "fyrtio": 40, "femtio": 50, "sextio": 60, "sjuttio": 70, "åttio": 80, "nittio": 90,
    ]
    static let englishOnes = [
        "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
        "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
        "seventeen": 17, "eighteen": 18, "nineteen": 19,
    ]
    static let englishTens = [
        "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    ]
    static let swedishOrdinals = [
        "första": 1, "andra": 2, "tredje": 3, "fjärde": 4, "femte": 5, "sjätte": 6, "sjunde": 7, "åttonde": 8,
        "nionde": 9, "tionde": 10, "elfte": 11, "tolfte": 12,
    ]
    static let englishOrdinals = [
        "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9,
        "tenth": 10, "eleventh": 11, "twelfth": 12,
    ]

    /// A regex alternative matching every number the reader accepts in `languages`, longest first.
    static func pattern(for languages: Set<Language>) -> String {
        var words: [String] = []
        if languages.contains(.sv) {
            words += swedishTens.keys.flatMap { tens in
                swedishOnes.keys.filter { swedishOnes[$0]! < 10 }.map { tens + $0 }
            }
            words += Array(swedishTens.keys) + Array(swedishOnes.keys) + ["hundra"]
        }
        if languages.contains(.en) {
            words += englishTens.keys.flatMap { tens in
                englishOnes.keys.filter { englishOnes[$0]! < 10 && $0.count > 2 }.flatMap {
                    ["\(tens)-\($0)", "\(tens) \($0)"]
                }
            }
            words += Array(englishTens.keys) + Array(englishOnes.keys) + ["hundred"]
        }
        // A number in words must be followed by a space: "and" is not "an" + "d".
        return "\\d+|(?:" + words.sorted { $0.count > $1.count }.joined(separator: "|") + ")(?=\\s)"
    }

    static func value(of word: String) -> Int? {
        let word = word.lowercased().replacingOccurrences(of: " ", with: "-")
        if let number = Int(word) { return number }
        if word == "hundra" || word == "hundred" { return 100 }
        if let value = swedishOnes[word] ?? englishOnes[word] ?? swedishTens[word] ?? englishTens[word] { return value }
        for (tens, value) in swedishTens.merging(englishTens, uniquingKeysWith: { a, _ in a })
        where word.hasPrefix(tens) {
            var rest = String(word.dropFirst(tens.count))
            if rest.hasPrefix("-") { rest.removeFirst() }
            if let ones = swedishOnes[rest] ?? englishOnes[rest], ones < 10 { return value + ones }
        }
        return nil
    }

    static func ordinal(_ word: String) -> Int? {
        swedishOrdinals[word.lowercased()] ?? englishOrdinals[word.lowercased()]
    }
}
