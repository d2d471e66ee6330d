import Foundation
import GallraCore
import GallraDatabase
import SQLKit

/// Which rows of a connected table a statement finds, as a value. Conditions combine as values;
/// their SQL is written only where a statement is made (`ConnectedRows.sql(_:)`), identifiers
/// quoted and values bound, so that no condition is ever joined as text.
package indirect enum RowCondition: Sendable {
    /// The rows with these keys (none: no row).
    case keys([[KeyValue]])
    /// The rows a retention rule's predicate finds, compared in the controller's calendar;
    /// `standIns`, a person's events in Gallra's store for the columns a row leaves empty.
    case meets(ExpiryPredicate, calendar: ZonedCalendar, standIns: [EventName: Date])
    /// The rows some column of which still differs from what anonymising writes into it.
    case notAnonymised
    /// The rows that meet every condition (none: every row).
    case all([RowCondition])
    case not(RowCondition)

    /// The rows that meet both.
    package static func && (lhs: RowCondition, rhs: RowCondition) -> RowCondition {
        switch (lhs, rhs) {
        case (.all(let left), .all(let right)): .all(left + right)
        case (.all(let left), _): .all(left + [rhs])
        case (_, .all(let right)): .all([lhs] + right)
        default: .all([lhs, rhs])
        }
    }
}

extension ConnectedRows {
    /// The rows that have expired at `instant` by `rule` (a table that anonymises: and are not
    /// anonymised yet); `standIns`, a person's events in the store for the empty columns.
    package func expired(
        by rule: RetentionRule, at instant: Date, calendar: ZonedCalendar, standIns: [EventName: Date] = [:]
    ) -> RowCondition {
        let meets = RowCondition.meets(
            rule.expiryPredicate(at: instant, calendar: calendar), calendar: calendar, standIns: standIns)
        return table.onExpiry == .anonymise ? meets && .notAnonymised : meets
    }

    /// The condition as SQL on this table, in its database's dialect.
    package func sql(_ condition: RowCondition) throws -> SQLQueryString {
        switch condition {
        case .keys(let keys):
            return try keyCondition(keys)
        case .meets(let predicate, let calendar, let standIns):
            return try predicate.sql(
                for: table, schema: schema, dialect: connection.dialect, calendar: calendar, standIns: standIns)
        case .notAnonymised:
            return try notAnonymised()
        case .all(let parts):
            guard !parts.isEmpty else { return SQLQueryString("1 = 1") }
            var query = SQLQueryString("(")
            for (index, part) in parts.enumerated() {
                if index > 0 { query.appendLiteral(" AND ") }
                query.appendInterpolation(try sql(part))
            }
            query.appendLiteral(")")
            return query
        case .not(let part):
            var query = SQLQueryString("NOT (")
            query.appendInterpolation(try sql(part))
            query.appendLiteral(")")
            return query
        }
    }

    /// `(k1, k2) = (?, ?) OR …` for the rows with these keys.
    /// On PostgreSQL a one-column key is one array bound (`k = ANY($1)`), so that a batch of ten
    /// thousand keys is one value to send and to plan, not ten thousand.
    private func keyCondition(_ keys: [[KeyValue]]) throws -> SQLQueryString {
        if table.key.count == 1, !keys.isEmpty, connection.dialect == .postgres,
            let values = KeyValue.homogeneous(keys.map { $0[0] })
        {
            var query = SQLQueryString("")
            query.appendInterpolation(try SQLName(table.key[0]))
            query.appendLiteral(" = ANY(")
            switch values {
            case .numbers(let numbers): query.appendInterpolation(bind: numbers)
            case .texts(let texts): query.appendInterpolation(bind: texts)
            }
            query.appendLiteral(")")
            return query
        }
        if table.key.count == 1, !keys.isEmpty {
            var query = SQLQueryString("")
            query.appendInterpolation(try SQLName(table.key[0]))
            query.appendList(keys.map { $0[0] })
            return query
        }
        var query = SQLQueryString("(")
        for (index, key) in keys.enumerated() {
            if index > 0 { query.appendLiteral(" OR ") }
            query.appendLiteral("(")
            for (position, column) in table.key.enumerated() {
                if position > 0 { query.appendLiteral(" AND ") }
                query.appendInterpolation(try SQLName(column))
                query.appendLiteral(" = ")
                query.appendInterpolation(bind: key[position])
            }
            query.appendLiteral(")")
        }
        query.appendLiteral(keys.isEmpty ? "1 = 0)" : ")")
        return query
    }

    /// True for a row not yet anonymised: some column still differs from what replaces it.
    private func notAnonymised() throws -> SQLQueryString {
        let different = connection.dialect == .postgres ? " IS DISTINCT FROM " : " IS NOT "
        var query = SQLQueryString("(")
        for (index, (column, value)) in table.anonymise.sorted(by: { $0.key < $1.key }).enumerated() {
            if index > 0 { query.appendLiteral(" OR ") }
            // MariaDB's IS NOT takes only TRUE, FALSE and UNKNOWN: its null-safe equality, negated.
            if connection.dialect == .mariadb { query.appendLiteral("NOT (") }
            query.appendInterpolation(try SQLName(column))
            query.appendLiteral(connection.dialect == .mariadb ? " <=> " : different)
            if let value { query.appendInterpolation(bind: value) } else { query.appendLiteral("NULL") }
            if connection.dialect == .mariadb { query.appendLiteral(")") }
        }
        query.appendLiteral(table.anonymise.isEmpty ? "1 = 1)" : ")")
        return query
    }
}
