import Synchronization

/// The tokens of the phrases a tokenizer read last: an import reads the same wording on many rows
/// ("Avtalstiden + 1 år"), and a caller that asks whether a phrase names its starting point and
/// then reads it tokenizes it once. Bounded: a long phrase is not kept, and a full memory starts
/// over.
final class RecentTokenizations: Sendable {
    static let phrases = 256
    static let longestPhrase = 2_048

    private let tokens = Mutex<[String: [PhraseToken]]>([:])

    func tokens(of phrase: String, _ tokenize: (String) -> [PhraseToken]) -> [PhraseToken] {
        guard phrase.utf8.count <= Self.longestPhrase else { return tokenize(phrase) }
        if let known = tokens.withLock({ $0[phrase] }) { return known }
        let made = tokenize(phrase)
        tokens.withLock { tokens in
            if tokens.count >= Self.phrases { tokens.removeAll(keepingCapacity: true) }
            tokens[phrase] = made
        }
        return made
    }
}

extension PhraseTokenizer {
    private static let byLanguages = Mutex<[Set<Language>: PhraseTokenizer]>([:])

    /// The tokenizer of the lexicon alone, made once per set of languages: an import makes a
    /// reader for each file, and making one builds every pattern's bounded form anew.
    static func shared(_ languages: Set<Language>) -> PhraseTokenizer {
        if let made = byLanguages.withLock({ $0[languages] }) { return made }
        let made = PhraseTokenizer(languages: languages, declaredEvents: [])
        return byLanguages.withLock { tokenizers in
            if let earlier = tokenizers[languages] { return earlier }
            tokenizers[languages] = made
            return made
        }
    }
}
