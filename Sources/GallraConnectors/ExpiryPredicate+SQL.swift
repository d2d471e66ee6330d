import Foundation
import GallraCore
import GallraDatabase
import SQLKit

extension ExpiryPredicate {
    /// The predicate as an SQL condition on a connected table: columns quoted, instants bound, in
    /// the form each column's kind is compared in. A row whose event has not happened (NULL) does
    /// not match, as in the store, unless `standIns` gives the event (a person's events in
    /// Gallra's store): then an empty column takes that instant, and a filled one wins.
    package func sql(
        for table: ConnectedTable, schema: TableSchema, dialect: StoreConnection.Dialect, calendar: ZonedCalendar,
        standIns: [EventName: Date] = [:]
    ) throws -> SQLQueryString {
        var query = SQLQueryString("")
        let form = Form(table: table, schema: schema, dialect: dialect, calendar: calendar, standIns: standIns)
        try write(into: &query, form)
        return query
    }

    /// What the condition is written for.
    private struct Form {
        let table: ConnectedTable
        let schema: TableSchema
        let dialect: StoreConnection.Dialect
        let calendar: ZonedCalendar
        let standIns: [EventName: Date]

        var columnsOnly: Form {
            Form(table: table, schema: schema, dialect: dialect, calendar: calendar, standIns: [:])
        }
    }

    private func write(into query: inout SQLQueryString, _ form: Form) throws {
        switch self {
        case .always: query.appendLiteral("1 = 1")
        case .never: query.appendLiteral("1 = 0")
        case .all(let parts), .any(let parts):
            guard !parts.isEmpty else {
                query.appendLiteral(self == .all([]) ? "1 = 1" : "1 = 0")
                return
            }
            query.appendLiteral("(")
            for (index, part) in parts.enumerated() {
                if index > 0 { query.appendLiteral(self == .all(parts) ? " AND " : " OR ") }
                try part.write(into: &query, form)
            }
            query.appendLiteral(")")
        case .atOrBefore(let event, let threshold):
            try Self.compare(event, "<=", threshold, into: &query, form)
        case .between(let event, let from, let to):
            query.appendLiteral("(")
            try Self.compare(event, ">=", from, into: &query, form)
            query.appendLiteral(" AND ")
            try Self.compare(event, "<=", to, into: &query, form)
            query.appendLiteral(")")
        }
    }

    /// `column <= instant` or `column >= instant`, in the form the column's kind is compared in:
    /// a day by its date (a day is its midnight), SQLite's times to the second. With a stand-in
    /// for the event that meets the comparison, an empty column meets it too.
    private static func compare(
        _ event: EventName, _ operation: String, _ instant: Date, into query: inout SQLQueryString, _ form: Form
    ) throws {
        let (table, schema, dialect, calendar) = (form.table, form.schema, form.dialect, form.calendar)
        guard let columnName = table.events[event] else {
            throw GallraError.invalidInput("Table \"\(table.table)\" gives no column for \(event).")
        }
        let column = try table.columnExpression(columnName)
        let upTo = operation == "<="
        if let standIn = form.standIns[event], upTo ? standIn <= instant : standIn >= instant {
            query.appendLiteral("(")
            query.appendInterpolation(column)
            query.appendLiteral(" IS NULL OR ")
            try compare(event, operation, instant, into: &query, form.columnsOnly)
            query.appendLiteral(")")
            return
        }
        let seconds = Int64(
            upTo ? instant.timeIntervalSince1970.rounded(.down) : instant.timeIntervalSince1970.rounded(.up))
        var day = calendar.localDate(of: instant)
        if !upTo && calendar.startOfDay(day) < instant { day = day.adding(days: 1) }
        switch (dialect, schema.kind(of: columnName, dialect: dialect)) {
        case (.postgres, .instant) where schema.columns[columnName]?.contains("without") == true:
            // A timestamp without time zone is read as UTC.
            query.appendInterpolation(column)
            query.appendLiteral(" \(operation) (")
            query.appendInterpolation(bind: instant)
            query.appendLiteral(" AT TIME ZONE 'UTC')")
        case (.postgres, .instant):
            query.appendInterpolation(column)
            query.appendLiteral(" \(operation) ")
            query.appendInterpolation(bind: instant)
        case (.postgres, .day):
            query.appendInterpolation(column)
            query.appendLiteral(" \(operation) CAST(")
            query.appendInterpolation(bind: day.description)
            query.appendLiteral(" AS date)")
        case (.mariadb, .instant):
            // TIMESTAMP and DATETIME, compared as UTC: the session's time zone is UTC. The bound
            // UTC text is read as a time once, for the column's type (a CAST here would be
            // evaluated for each row, and doubles the time of a scan).
            query.appendInterpolation(column)
            query.appendLiteral(" \(operation) ")
            query.appendInterpolation(bind: instant)
        case (.mariadb, .day):
            query.appendInterpolation(column)
            query.appendLiteral(" \(operation) ")
            query.appendInterpolation(bind: day.description)
        case (.sqlite, .day):
            query.appendInterpolation(column)
            query.appendLiteral(" \(operation) ")
            query.appendInterpolation(bind: day.description)
        case (.sqlite, .unixSeconds):
            query.appendInterpolation(column)
            query.appendLiteral(" \(operation) ")
            query.appendInterpolation(bind: seconds)
        case (.sqlite, .instant):
            // ISO 8601 text in UTC, compared to the second.
            query.appendLiteral("CAST(strftime('%s', ")
            query.appendInterpolation(column)
            query.appendLiteral(") AS INTEGER) \(operation) ")
            query.appendInterpolation(bind: seconds)
        default:
            throw GallraError.invalidInput(
                "Column \"\(columnName)\" of table \"\(table.table)\" gives \(event) but does not hold a time.")
        }
    }
}

extension TableSchema.ColumnKind {
    /// A value read from the column as the instant Gallra takes it for: a day starts at midnight in
    /// the controller's time zone.
    package func instant(of row: any SQLRow, column: String, calendar: ZonedCalendar) throws -> Date? {
        switch self {
        case .instant:
            // try?: probing the column's type: a value not a timestamp is read as ISO text
            if let date = try? row.decode(column: column, as: Date?.self) { return date }
            guard let text = try row.decode(column: column, as: String?.self) else { return nil }
            return Self.iso(text)
        case .day:
            // try?: probing the column's type: a value not a timestamp is read as ISO text
            if let date = try? row.decode(column: column, as: Date?.self) {
                return calendar.startOfDay(CivilDate(utc: date))
            }
            guard let text = try row.decode(column: column, as: String?.self) else { return nil }
            return CivilDate(iso: String(text.prefix(10))).map(calendar.startOfDay)
        case .unixSeconds:
            return try row.decode(column: column, as: Int64?.self).map { Date(timeIntervalSince1970: Double($0)) }
        case .other:
            return nil
        }
    }

    /// "2026-03-01 12:00:00", "2026-03-01T12:00:00Z" or with a fraction, all UTC.
    package static func iso(_ text: String) -> Date? {
        var normal = text.replacingOccurrences(of: " ", with: "T")
        if !normal.hasSuffix("Z") && normal.firstMatch(of: /[+-]\d\d:?\d\d$/) == nil { normal += "Z" }
        let withFraction = ISO8601DateFormatter()
        withFraction.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let plain = ISO8601DateFormatter()
        return withFraction.date(from: normal) ?? plain.date(from: normal)
    }
}

extension CivilDate {
    /// The date of a PostgreSQL `date` value as it is decoded (midnight UTC).
    package init(utc date: Date) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        self = CivilDate(year: parts.year!, month: parts.month!, day: parts.day!)!
    }
}
