import Foundation
import Testing

@testable import GallraCore

/// Retention wording from published registers and privacy policies (the fixtures name each
/// phrase's source), split once at random into a tuning part and a held-back part. A reading is
/// right when the reader gives the expected rule (the same day for every set of events) or
/// refuses where a careful reader refuses; a guess is a rule where the answer is a refusal, or a
/// rule whose day differs. A refusal where a rule was expected is a miss, not a guess.
@Suite("The phrase reader on published wording")
struct PhraseReaderPublishedCorpusTests {
    static let reader = RetentionPhraseReader()

    struct Entry: Sendable {
        enum Expected: Sendable {
            case rule(RetentionRule)
            case refusal(reason: String)
        }
        let phrase: String
        let expected: Expected
        let source: String
    }

    enum Verdict: Equatable { case right, missed, guessed }

    static func entries(_ part: String) -> [Entry] {
        let text = try! contents("Tests/GallraCoreTests/Fixtures/retention-corpus-\(part).tsv")
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            precondition(fields.count == 3, "a corpus line has phrase, expected and source: \(line)")
            let expected: Entry.Expected =
                fields[1].hasPrefix("refuse")
                ? .refusal(reason: String(fields[1].dropFirst("refuse: ".count)))
                : .rule(try! RetentionRule(parsing: fields[1]))
            return Entry(phrase: fields[0], expected: expected, source: fields[2])
        }
    }

    /// Two sets of event dates, every built-in event on a different day, so that rules naming
    /// different events or periods give different days.
    static let eventSets: [[EventName: Date]] = [0, 1].map { shift in
        var events: [EventName: Date] = [:]
        for (offset, definition) in EventDefinition.builtIn.enumerated() {
            let day = Calendar(identifier: .gregorian).date(
                from: DateComponents(
                    timeZone: TimeZone(identifier: "Europe/Stockholm"), year: 2021 + shift, month: 1 + offset % 12,
                    day: 3 + offset * (shift + 1)))!
            events[definition.name] = day
        }
        return events
    }

    static func sameDay(_ lhs: RetentionRule, _ rhs: RetentionRule) -> Bool {
        eventSets.allSatisfy { events in
            lhs.outcome(events: events, calendar: .stockholm) == rhs.outcome(events: events, calendar: .stockholm)
        }
    }

    static func verdict(_ entry: Entry) -> Verdict {
        switch (entry.expected, reader.read(entry.phrase)) {
        case (.refusal, .refused): return .right
        case (.refusal, .rule): return .guessed
        case (.rule, .refused): return .missed
        case (.rule(let expected), .rule(let read)): return sameDay(expected, read) ? .right : .guessed
        }
    }

    static func score(_ part: String) -> (entries: Int, right: Int, guesses: [Entry], missed: [Entry]) {
        let all = entries(part)
        let verdicts = all.map { ($0, verdict($0)) }
        let guesses = verdicts.filter { $0.1 == .guessed }.map(\.0)
        let missed = verdicts.filter { $0.1 == .missed }.map(\.0)
        let right = verdicts.filter { $0.1 == .right }.count
        print(
            "phrase corpus (\(part)): \(right)/\(all.count) right (\(right * 1000 / all.count / 10)%), \(guesses.count) guesses, \(missed.count) refused where a rule was expected"
        )
        return (all.count, right, guesses, missed)
    }

    @Test("The tuning part: its guesses and misses are listed")
    func tuning() {
        let result = Self.score("tuning")
        for entry in result.guesses {
            Issue.record("guessed: \"\(entry.phrase)\" → \(Self.reader.read(entry.phrase)), expected \(entry.expected)")
        }
        for entry in result.missed {
            print("missed: \"\(entry.phrase)\" → \(Self.reader.read(entry.phrase))")
        }
        #expect(result.entries >= 190)
        #expect(result.right * 10 >= result.entries * 9, "the tuning part reads below 90%")
    }

    /// The held-back part is scored, never listed: it stays unseen while the reader is tuned.
    /// The target is 90% right with no more than 1% guesses. The reader read 84% (93 of 110) when
    /// it was first scored, 88% (97) after its purpose clauses, inactivity thresholds and wider
    /// closed list, and 90% (99) after the common wording of a fresh sample; the test holds that.
    @Test("The held-back part: at least 90% right, no more than 1% guesses")
    func heldBack() {
        let result = Self.score("held-back")
        #expect(result.entries >= 100)
        #expect(result.guesses.count * 100 <= result.entries, "guesses on the held-back part")
        #expect(result.right * 10 >= result.entries * 9, "the held-back part reads below 90%")
    }

    @Test("Every phrase names its source")
    func sources() {
        for entry in Self.entries("tuning") + Self.entries("held-back") {
            #expect(entry.source.hasPrefix("http"), "\(entry.phrase)")
        }
    }
}
