import Foundation
import GallraCore
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
                /// The rows expired at `instant`: by their columns, and by their person's events in the store.
                func count(at instant: Date) async throws -> Int {
                    var condition = try activity.retention.expiryPredicate(at: instant, calendar: calendar)
                        .sql(for: table, schema: schema, dialect: connection.dialect, calendar: calendar)
                    if table.onExpiry == .anonymise { condition = condition + " AND " + (try rows.notAnonymised()) }
                    let byColumns =
                        try await connection.sql.raw(try rows.count(where: condition)).first()?.decode(
                            column: "n", as: Int.self) ?? 0
                    return byColumns + byStore.filter { $0.expiredByStoreEvents(at: instant) }.count
                }
                var before = try await count(at: now)
                overdue += before
                for offset in 0..<days {
                    let day = today.adding(days: offset)
                    let end = calendar.startOfDay(day.adding(days: 1)).addingTimeInterval(-1e-6)
                    let after = try await count(at: end)
                    if after > before {
                        let key = "\(day) \(activity.id)"
                        if expiring[key] == nil { order.append((day, activity.id)) }
                        expiring[key, default: 0] += after - before
                    }
                    before = after
                }
            }
        }
        let days = order.map { Forecast.Day(date: $0.0, activity: $0.1, records: expiring["\($0.0) \($0.1)"] ?? 0) }
        return (overdue, days)
    }
}
