import Foundation
import GallraConnectors
import GallraCore
import GallraDatabase
import GallraTestSupport
import SQLKit
import Testing

@testable import GallraStore

/// A retention rule as one SQL predicate over a connected table's event columns, compared row by
/// row with the Core evaluator: for thousands of generated rows, the rows the database selects are
/// exactly those the store would say have expired — month ends, DST, the end of the year, the
/// earliest and the latest of events that may not have happened.
@Suite("Retention rules as SQL predicates")
struct ExpiryPredicateTests {
    static let calendar = ZonedCalendar.stockholm
    static let rules = [
        "collected + 3d", "collected + 36h", "collected + 2w", "collected + 1mo", "contract.end + 1y",
        "end-of-year(collected) + 7y", "end-of-year(contract.end)", "min(case.closed + 7d, collected + 12mo)",
        "max(contract.end + 1y, case.closed + 3mo)", "max(contract.end, collected + 2y) + 30d", "none",
        "min(max(contract.end, case.closed) + 6mo, collected + 10y)",
    ]

    /// One generated row: its event instants as Gallra reads them.
    struct Row {
        let id: Int
        let collected: Date?
        let ended: Date?
        let closed: CivilDate?

        var events: [EventName: Date] {
            var events: [EventName: Date] = [:]
            events[.collected] = collected
            events["contract.end"] = ended
            events["case.closed"] = closed.map(ExpiryPredicateTests.calendar.startOfDay)
            return events
        }
    }

    static let table = ConnectedTable(
        table: "shop rows", key: ["id"], activity: "support", person: [(.email, "email")], columns: [:],
        events: [.collected: "collected", "contract.end": "ended", "case.closed": "closed"], onExpiry: .erase,
        anonymise: [:], belongsTo: nil, line: 1, columnLines: [:])

    /// Rows at random (some events not happened), and rows a second either side of each rule's thresholds.
    static func rows(around nows: [Date]) -> [Row] {
        var generator = SystemRandomNumberGenerator()
        func instant(near now: Date) -> Date {
            Date(
                timeIntervalSince1970: (now.timeIntervalSince1970
                    + Double.random(in: -15 * 366 * 86_400...2 * 86_400, using: &generator)).rounded(.down))
        }
        var rows: [Row] = []
        for index in 0..<3_000 {
            let now = nows[index % nows.count]
            rows.append(
                Row(
                    id: rows.count + 1,
                    collected: Int.random(in: 0..<10, using: &generator) == 0 ? nil : instant(near: now),
                    ended: Int.random(in: 0..<4, using: &generator) == 0 ? nil : instant(near: now),
                    closed: Int.random(in: 0..<4, using: &generator) == 0
                        ? nil : calendar.localDate(of: instant(near: now))))
        }
        // Where calendar months are not monotone: the last days of the month a month back, at every hour.
        for now in nows {
            for index in 0..<600 {
                let monthBack = calendar.adding(months: -1, to: now).timeIntervalSince1970
                let instant = Date(
                    timeIntervalSince1970: (monthBack + Double.random(in: -5 * 86_400...86_400, using: &generator))
                        .rounded(.down))
                rows.append(Row(id: rows.count + 1 + index * 0, collected: instant, ended: nil, closed: nil))
            }
            for rule in rules {
                for (_, threshold) in leaves(
                    try! RetentionRule(parsing: rule).expiryPredicate(at: now, calendar: calendar))
                {
                    for offset in [-1.0, 0, 1] {
                        let instant = Date(
                            timeIntervalSince1970: threshold.timeIntervalSince1970.rounded(.down) + offset)
                        rows.append(
                            Row(
                                id: rows.count + 1, collected: instant, ended: instant,
                                closed: calendar.localDate(of: instant)))
                    }
                }
            }
        }
        return rows
    }

    /// Events a person might have in the store: at random (one of the events without any, and all),
    /// and the predicate's first threshold met to the second and missed by one either side.
    static func standIns(for predicate: ExpiryPredicate, near now: Date) -> [[EventName: Date]] {
        let events: [EventName] = [.collected, "contract.end", "case.closed"]
        func random() -> Date {
            Date(
                timeIntervalSince1970: (now.timeIntervalSince1970 - Double.random(in: 0...12 * 366 * 86_400)).rounded())
        }
        var result: [[EventName: Date]] = [Int.random(in: 0..<3), 3].map { skipped in
            Dictionary(
                uniqueKeysWithValues: events.enumerated().filter { $0.offset != skipped }.map { ($0.element, random()) }
            )
        }
        for (event, threshold) in leaves(predicate).prefix(1) {
            for offset in [-1.0, 0, 1] {
                var standIns = Dictionary(uniqueKeysWithValues: events.map { ($0, random()) })
                standIns[event] = threshold.addingTimeInterval(offset)
                result.append(standIns)
            }
        }
        return result
    }

    static func leaves(_ predicate: ExpiryPredicate) -> [(EventName, Date)] {
        switch predicate {
        case .always, .never: return []
        case .atOrBefore(let event, let date): return [(event, date)]
        case .between(let event, let from, let to): return [(event, from), (event, to)]
        case .all(let parts), .any(let parts): return parts.flatMap(leaves)
        }
    }

    @Test(
        "The predicate selects exactly the rows the Core evaluator says have expired", arguments: TestBackend.companies)
    func sameRows(backend: TestBackend) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "gallra-rows-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let connection = try await StoreConnection.open(
            try await TestStore.freshDatabase(backend, in: directory), foreign: true)
        // Around now, the night Sweden goes to summer time, and the night it goes back.
        let nows = [
            Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down)),
            Date(timeIntervalSince1970: 1_774_745_400),  // 2026-03-29 00:50 UTC, 01:50 in Stockholm
            Date(timeIntervalSince1970: 1_761_440_400),  // 2025-10-26 01:00 UTC, 02:00 (the second one)
        ]
        let rows = Self.rows(around: nows)
        let sql = connection.sql
        switch backend {
        case .sqlite:
            try await sql.raw(
                #"CREATE TABLE "shop rows" (id INTEGER PRIMARY KEY, email TEXT, collected TEXT, ended INTEGER, closed DATE)"#
            ).run()
        case .postgres:
            try await sql.raw(
                #"CREATE TABLE "shop rows" (id integer PRIMARY KEY, email text, collected timestamptz, ended timestamptz, closed date)"#
            ).run()
        case .mariadb:
            // The three kinds MariaDB holds time in: DATETIME (read as UTC), TIMESTAMP, DATE.
            try await sql.raw(
                #"CREATE TABLE "shop rows" (id integer PRIMARY KEY, email text, collected DATETIME NULL, ended TIMESTAMP NULL, closed DATE NULL)"#
            ).run()
        }
        let utc = DateFormatter()
        utc.locale = Locale(identifier: "en_US_POSIX")
        utc.timeZone = TimeZone(identifier: "UTC")
        utc.dateFormat = "yyyy-MM-dd HH:mm:ss"
        try await connection.transaction { sql in
            for row in rows {
                let closed = row.closed?.description
                switch backend {
                case .sqlite:
                    try await sql.raw(
                        """
                        INSERT INTO "shop rows" (id, collected, ended, closed) VALUES (\(bind: row.id),
                        \(bind: row.collected.map(utc.string(from:))), \(bind: row.ended.map { Int64($0.timeIntervalSince1970) }),
                        \(bind: closed))
                        """
                    ).run()
                case .postgres, .mariadb:
                    try await sql.raw(
                        """
                        INSERT INTO "shop rows" (id, collected, ended, closed) VALUES (\(bind: row.id), \(bind: row.collected),
                        \(bind: row.ended), CAST(\(bind: closed) AS date))
                        """
                    ).run()
                }
            }
        }
        let schema = try #require(try await TableSchema.read("shop rows", on: connection))
        var compared = 0
        var standInsCompared = 0
        for now in nows {
            for text in Self.rules {
                let rule = try RetentionRule(parsing: text)
                let predicate = rule.expiryPredicate(at: now, calendar: Self.calendar)
                let condition = try predicate.sql(
                    for: Self.table, schema: schema, dialect: connection.dialect, calendar: Self.calendar)
                var query = SQLQueryString(#"SELECT id FROM "shop rows" WHERE "#)
                query.appendInterpolation(condition)
                let selected = Set(try await sql.raw(query).all().map { try $0.decode(column: "id", as: Int.self) })
                let expired = Set(
                    rows.filter { row in
                        rule.outcome(events: row.events, calendar: Self.calendar).expiry.map { $0 <= now } ?? false
                    }
                    .map(\.id))
                #expect(
                    selected == expired,
                    "\(text) at \(now): \(selected.symmetricDifference(expired).sorted().prefix(5))")
                #expect(!expired.isEmpty && expired.count < rows.count || text == "none", "\(text) divides the rows")
                compared += rows.count
                // A person's events in Gallra's store standing in for the empty columns, a filled column winning.
                for standIns in Self.standIns(for: predicate, near: now) {
                    var query = SQLQueryString(#"SELECT id FROM "shop rows" WHERE "#)
                    query.appendInterpolation(
                        try predicate.sql(
                            for: Self.table, schema: schema, dialect: connection.dialect, calendar: Self.calendar,
                            standIns: standIns))
                    let selected = Set(
                        try await sql.raw(query).all().map { try $0.decode(column: "id", as: Int.self) })
                    let expired = Set(
                        // By the predicate's own meaning (which the next test holds to the evaluator's).
                        rows.filter { predicate.holds(for: standIns.merging($0.events) { _, own in own }) }
                            .map(\.id))
                    #expect(
                        selected == expired,
                        "\(text) at \(now) with \(standIns): \(selected.symmetricDifference(expired).sorted().prefix(5))"
                    )
                    standInsCompared += 1
                }
            }
        }
        #expect(compared > 100_000)
        #expect(standInsCompared > 150)
        await connection.close()
    }

    @Test("The predicate's own meaning agrees with the evaluator, rule by rule")
    func predicateMeaning() throws {
        // 28 February, noon: 28 January 13:00 expires after it, 31 January 11:00 before it.
        let now = Self.calendar.startOfDay(CivilDate(iso: "2026-02-28")!).addingTimeInterval(12 * 3_600)
        let early = Self.calendar.startOfDay(CivilDate(iso: "2026-01-28")!).addingTimeInterval(13 * 3_600)
        let late = Self.calendar.startOfDay(CivilDate(iso: "2026-01-31")!).addingTimeInterval(11 * 3_600)
        let monthly = try RetentionRule(parsing: "collected + 1mo").expiryPredicate(at: now, calendar: Self.calendar)
        #expect(!monthly.holds(for: [.collected: early]) && monthly.holds(for: [.collected: late]))
        let rows = Self.rows(around: [now])
        for text in Self.rules {
            let rule = try RetentionRule(parsing: text)
            let predicate = rule.expiryPredicate(at: now, calendar: Self.calendar)
            for row in rows {
                let expired =
                    rule.outcome(events: row.events, calendar: Self.calendar).expiry.map { $0 <= now } ?? false
                #expect(predicate.holds(for: row.events) == expired, "\(text), row \(row.id)")
            }
        }
    }

    @Test("A rule in hours or days is one bound on its event, also over the night the clocks change")
    func oneBound() throws {
        // The night of 25 October 2026 has 25 hours in Stockholm; the day after it, a rule in hours
        // has expired the whole of the day before and part of that day, which meet.
        let now = Self.calendar.startOfDay(CivilDate(iso: "2026-10-26")!).addingTimeInterval(9 * 3_600)
        for text in ["collected + 36h", "collected + 3d", "collected + 1376h"] {
            let predicate = try RetentionRule(parsing: text).expiryPredicate(at: now, calendar: Self.calendar)
            guard case .atOrBefore(.collected, let threshold) = predicate else {
                Issue.record("\(text): \(predicate)")
                continue
            }
            let evaluated = try RetentionRule(parsing: text).outcome(
                events: [.collected: threshold], calendar: Self.calendar
            ).expiry
            #expect(evaluated.map { $0 <= now } == true, "\(text): the bound itself has expired")
            let after = try RetentionRule(parsing: text).outcome(
                events: [.collected: threshold.addingTimeInterval(1e-6)], calendar: Self.calendar
            ).expiry
            #expect(after.map { $0 > now } == true, "\(text): a microsecond later has not")
        }
    }
}
