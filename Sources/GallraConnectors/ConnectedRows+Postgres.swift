import Foundation
import GallraCore
import GallraDatabase
import PostgresNIO
import SQLKit
import Synchronization

extension ConnectedRows {
    /// Reads the rows `select(where:)` finds, each as its key and its events, and hands each on as it
    /// streams in. On PostgreSQL the cells are decoded by position (SQLKit's decoding by column name
    /// costs more than the query, for every row of a sweep), and whenever `each` returns true the
    /// reading waits for `pace`; elsewhere, or with a value PostgreSQL's driver is not given here,
    /// through SQLKit, without a pause.
    package func keysAndEvents(
        _ select: SQLQueryString, calendar: ZonedCalendar, pace: @escaping @Sendable () async -> Void,
        _ each: @escaping @Sendable (_ key: [KeyValue], _ events: [EventName: Date]) throws -> Bool
    ) async throws {
        let columns = eventColumns
        guard let postgres = connection.postgres, let query = try postgresQuery(select) else {
            let failure = Mutex<(any Error)?>(nil)
            try await connection.sql.raw(select).run { row in
                do {
                    _ = try each(try typedKey(of: row), try events(of: row, columns: columns, calendar: calendar))
                } catch {
                    failure.withLock { if $0 == nil { $0 = error } }
                }
            }
            if let error = failure.withLock({ $0 }) { throw error }
            return
        }
        // `readColumns`: the key's columns, then the event columns, in that order.
        let positions = Dictionary(uniqueKeysWithValues: readColumns.enumerated().map { ($1, $0) })
        let keyCount = table.key.count
        try await connection.alone {
            for try await row in try await postgres.query(query, logger: connection.logger) {
                let cells = row.makeRandomAccess()
                var key: [KeyValue] = []
                key.reserveCapacity(keyCount)
                for index in 0..<keyCount {
                    // try?: probing the key's type: a key not a number is read as text
                    if let number = try? cells[index].decode(Int64.self) {
                        key.append(.number(number))
                    } else {
                        key.append(.text(try cells[index].decode(String.self)))
                    }
                }
                var events: [EventName: Date] = [:]
                for (event, column, kind) in columns {
                    guard let position = positions[column],
                        let date = try cells[position].decode(Date?.self)
                    else { continue }
                    switch kind {
                    case .instant: events[event] = date
                    case .day: events[event] = calendar.startOfDay(CivilDate(utc: date))
                    case .unixSeconds, .other: continue
                    }
                }
                if try each(key, events) { await pace() }
            }
        }
    }

    /// The statement with its values bound for PostgreSQL's driver; nil for a value of a type not
    /// mapped here.
    private func postgresQuery(_ statement: SQLQueryString) throws -> PostgresQuery? {
        let (sql, values) = connection.sql.serialize(statement)
        var binds = PostgresBindings(capacity: values.count)
        for value in values {
            switch value {
            case let value as Date: binds.append(value)
            case let value as String: binds.append(value)
            case let value as Int64: binds.append(value)
            case let value as Int: binds.append(value)
            case let value as [Int64]: binds.append(value)
            case let value as [String]: binds.append(value)
            case let value as KeyValue:
                switch value {
                case .number(let number): binds.append(number)
                case .text(let text): binds.append(text)
                }
            default: return nil
            }
        }
        return PostgresQuery(unsafeSQL: sql, binds: binds)
    }
}
