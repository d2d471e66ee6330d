import Foundation
import GallraCore
import GallraDatabase
import GallraServices
import GallraStore
import Glibc
import SQLKit

/// The connector benchmark (`gallra-bench --shop postgres://…/shop [--samples N]`): the shop
/// database of `shared/bench/shop.sql` (on MariaDB, `--shop mariadb://…`, of
/// scripts/mariadb-bench-shop) connected through a systems file. Access and erasure of one
/// customer, and a sweep with 1% of orders and tickets expired, each next to the hand-written SQL
/// for the same work, measured in the same run. Prints numbers; asserts nothing.
struct ConnectorBench {
    let shopURL: String
    let samples: Int
    /// The page cache of Gallra's own SQLite store (the sweep's evidence passes through it).
    let cacheMiB: Int

    func run() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "gallra-shop-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let shop = try await StoreConnection.open(
            try DatabaseLocation(parsing: shopURL, allowingMariaDB: true), foreign: true)
        // The company's part: an index to find an address in lower case, as `systems check` asks
        // (on MariaDB, made by scripts/mariadb-bench-shop: on the column, whose collation ignores case).
        let mariadb = shop.dialect == .mariadb
        if !mariadb {
            try await shop.sql.raw("CREATE INDEX IF NOT EXISTS customer_email_lower ON customer (lower(email))").run()
            try await shop.sql.raw(
                "CREATE INDEX IF NOT EXISTS support_ticket_email_lower ON support_ticket (lower(customer_email))"
            ).run()
            // As `systems check` says: PostgreSQL has no statistics on lower(…) until then.
            try await shop.sql.raw("ANALYZE customer").run()
            try await shop.sql.raw("ANALYZE support_ticket").run()
        }
        let customers = try await shop.sql.raw("SELECT count(*) AS n FROM customer").first()!.decode(
            column: "n", as: Int.self)
        let now = Date()
        // Rules under which the oldest 1% of orders and of tickets have expired.
        let orderHours = try await hoursBack(shop, "SELECT created_at AS t FROM orders", now: now)
        let ticketHours = try await hoursBack(shop, "SELECT closed_at AS t FROM support_ticket", now: now)
        let store = try await Store.open(
            database: .sqlite(path: directory.appendingPathComponent("gallra.sqlite").path),
            keyFile: directory.appendingPathComponent("gallra.key").path, writerCacheMiB: cacheMiB)
        // The benchmark acts as one party, as a use case would.
        try await store.work(by: .system("bench")) {
            try await store.versions.apply(
                yaml: Self.register(orderHours: orderHours, ticketHours: ticketHours), file: "shop.yaml")
            setenv("GALLRA_BENCH_SHOP", shopURL, 1)
            try await store.systems.apply(yaml: Self.systems, file: "systems.yaml")
            print(
                "shop: \(customers) customers; rules: orders collected + \(orderHours)h, tickets case.closed + \(ticketHours)h"
            )

            // Access: one customer's rows in every table.
            // Customers picked at random, without an array of them all (the process's memory is measured).
            var picked = Set<Int>()
            while picked.count < min(customers, samples * 3 + 100) { picked.insert(Int.random(in: 1...customers)) }
            var ids = Array(picked)
            let today = CivilDate(year: 2026, month: 1, day: 1)!
            var gallraTimes: [Double] = []
            var handTimes: [Double] = []
            for (index, id) in ids.prefix(samples + 50).enumerated() {
                let email = "user\(id)@example.com"
                let identifier = try SubjectIdentifier(.email, email, today: today)
                var start = ContinuousClock.now
                let rows = try await store.connectedPeople.rows(of: [identifier])
                let gallra = seconds(start)
                start = ContinuousClock.now
                let customer = try await shop.sql.raw("SELECT * FROM customer WHERE email = \(bind: email)").all()
                _ = try await shop.sql.raw("SELECT * FROM orders WHERE customer_id = \(bind: id)").all()
                _ = try await shop.sql.raw("SELECT * FROM support_ticket WHERE customer_email = \(bind: email)").all()
                let hand = seconds(start)
                precondition(customer.count == 1 && rows.count == 8, "customer \(id): \(rows.count) rows")
                if index >= 50 {
                    gallraTimes.append(gallra)
                    handTimes.append(hand)
                }
            }
            report("access, one customer (8 rows in 3 tables)", gallraTimes, floor: handTimes)

            // Erasure: a request completed, row by row: tickets erased, the customer anonymised (the
            // orders, kept under Bokföringslagen, still need it).
            gallraTimes = []
            handTimes = []
            ids = Array(ids.dropFirst(samples + 50))
            // What the erasures change is put back afterwards, so that the shop can be measured again.
            let erased = Array(ids.prefix(2 * samples + 40))
            try await shop.sql.raw("DROP TABLE IF EXISTS bench_erased_tickets").run()
            var backup = SQLQueryString(
                "CREATE TABLE bench_erased_tickets AS SELECT * FROM support_ticket WHERE customer_email IN (")
            for (index, id) in erased.enumerated() {
                if index > 0 { backup.appendLiteral(", ") }
                backup.appendInterpolation(bind: "user\(id)@example.com")
            }
            backup.appendLiteral(")")
            try await shop.sql.raw(backup).run()
            for (index, id) in ids.prefix(samples + 20).enumerated() {
                let email = "user\(id)@example.com"
                let subject = try await store.subjects.add([NewSubject(email: email)])[0]
                let request = try await store.requests.open(.erasure, subject: subject, verifiedHow: "bench")
                let start = ContinuousClock.now
                let completion = try await Gallra(store: store).completeRequest(
                    request, reply: RequestReply(format: "json", language: .en, via: "email"), by: .system("bench"))
                let gallra = seconds(start)
                precondition(completion.connected.count == 3, "customer \(id): \(completion.connected.count) changes")
                if index >= 20 { gallraTimes.append(gallra) }
            }
            for (index, id) in ids.dropFirst(samples + 20).prefix(samples + 20).enumerated() {
                let email = "user\(id)@example.com"
                let start = ContinuousClock.now
                try await shop.transaction { sql in
                    try await sql.raw("DELETE FROM support_ticket WHERE customer_email = \(bind: email)").run()
                    try await sql.raw(
                        "UPDATE customer SET name = NULL, email = 'erased@invalid', phone = NULL, address = NULL WHERE id = \(bind: id)"
                    ).run()
                }
                if index >= 20 { handTimes.append(seconds(start)) }
            }
            report(
                "erasure, one customer (request completed in Gallra's store and the shop)", gallraTimes,
                floor: handTimes)
            try await shop.sql.raw(
                mariadb
                    ? """
                    UPDATE customer SET email = CONCAT('user', id, '@example.com'), name = CONCAT('Customer ', id),
                        phone = CONCAT('+1-555-', LPAD(id % 10000000, 7, '0')), address = CONCAT(id, ' Main Street, Springfield')
                    WHERE email = 'erased@invalid'
                    """
                    : """
                    UPDATE customer SET email = 'user' || id || '@example.com', name = 'Customer ' || id,
                        phone = '+1-555-' || lpad((id % 10000000)::text, 7, '0'), address = id || ' Main Street, Springfield'
                    WHERE email = 'erased@invalid'
                    """
            ).run()
            try await shop.sql.raw(
                mariadb
                    ? "INSERT IGNORE INTO support_ticket SELECT * FROM bench_erased_tickets"
                    : "INSERT INTO support_ticket SELECT * FROM bench_erased_tickets ON CONFLICT DO NOTHING"
            )
            .run()
            try await shop.sql.raw("DROP TABLE bench_erased_tickets").run()

            let peakBeforeSweep = peakResidentMiB()
            // The sweep, 1% of orders and tickets expired; against hand-written DELETEs of exactly those rows.
            let cutOrders = now.addingTimeInterval(-Double(orderHours) * 3_600)
            let cutTickets = now.addingTimeInterval(-Double(ticketHours) * 3_600)
            try await shop.sql.raw("DROP TABLE IF EXISTS bench_orders, bench_tickets").run()
            try await shop.sql.raw(
                "CREATE TABLE bench_orders AS SELECT * FROM orders WHERE created_at <= \(bind: cutOrders)"
            ).run()
            try await shop.sql.raw(
                "CREATE TABLE bench_tickets AS SELECT * FROM support_ticket WHERE closed_at <= \(bind: cutTickets)"
            ).run()
            let expired = try await shop.sql.raw(
                "SELECT (SELECT count(*) FROM bench_orders) + (SELECT count(*) FROM bench_tickets) AS n"
            )
            .first()!.decode(column: "n", as: Int.self)
            func restore() async throws {
                if mariadb {
                    try await shop.sql.raw("INSERT IGNORE INTO orders SELECT * FROM bench_orders").run()
                    try await shop.sql.raw("INSERT IGNORE INTO support_ticket SELECT * FROM bench_tickets").run()
                    try await shop.sql.raw("ANALYZE TABLE orders, support_ticket").run()
                    return
                }
                try await shop.sql.raw("INSERT INTO orders SELECT * FROM bench_orders ON CONFLICT DO NOTHING").run()
                try await shop.sql.raw("INSERT INTO support_ticket SELECT * FROM bench_tickets ON CONFLICT DO NOTHING")
                    .run()
                try await shop.sql.raw("VACUUM ANALYZE orders").run()
                try await shop.sql.raw("VACUUM ANALYZE support_ticket").run()
            }
            var handRuns: [Double] = []
            var gallraRuns: [Double] = []
            // Each the best of three: this machine's timings move by a quarter from run to run.
            for _ in 0..<3 {
                print(memoryLine("before the hand-written DELETEs"))
                var start = ContinuousClock.now
                try await shop.transaction { sql in
                    try await sql.raw("DELETE FROM orders WHERE created_at <= \(bind: cutOrders)").run()
                    try await sql.raw("DELETE FROM support_ticket WHERE closed_at <= \(bind: cutTickets)").run()
                }
                handRuns.append(seconds(start))
                try await restore()
                start = ContinuousClock.now
                print(memoryLine("before the sweep"))
                let swept = try await store.sweep.runConnected(now: now, dryRun: false)
                gallraRuns.append(seconds(start))
                print(memoryLine("after the sweep"))
                let rows = swept.reduce(0) { $0 + $1.rows }
                precondition(rows == expired, "swept \(rows), expected \(expired)")
                try await restore()
            }
            let hand = handRuns.min()!
            let gallra = gallraRuns.min()!
            print(
                String(
                    format:
                        "sweep, %d rows expired (1%% of orders and tickets): Gallra %.2f s, hand-written DELETEs %.2f s = %.2f×",
                    expired, gallra, hand, gallra / hand))
            print(
                String(
                    format: "peak resident memory of this process: %.0f MiB (%.0f MiB before the sweep)",
                    peakResidentMiB(),
                    peakBeforeSweep))
            try await shop.sql.raw("DROP TABLE IF EXISTS bench_orders, bench_tickets").run()
            // The least a forecast must read: a count, by hand, of the rows of each table that
            // expire within the 30 days.
            let horizon = now.addingTimeInterval(30 * 86_400)
            let start = ContinuousClock.now
            for (table, column, hours) in [
                ("customer", "created_at", 50 * 365 * 24), ("orders", "created_at", orderHours),
                ("support_ticket", "closed_at", ticketHours),
            ] {
                let cut = horizon.addingTimeInterval(-Double(hours) * 3_600)
                _ = try await shop.sql.raw(
                    "SELECT count(*) AS n FROM \(ident: table) WHERE \(ident: column) <= \(bind: cut)"
                ).all()
            }
            let floor = seconds(start)
            try await peopleWithEvents(store, customers: customers, now: now, besides: Set(erased), floor: floor)
            await shop.close()
            await store.close()
        }
    }

    /// The forecast and a dry run once many people have an event in Gallra's store, which their
    /// connected rows reckon with: each person's rows are looked up, a thousand at a time.
    /// (`besides`: the customers the erasures registered already.)
    func peopleWithEvents(_ store: Store, customers: Int, now: Date, besides erased: Set<Int>, floor: Double)
        async throws
    {
        let people = min(5_000, customers)
        var start = ContinuousClock.now
        _ = try await store.sweep.forecastConnected(from: now, days: 30)
        let without = seconds(start)
        let customersWithEvents = stride(from: 1, through: customers, by: max(1, customers / people))
            .filter { !erased.contains($0) }.prefix(people)
        let ids = try await store.subjects.add(customersWithEvents.map { NewSubject(email: "user\($0)@example.com") })
        for id in ids {
            try await store.records.addEvents(subject: id, scope: .subject, events: [("case.closed", now)])
        }
        start = ContinuousClock.now
        _ = try await store.sweep.forecastConnected(from: now, days: 30)
        let forecast = seconds(start)
        start = ContinuousClock.now
        _ = try await store.sweep.runConnected(now: now, dryRun: true)
        let dry = seconds(start)
        print(
            String(
                format:
                    "with %d people who have an event in Gallra's store: forecast of the connected tables %.2f s (%.2f s without them; counting by hand the rows that expire within the 30 days, the least a forecast reads: %.2f s), dry run %.2f s",
                ids.count, forecast, without, floor, dry))
    }

    func report(_ what: String, _ times: [Double], floor: [Double]) {
        let sorted = times.sorted()
        let floorSorted = floor.sorted()
        print(
            String(
                format: "%@: p50 %.2f ms, p99 %.2f ms (hand-written SQL: p50 %.2f ms, p99 %.2f ms), %d samples", what,
                percentile(sorted, 0.5) * 1000, percentile(sorted, 0.99) * 1000, percentile(floorSorted, 0.5) * 1000,
                percentile(floorSorted, 0.99) * 1000, sorted.count))
    }

    /// Hours back from `now` to the instant below which 1% of the rows lie.
    func hoursBack(_ shop: StoreConnection, _ select: String, now: Date) async throws -> Int {
        let count = try await shop.sql.raw(SQLQueryString("SELECT count(*) AS n FROM (\(unsafeRaw: select)) q"))
            .first()!.decode(column: "n", as: Int.self)
        let row = try await shop.sql.raw(
            SQLQueryString(
                "SELECT t FROM (\(unsafeRaw: select)) q ORDER BY t LIMIT 1 OFFSET \(unsafeRaw: String(count / 100))")
        ).first()!
        let instant = try row.decode(column: "t", as: Date.self)
        return Int((now.timeIntervalSince(instant) / 3_600).rounded(.up))
    }

    static func register(orderHours: Int, ticketHours: Int) -> String {
        """
        version: 1
        controller: { name: Webbutiken AB, email: dataskydd@webbutiken.example, automated_decisions: none }
        systems:
          - id: shop
            name: { sv: Webbutiken, en: The web shop }
        activities:
          - id: shop-customers
            name: { sv: Kunder, en: Customers }
            purpose: { sv: Att leverera beställningar, en: Delivering orders }
            data_subjects: [customers]
            data: [name, email, phone, address]
            legal_basis: [contract]
            retention: "collected + 50y"
            systems: [shop]
            security: { sv: Behörighetsstyrd åtkomst, en: Role-based access }
          - id: shop-orders
            name: { sv: Ordrar, en: Orders }
            purpose: { sv: Att bokföra försäljningen, en: Bookkeeping of sales }
            data_subjects: [customers]
            data: [billing]
            legal_basis: [legal_obligation]
            law: "Bokföringslagen (1999:1078) 7 kap. 2 §"
            retention: "collected + \(orderHours)h"
            systems: [shop]
            security: { sv: Behörighetsstyrd åtkomst, en: Role-based access }
          - id: shop-tickets
            name: { sv: Supportärenden, en: Support tickets }
            purpose: { sv: Att svara på frågor, en: Answering questions }
            data_subjects: [customers]
            data: [case_content]
            legal_basis: [contract]
            retention: "case.closed + \(ticketHours)h"
            systems: [shop]
            security: { sv: Behörighetsstyrd åtkomst, en: Role-based access }
        """
    }

    static let systems = """
        version: 1
        systems:
          shop:
            database: "${GALLRA_BENCH_SHOP}"
            tables:
              - table: customer
                key: [id]
                activity: shop-customers
                person: { email: email }
                columns: { name: name, email: email, phone: phone, address: address }
                events: { collected: created_at }
                anonymise: { name: null, email: "erased@invalid", phone: null, address: null }
              - table: orders
                key: [id]
                activity: shop-orders
                belongs_to: { table: customer, column: customer_id }
                columns: { total: billing }
                events: { collected: created_at }
              - table: support_ticket
                key: [id]
                activity: shop-tickets
                person: { email: customer_email }
                columns: { body: case_content }
                events: { case.closed: closed_at }
        """
}

/// The process's peak resident set (VmHWM), in MiB.
func peakResidentMiB() -> Double {
    // try?: a benchmark's memory reading: none where /proc is missing
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
        let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
        let kib = Double(line.split(separator: " ").dropFirst().first ?? "")
    else { return 0 }
    return kib / 1024
}

/// The process's memory now: resident; with GALLRA_BENCH_MALLOC_STATS set, malloc's own account
/// (glibc's `malloc_stats`, on stderr: the bytes its arenas hold and those in use).
func memoryLine(_ when: String) -> String {
    // try?: a benchmark's memory reading: none where /proc is missing
    let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
    let rss =
        status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") }.flatMap {
            Double($0.split(separator: " ").dropFirst().first ?? "")
        } ?? 0
    if ProcessInfo.processInfo.environment["GALLRA_BENCH_MALLOC_STATS"] != nil,
        let symbol = dlsym(dlopen(nil, RTLD_NOW), "malloc_stats")
    {
        FileHandle.standardError.write(Data("malloc \(when):\n".utf8))
        unsafeBitCast(symbol, to: (@convention(c) () -> Void).self)()
    }
    return String(format: "  memory %@: resident %.1f MiB", when, rss / 1024)
}
