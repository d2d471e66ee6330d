/// The rule in natural words, for the privacy notice and the Art. 30 export: "ett år efter att
/// avtalet upphört", "seven years after the end of the calendar year in which the financial year
/// ended". Generated from the rule itself, so what people are told is what is enforced.
extension RetentionRule {
    public func wording(_ language: Language, declaredEvents: [EventDefinition] = []) -> String {
        switch self {
        case .none:
            return language == .sv
                ? "sparas inte efter att behandlingen är klar" : "not kept after the processing is done"
        case .expression(let expression):
            return expression.wording(language, declared: declaredEvents)
        }
    }
}

extension RetentionExpression {
    func wording(_ language: Language, declared: [EventDefinition]) -> String {
        let (base, durations) = split()
        let amount = durations.isEmpty ? nil : DurationWording.list(durations, language)
        switch base {
        case .event(let name):
            let event = EventWording.of(name, declared: declared)
            return amount.map { "\($0) \(event.after[language])" } ?? event.until[language]
        case .endOfYear(let inner):
            let clause = inner.clause(language, declared: declared)
            let end =
                language == .sv
                ? "utgången av det kalenderår då \(clause)" : "the end of the calendar year in which \(clause)"
            guard let amount else { return language == .sv ? "till \(end)" : "until \(end)" }
            return language == .sv ? "\(amount) efter \(end)" : "\(amount) after \(end)"
        case .earliest(let arguments), .latest(let arguments):
            let isEarliest = if case .earliest = base { true } else { false }
            let parts = arguments.map { $0.moment(language, declared: declared) }
            let joined = DurationWording.join(parts, language, conjunction: language == .sv ? "eller" : "or")
            let sentence =
                language == .sv
                ? "fram till \(joined), beroende på vad som inträffar \(isEarliest ? "först" : "sist")"
                : "until \(joined), whichever comes \(isEarliest ? "first" : "last")"
            guard let amount else { return sentence }
            return language == .sv ? "\(amount) efter (\(sentence))" : "\(amount) after (\(sentence))"
        case .shifted:
            preconditionFailure("split() never leaves a shift as the base")
        }
    }

    /// The innermost term and the durations added to it, in order.
    func split() -> (RetentionExpression, [RetentionDuration]) {
        guard case .shifted(let inner, let duration) = self else { return (self, []) }
        let (base, durations) = inner.split()
        return (base, durations + [duration])
    }

    /// A moment in a list: "att avtalet upphör", "ten years after the contract has ended".
    func moment(_ language: Language, declared: [EventDefinition]) -> String {
        if case .event(let name) = self { return EventWording.of(name, declared: declared).moment[language] }
        return wording(language, declared: declared)
    }

    /// "räkenskapsåret avslutades", for "the calendar year in which …".
    func clause(_ language: Language, declared: [EventDefinition]) -> String {
        if case .event(let name) = self { return EventWording.of(name, declared: declared).clause[language] }
        return wording(language, declared: declared)
    }
}

/// Durations in words: "ett år", "sex månader", "seven years", "30 days".
enum DurationWording {
    static func list(_ durations: [RetentionDuration], _ language: Language) -> String {
        join(durations.map { phrase($0, language) }, language, conjunction: language == .sv ? "och" : "and")
    }

    static func phrase(_ duration: RetentionDuration, _ language: Language) -> String {
        let n = duration.amount
        switch language {
        case .sv:
            // "år" is neuter (ett år), the others common gender (en månad).
            let neuter = duration.unit == .years
            let number = n == 1 ? (neuter ? "ett" : "en") : swedish(n)
            let unit: String
            switch duration.unit {
            case .hours: unit = n == 1 ? "timme" : "timmar"
            case .days: unit = n == 1 ? "dag" : "dagar"
            case .weeks: unit = n == 1 ? "vecka" : "veckor"
            case .months: unit = n == 1 ? "månad" : "månader"
            case .years: unit = "år"
            }
            return "\(number) \(unit)"
        case .en:
            let unit: String
            switch duration.unit {
            case .hours: unit = "hour"
            case .days: unit = "day"
            case .weeks: unit = "week"
            case .months: unit = "month"
            case .years: unit = "year"
            }
            return "\(english(n)) \(unit)\(n == 1 ? "" : "s")"
        }
    }

    static func join(_ parts: [String], _ language: Language, conjunction: String) -> String {
        guard parts.count > 1 else { return parts.first ?? "" }
        return parts.dropLast().joined(separator: ", ") + " \(conjunction) " + parts[parts.count - 1]
    }

    private static let swedishWords = [
        "noll", "en", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio", "elva", "tolv",
    ]
    private static let englishWords = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    ]

    /// Words up to twelve, digits above (as Swedish and English style guides write numbers).
    static func swedish(_ n: Int) -> String { n < swedishWords.count ? swedishWords[n] : String(n) }
    static func english(_ n: Int) -> String { n < englishWords.count ? englishWords[n] : String(n) }
}
