import Foundation
import GallraConnectors
import GallraCore
import GallraDatabase
import SQLKit

extension RetentionSweep {
    /// What the connected tables hold that has expired at `now` (the next sweep takes it), and
    /// what will expire on each of the next `days` days, by activity: each day counted with the
    /// rule's predicate at the day's end, less the day before.
    public func forecastConnected(from now: Date, days: Int) async throws -> (overdue: Int, expiring: [Forecast.Day]) {
        guard let systems = try await store.systems.current() else { return (0, []) }
        let register = try await requireRegister()
        let calendar = try await calendar()
        var overdue = 0
        var expiring: [String: Int] = [:]
        var order: [(CivilDate, String)] = []
        let today = calendar.localDate(of: now)
        let fromStore = try await storeEventRows(calendar: calendar)
        for system in systems.file.systems {
            let connection = try await store.connectors.connection(for: system)
            for table in system.tables {
                guard let activity = register.activity(table.activity),
                    let schema = try await store.connectors.schema(of: table, in: system, on: connection)
                else { continue }
                let rows = ConnectedRows(table: table, schema: schema, connection: connection)
                let byStore = fromStore.filter { $0.system == system.id && $0.table == table.table }
                // The rows expired now and at the end of each day, in one pass over the table:
                // a rule's predicate holds from some instant on, so each row is counted at the
                // first of those instants, and the counts add up.
                let instants =
                    [now]
                    + (0..<days).map {
                        calendar.startOfDay(today.adding(days: $0 + 1)).addingTimeInterval(-1e-6)
                    }
                let conditions = instants.map {
                    RowCondition.meets(
                        activity.retention.expiryPredicate(at: $0, calendar: calendar), calendar: calendar,
                        standIns: [:])
                }
                let within = rows.expired(
                    by: activity.retention, at: instants[instants.count - 1], calendar: calendar)
                var firsts = [Int](repeating: 0, count: instants.count)
                for row in try await connection.sql.raw(try rows.countsByFirst(conditions, where: within)).all() {
                    guard let first = try row.decode(column: "first", as: Int?.self) else { continue }
                    firsts[first] = try row.decode(column: "n", as: Int.self)
                }
                // By their columns (running totals of the first instant each row is expired at), and by
                // their person's events in the store.
                var total = 0
                let counts = instants.enumerated().map { index, instant in
                    total += firsts[index]
                    return total + byStore.filter { $0.expiredByStoreEvents(at: instant) }.count
                }
                overdue += counts[0]
                for (offset, (before, after)) in zip(counts, counts.dropFirst()).enumerated() where after > before {
                    let day = today.adding(days: offset)
                    let key = "\(day) \(activity.id)"
                    if expiring[key] == nil { order.append((day, activity.id)) }
                    expiring[key, default: 0] += after - before
                }
            }
        }
        let days = order.map { Forecast.Day(date: $0.0, activity: $0.1, records: expiring["\($0.0) \($0.1)"] ?? 0) }
        return (overdue, days)
    }
}
