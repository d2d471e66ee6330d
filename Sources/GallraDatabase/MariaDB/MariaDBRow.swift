import Foundation
import GallraCore
import SQLKit

/// A row as MariaDB's client gives it: every cell as text (nil for NULL), decoded on demand.
package struct MariaDBRow: SQLRow, Sendable {
    package let columns: MariaDBColumns
    package let cells: [[UInt8]?]

    package var allColumns: [String] { columns.names }

    package func contains(column: String) -> Bool { columns.index[column] != nil }

    package func decodeNil(column: String) throws -> Bool {
        try cell(column) == nil
    }

    package func decode<D: Decodable>(column: String, as type: D.Type) throws -> D {
        // Through the container, which reads an instant from its text (Date's own decoding would
        // ask for a number).
        try MariaDBCellDecoder(cell: try cell(column), column: column).decode(D.self)
    }

    private func cell(_ column: String) throws -> [UInt8]? {
        guard let index = columns.index[column] else {
            throw DecodingError.keyNotFound(
                SQLCodingKey(column), .init(codingPath: [], debugDescription: "No column \"\(column)\" in the row."))
        }
        return cells[index]
    }
}

/// The result's columns: names, and where each is in a row.
package struct MariaDBColumns: Sendable {
    package let names: [String]
    package let index: [String: Int]

    package init(names: [String]) {
        self.names = names
        var index: [String: Int] = [:]
        // The first of two columns with one name, as other drivers read them.
        for (position, name) in names.enumerated() where index[name] == nil { index[name] = position }
        self.index = index
    }
}

private struct SQLCodingKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

/// Decodes one cell's text as the type asked for: numbers, texts, booleans, instants (UTC text,
/// as the session's time zone is UTC; a DATE as its midnight UTC), bytes.
private struct MariaDBCellDecoder: Decoder, SingleValueDecodingContainer {
    let cell: [UInt8]?
    let column: String

    var codingPath: [any CodingKey] { [SQLCodingKey(column)] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        throw mismatch(type)
    }
    func unkeyedContainer() throws -> any UnkeyedDecodingContainer { throw mismatch([Any].self) }
    func singleValueContainer() throws -> any SingleValueDecodingContainer { self }

    func decodeNil() -> Bool { cell == nil }

    private func mismatch(_ type: Any.Type) -> DecodingError {
        DecodingError.typeMismatch(
            type, .init(codingPath: codingPath, debugDescription: "Column \"\(column)\" does not hold a \(type)."))
    }

    private func text() throws -> String {
        guard let cell else {
            throw DecodingError.valueNotFound(
                String.self, .init(codingPath: codingPath, debugDescription: "Column \"\(column)\" is NULL."))
        }
        return String(decoding: cell, as: UTF8.self)
    }

    private func integer<T: FixedWidthInteger>(_ type: T.Type) throws -> T {
        guard let value = T(try text()) else { throw mismatch(type) }
        return value
    }

    func decode(_ type: Bool.Type) throws -> Bool {
        switch try text() {
        case "1", "true", "TRUE": return true
        case "0", "false", "FALSE": return false
        default: throw mismatch(type)
        }
    }
    func decode(_ type: String.Type) throws -> String { try text() }
    func decode(_ type: Double.Type) throws -> Double {
        guard let value = Double(try text()) else { throw mismatch(type) }
        return value
    }
    func decode(_ type: Float.Type) throws -> Float {
        guard let value = Float(try text()) else { throw mismatch(type) }
        return value
    }
    func decode(_ type: Int.Type) throws -> Int { try integer(type) }
    func decode(_ type: Int8.Type) throws -> Int8 { try integer(type) }
    func decode(_ type: Int16.Type) throws -> Int16 { try integer(type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try integer(type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try integer(type) }
    func decode(_ type: UInt.Type) throws -> UInt { try integer(type) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try integer(type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try integer(type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try integer(type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try integer(type) }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        if type == Date.self {
            guard let date = MariaDBTime.instant(try text()) as? T else { throw mismatch(type) }
            return date
        }
        if type == Data.self {
            guard let cell, let data = Data(cell) as? T else { throw mismatch(type) }
            return data
        }
        return try T(from: self)
    }
}

/// MariaDB's time texts, read as UTC.
package enum MariaDBTime {
    /// "2026-01-15 10:00:00", with up to six digits of a fraction; "2026-01-15" as its midnight.
    package static func instant(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count == 10 || bytes.count >= 19 else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                guard index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 else { return nil }
                value = value * 10 + Int(bytes[index] - 48)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
            bytes[4] == 45, bytes[7] == 45
        else { return nil }
        var hour = 0
        var minute = 0
        var second = 0
        var fraction = 0.0
        if bytes.count >= 19 {
            guard let h = number(11..<13), let m = number(14..<16), let s = number(17..<19) else { return nil }
            (hour, minute, second) = (h, m, s)
            if bytes.count > 20, bytes[19] == 46, let digits = number(20..<bytes.count) {
                fraction = Double(digits) / pow(10, Double(bytes.count - 20))
            }
        }
        // Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        let seconds = Double(days * 86_400 + hour * 3_600 + minute * 60 + second) + fraction
        return Date(timeIntervalSince1970: seconds)
    }
}
