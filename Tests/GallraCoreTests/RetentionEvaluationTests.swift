import Foundation
import Testing

@testable import GallraCore

@Suite("The retention language: evaluation in the controller's time zone")
struct RetentionEvaluationTests {
    let stockholm = ZonedCalendar.stockholm

    struct Case: CustomTestStringConvertible, Sendable {
        let rule: String
        let events: [String: String]
        /// The local date and time (Stockholm) of the expiry, or "pending: a, b".
        let expected: String

        var testDescription: String { "\(rule) with \(events) → \(expected)" }
    }

    static let cases: [Case] = [
        // The spec's worked evaluations.
        .init(
            rule: "end-of-year(fiscal-year.end) + 7y", events: ["fiscal-year.end": "2024-12-31"],
            expected: "2032-01-01T00:00:00+01:00"),
        .init(
            rule: "min(case.closed + 7d, collected + 12mo)", events: ["collected": "2025-01-31"],
            expected: "2026-01-31T00:00:00+01:00"),
        .init(
            rule: "min(case.closed + 7d, collected + 12mo)",
            events: ["collected": "2025-01-31", "case.closed": "2025-03-01"], expected: "2025-03-08T00:00:00+01:00"),
        // Bokföringslagen across a year boundary: a fiscal year ending in June, or on 1 January.
        .init(
            rule: "end-of-year(fiscal-year.end) + 7y", events: ["fiscal-year.end": "2025-06-30"],
            expected: "2033-01-01T00:00:00+01:00"),
        .init(
            rule: "end-of-year(fiscal-year.end) + 7y", events: ["fiscal-year.end": "2025-01-01"],
            expected: "2033-01-01T00:00:00+01:00"),
        .init(
            rule: "end-of-year(fiscal-year.end)", events: ["fiscal-year.end": "2024-12-31T23:30:00+01:00"],
            expected: "2025-01-01T00:00:00+01:00"),
        // 23:30 UTC on 31 December is already the next year in Stockholm.
        .init(
            rule: "end-of-year(collected)", events: ["collected": "2024-12-31T23:30:00Z"],
            expected: "2026-01-01T00:00:00+01:00"),
        // Month-end clamping and leap years.
        .init(rule: "collected + 1mo", events: ["collected": "2024-01-31"], expected: "2024-02-29T00:00:00+01:00"),
        .init(rule: "collected + 1mo", events: ["collected": "2025-01-31"], expected: "2025-02-28T00:00:00+01:00"),
        .init(rule: "collected + 1y", events: ["collected": "2024-02-29"], expected: "2025-02-28T00:00:00+01:00"),
        .init(rule: "collected + 4y", events: ["collected": "2024-02-29"], expected: "2028-02-29T00:00:00+01:00"),
        .init(rule: "collected + 12mo", events: ["collected": "2024-02-29"], expected: "2025-02-28T00:00:00+01:00"),
        .init(rule: "collected + 3mo", events: ["collected": "2025-11-30"], expected: "2026-02-28T00:00:00+01:00"),
        .init(rule: "collected + 13mo", events: ["collected": "2025-01-31"], expected: "2026-02-28T00:00:00+01:00"),
        // Sums apply in order: a clamped day stays clamped.
        .init(
            rule: "collected + 1mo + 1mo", events: ["collected": "2024-01-31"], expected: "2024-03-29T00:00:00+01:00"),
        .init(rule: "collected + 2mo", events: ["collected": "2024-01-31"], expected: "2024-03-31T00:00:00+01:00"),
        .init(rule: "collected + 366d", events: ["collected": "2024-01-01"], expected: "2025-01-01T00:00:00+01:00"),
        .init(rule: "collected + 365d", events: ["collected": "2025-01-01"], expected: "2026-01-01T00:00:00+01:00"),
        // Daylight saving: days and weeks keep the wall-clock time, hours are exact.
        .init(
            rule: "collected + 1d", events: ["collected": "2025-03-29T12:00:00+01:00"],
            expected: "2025-03-30T12:00:00+02:00"),
        .init(
            rule: "collected + 24h", events: ["collected": "2025-03-29T12:00:00+01:00"],
            expected: "2025-03-30T13:00:00+02:00"),
        .init(
            rule: "collected + 1w", events: ["collected": "2025-10-20T08:00:00+02:00"],
            expected: "2025-10-27T08:00:00+01:00"),
        .init(
            rule: "collected + 72h", events: ["collected": "2025-10-24T09:00:00+02:00"],
            expected: "2025-10-27T08:00:00+01:00"),
        .init(
            rule: "collected + 6mo", events: ["collected": "2025-01-15T10:00:00+01:00"],
            expected: "2025-07-15T10:00:00+02:00"),
        // A wall-clock time that a DST change skips moves forward by the gap.
        .init(
            rule: "collected + 1d", events: ["collected": "2025-03-29T02:30:00+01:00"],
            expected: "2025-03-30T03:30:00+02:00"),
        // min: a cap applies while the other event is pending; pending only when all are.
        .init(
            rule: "min(campaign.end, consent.withdrawn)", events: [:],
            expected: "pending: campaign.end, consent.withdrawn"),
        .init(
            rule: "min(campaign.end, consent.withdrawn)", events: ["consent.withdrawn": "2025-05-05"],
            expected: "2025-05-05T00:00:00+02:00"),
        .init(
            rule: "min(campaign.end, consent.withdrawn)",
            events: ["campaign.end": "2025-05-01", "consent.withdrawn": "2025-05-05"],
            expected: "2025-05-01T00:00:00+02:00"),
        // max: pending while any argument is pending.
        .init(
            rule: "max(position.end, contract.end)", events: ["contract.end": "2025-05-01"],
            expected: "pending: position.end"),
        .init(rule: "max(position.end, contract.end)", events: [:], expected: "pending: position.end, contract.end"),
        .init(
            rule: "max(position.end, contract.end + 1y)",
            events: ["contract.end": "2025-05-01", "position.end": "2025-09-01"], expected: "2026-05-01T00:00:00+02:00"),
        // Pending events pass through sums and end-of-year.
        .init(rule: "contract.end + 1y", events: ["collected": "2025-01-01"], expected: "pending: contract.end"),
        .init(rule: "end-of-year(fiscal-year.end) + 7y", events: [:], expected: "pending: fiscal-year.end"),
        // none expires at collection.
        .init(rule: "none", events: ["collected": "2025-04-01T14:15:00+02:00"], expected: "2025-04-01T14:15:00+02:00"),
        .init(rule: "none", events: [:], expected: "pending: collected"),
    ]

    @Test("Expiry instants, table-driven", arguments: cases)
    func expiry(_ example: Case) throws {
        let rule = try RetentionRule(parsing: example.rule)
        var events: [EventName: Date] = [:]
        for (name, text) in example.events {
            events[EventName(validating: name)!] = try #require(stockholm.parseInstant(text))
        }
        let outcome = rule.outcome(events: events, calendar: stockholm)
        switch outcome {
        case .expires(let instant): #expect(stockholm.rfc3339(instant) == example.expected)
        case .pending(let names):
            #expect("pending: " + names.map(\.rawValue).joined(separator: ", ") == example.expected)
        }
    }

    @Test("Another time zone computes calendar days in its own wall-clock time")
    func otherTimeZone() throws {
        let newYork = try #require(ZonedCalendar(timeZoneIdentifier: "America/New_York"))
        let rule = try RetentionRule(parsing: "collected + 1d")
        // 2025-03-09 is the US DST change; Stockholm's is three weeks later.
        let collected = try #require(newYork.parseInstant("2025-03-08T12:00:00-05:00"))
        let expiry = try #require(rule.outcome(events: [.collected: collected], calendar: newYork).expiry)
        #expect(newYork.rfc3339(expiry) == "2025-03-09T12:00:00-04:00")
        #expect(expiry.timeIntervalSince(collected) == 23 * 3600)
    }
}
