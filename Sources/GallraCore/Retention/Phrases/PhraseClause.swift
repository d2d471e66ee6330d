/// One clause of a retention phrase: an event, a period, or a period counted from an event.
struct PhraseClause {
    let pieces: [PhrasePiece]

    func expression() throws(PhraseRefusal) -> RetentionExpression {
        var events: [(name: EventName, index: Int)] = []
        var durations: [(duration: RetentionDuration, index: Int)] = []
        for (index, piece) in pieces.enumerated() {
            switch piece {
            case .event(let name) where !events.contains(where: { $0.name == name }): events.append((name, index))
            case .duration(let duration): durations.append((duration, index))
            default: continue
            }
        }
        switch events.count {
        case 0: return try bareDurations(durations.map(\.duration))
        case 1: return try counted(from: events[0], durations)
        default: return try joined(events.map(\.name), hasDurations: !durations.isEmpty)
        }
    }

    /// "60 dagar", "raderas efter sju dagar": counted from collection.
    private func bareDurations(_ durations: [RetentionDuration]) throws(PhraseRefusal) -> RetentionExpression {
        guard !durations.isEmpty else { throw PhraseRefusal(reason: "a part of it names no period and no event") }
        if let plus = pieces.firstIndex(of: .plus), let text = text(in: 0..<plus) {
            throw PhraseRefusal(reason: "it adds a period to \"\(text)\", which is not an event Gallra knows")
        }
        if let after = pieces.lastIndex(of: .after), let text = text(in: (after + 1)..<pieces.count) {
            throw PhraseRefusal(reason: "it counts from \"\(text)\", which is not an event Gallra knows")
        }
        return durations.reduce(RetentionExpression.event(.collected), +)
    }

    private func counted(
        from event: (name: EventName, index: Int), _ durations: [(duration: RetentionDuration, index: Int)]
    ) throws(PhraseRefusal) -> RetentionExpression {
        let base = RetentionExpression.event(event.name)
        guard !durations.isEmpty else { return base }
        let amounts = durations.map(\.duration)
        let list = amounts.map(\.description).joined(separator: " + ")
        if durations.allSatisfy({ $0.index > event.index }) {
            // "Avtalstiden + 1 år", "under kundförhållandet och tio (10) år därefter".
            guard pieces[(event.index + 1)...].contains(.plus) else {
                throw PhraseRefusal(
                    reason: "it does not say how \(list) relates to \(event.name) (add \"+\", \"efter\" or \"after\")")
            }
            return amounts.reduce(base, +)
        }
        if durations.allSatisfy({ $0.index < event.index }) {
            // "13 mån efter avtalets slut", "5 years after the customer relationship has ended";
            // "after 2 years of inactivity" counts from the last activity too.
            let countsFrom =
                pieces[durations[durations.count - 1].index..<event.index].contains(.after)
                || (event.name == .lastActivity && pieces[..<durations[0].index].contains(.after))
            guard countsFrom else {
                throw PhraseRefusal(
                    reason: "it does not say how \(list) relates to \(event.name) (add \"efter\" or \"after\")")
            }
            return amounts.reduce(base, +)
        }
        throw PhraseRefusal(reason: "it counts periods both before and after \(event.name)")
    }

    /// "så länge du är kund och inte har invänt": kept while both hold, so until the earlier.
    private func joined(_ events: [EventName], hasDurations: Bool) throws(PhraseRefusal) -> RetentionExpression {
        let names = events.map(\.rawValue).joined(separator: ", ")
        guard !hasDurations, pieces.contains(.and) else {
            throw PhraseRefusal(reason: "it names several events (\(names)) without saying how they combine")
        }
        if pieces.contains(.asLongAs) { return .earliest(events.map(RetentionExpression.event)) }
        if pieces.contains(.until) { return .latest(events.map(RetentionExpression.event)) }
        throw PhraseRefusal(reason: "it names several events (\(names)) without saying how they combine")
    }

    /// The words of the range that the lexicon did not know, if any are more than filler.
    private func text(in range: Range<Int>) -> String? {
        let words = pieces[range].compactMap { if case .text(let words) = $0 { return words } else { return nil } }
            .flatMap { $0.split(separator: " ").map(String.init) }
            .filter { !PhraseClause.filler.contains($0) }
        return words.isEmpty ? nil : words.joined(separator: " ")
    }

    static let filler: Set<String> = [
        "att", "det", "den", "de", "du", "ni", "vi", "har", "är", "i", "om", "av", "för", "med", "på", "sparas",
        "lagras",
        "raderas", "gallras", "tas", "bort", "uppgifterna", "personuppgifterna", "informationen", "data", "the", "a",
        "an",
        "is", "are", "has", "have", "been", "your", "our", "we", "you", "it", "they", "stored", "kept", "deleted",
        "erased",
        "saved", "retained", "removed", "for", "of", "in", "be", "will", "oss", "us", "dig", "dem", "them", "its",
        "their",
        "dagen", "day", "date", "datum", "datumet", "tidpunkten", "time", "when", "då", "när", "which", "that", "som",
    ]
}
