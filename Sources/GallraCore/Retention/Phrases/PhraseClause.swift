/// One clause of a retention phrase: an event, a period, or a period counted from an event.
struct PhraseClause {
    let pieces: [PhrasePiece]

    func expression() throws(PhraseRefusal) -> RetentionExpression {
        var events: [(name: EventName, index: Int)] = []
        var lastIndex: [EventName: Int] = [:]
        var durations: [(duration: RetentionDuration, index: Int)] = []
        for (index, piece) in pieces.enumerated() {
            switch piece {
            case .event(let name):
                if !events.contains(where: { $0.name == name }) { events.append((name, index)) }
                lastIndex[name] = index
            case .duration(let duration): durations.append((duration, index))
            default: continue
            }
        }
        switch events.count {
        case 0: return try bareDurations(durations)
        case 1:
            // "under pågående ärende och två år efter att ärendet avslutats": the event named again
            // after the period is the one it counts from.
            let again = (name: events[0].name, index: lastIndex[events[0].name] ?? events[0].index)
            if again.index != events[0].index, durations.allSatisfy({ $0.index > events[0].index }) {
                return try counted(from: again, durations)
            }
            return try counted(from: events[0], durations)
        default: return try joined(events.map(\.name), hasDurations: !durations.isEmpty)
        }
    }

    /// "60 dagar", "raderas efter sju dagar", "1 år och 6 månader": counted from collection.
    private func bareDurations(_ durations: [(duration: RetentionDuration, index: Int)]) throws(PhraseRefusal)
        -> RetentionExpression
    {
        guard let first = durations.first, let last = durations.last else {
            throw PhraseRefusal(
                sv: "en del av den nämner ingen period och ingen händelse",
                en: "a part of it names no period and no event")
        }
        if pieces[..<first.index].contains(.plus) {
            throw PhraseRefusal(
                sv: "den lägger \(first.duration) till något den inte nämner",
                en: "it adds \(first.duration) to nothing it names")
        }
        if pieces[(last.index + 1)...].contains(where: { $0 == .after || $0 == .plus }) {
            throw PhraseRefusal(
                sv: "den räknar \(last.duration) från något den inte nämner",
                en: "it counts \(last.duration) from nothing it names")
        }
        try joinedAsOneLength(durations)
        return durations.map(\.duration).reduce(RetentionExpression.event(.collected), +)
    }

    /// Periods add up only when joined as one length: "1 år och 6 månader" (a smaller unit after
    /// "and"), "60 dagar plus 30 dagar", "tre år, därefter i arkiv i fem år". "30 days, 90 days for
    /// backups" and "2 years and 7 years" are two periods, for parts of the data.
    private func joinedAsOneLength(_ durations: [(duration: RetentionDuration, index: Int)]) throws(PhraseRefusal) {
        for (left, right) in zip(durations, durations.dropFirst()) {
            let between = pieces[(left.index + 1)..<right.index]
            let added = between.contains(.plus)
            let smallerAfterAnd =
                between.contains(.and) && Self.size(left.duration.unit) > Self.size(right.duration.unit)
            if between.contains(where: { ![.and, .plus, .comma].contains($0) }) || !(added || smallerAfterAnd) {
                throw PhraseRefusal(
                    sv:
                        "den nämner två perioder (\(left.duration) och \(right.duration)); gäller de olika delar av uppgifterna, dela aktiviteten",
                    en:
                        "it names two periods (\(left.duration) and \(right.duration)); if they apply to parts of the data, split the activity"
                )
            }
        }
    }

    private static func size(_ unit: RetentionDuration.Unit) -> Int {
        switch unit {
        case .hours: return 0
        case .days: return 1
        case .weeks: return 2
        case .months: return 3
        case .years: return 4
        }
    }

    private func counted(
        from event: (name: EventName, index: Int), _ durations: [(duration: RetentionDuration, index: Int)]
    ) throws(PhraseRefusal) -> RetentionExpression {
        let base = RetentionExpression.event(event.name)
        guard !durations.isEmpty else { return base }
        let amounts = durations.map(\.duration)
        let list = amounts.map(\.description).joined(separator: " + ")
        try joinedAsOneLength(durations)
        if durations.allSatisfy({ $0.index > event.index }) {
            // "Avtalstiden + 1 år", "under kundförhållandet och tio (10) år därefter"; "när avtalet
            // upphört raderas de efter 12 månader", "efter avslutat hyresavtal … i upp till två år".
            // "inaktiv i 5 år": inactive for the period, counted from the last activity.
            // "Data collected through the form is deleted after 6 months" counts from collection.
            let introduced =
                pieces[..<event.index].contains { $0 == .when || $0 == .after } || event.name == .lastActivity
                || event.name == .collected
            guard pieces[(event.index + 1)...].contains(.plus) || introduced else {
                throw PhraseRefusal(
                    sv:
                        "den säger inte hur \(list) förhåller sig till \(event.name) (lägg till \"+\", \"efter\" eller \"after\")",
                    en: "it does not say how \(list) relates to \(event.name) (add \"+\", \"efter\" or \"after\")")
            }
            return amounts.reduce(base, +)
        }
        if durations.allSatisfy({ $0.index < event.index }) {
            // "Efter ytterligare ett år som inaktiv raderas …": a further year after something an
            // earlier sentence named, not after the event that follows.
            if let plus = pieces[..<durations[0].index].lastIndex(of: .plus),
                !pieces[..<plus].contains(where: \.isContent)
            {
                throw PhraseRefusal(
                    sv: "den lägger \(list) till något den inte nämner",
                    en: "it adds \(list) to something it does not name")
            }
            // "13 mån efter avtalets slut", "5 years after the customer relationship has ended";
            // "after 2 years of inactivity" counts from the last activity too.
            let countsFrom =
                pieces[durations[durations.count - 1].index..<event.index].contains(.after)
                || (event.name == .lastActivity && pieces[..<durations[0].index].contains(.after))
            guard countsFrom else {
                throw PhraseRefusal(
                    sv:
                        "den säger inte hur \(list) förhåller sig till \(event.name) (lägg till \"efter\" eller \"after\")",
                    en: "it does not say how \(list) relates to \(event.name) (add \"efter\" or \"after\")")
            }
            return amounts.reduce(base, +)
        }
        throw PhraseRefusal(
            sv: "den räknar perioder både före och efter \(event.name)",
            en: "it counts periods both before and after \(event.name)")
    }

    /// "så länge du är kund och inte har invänt": kept while both hold, so until the earlier.
    private func joined(_ events: [EventName], hasDurations: Bool) throws(PhraseRefusal) -> RetentionExpression {
        let names = events.map(\.rawValue).joined(separator: ", ")
        guard !hasDurations, pieces.contains(.and) else {
            throw PhraseRefusal(
                sv: "den nämner flera händelser (\(names)) utan att säga hur de hänger ihop",
                en: "it names several events (\(names)) without saying how they combine")
        }
        if pieces.contains(.asLongAs) { return .earliest(events.map(RetentionExpression.event)) }
        if pieces.contains(.until) { return .latest(events.map(RetentionExpression.event)) }
        throw PhraseRefusal(
            sv: "den nämner flera händelser (\(names)) utan att säga hur de hänger ihop",
            en: "it names several events (\(names)) without saying how they combine")
    }
}
