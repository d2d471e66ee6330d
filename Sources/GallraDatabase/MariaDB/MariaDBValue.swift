import Foundation
import GallraCore

/// A value bound to a MariaDB statement, as the client sends it. An instant goes as its UTC
/// text (the session's time zone is UTC, set on connecting), to the microsecond.
package enum MariaDBValue: Sendable, Equatable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case bytes([UInt8])

    /// The value SQLKit was given, through its `Encodable` form: a type the client has no value
    /// for is refused, never sent as something else.
    package init(_ value: any Encodable) throws {
        switch value {
        case let value as String: self = .text(value)
        case let value as Int: self = .integer(Int64(value))
        case let value as Int64: self = .integer(value)
        case let value as Int32: self = .integer(Int64(value))
        case let value as Bool: self = .integer(value ? 1 : 0)
        case let value as Double: self = .real(value)
        case let value as Date: self = .text(Self.utcText(value))
        case let value as Data: self = .bytes(Array(value))
        case let value as [UInt8]: self = .bytes(value)
        case let value as UUID: self = .text(value.uuidString.lowercased())
        default:
            let encoder = SingleValueCapture()
            try value.encode(to: encoder)
            guard let captured = encoder.value else {
                throw GallraError.invalidInput("A value of type \(type(of: value)) cannot be bound for MariaDB.")
            }
            self = captured
        }
    }

    /// "2026-01-15 10:00:00.000000", UTC.
    package static func utcText(_ date: Date) -> String {
        let micros = Int64((date.timeIntervalSince1970 * 1_000_000).rounded(.down))
        let seconds = Int64((Double(micros) / 1_000_000).rounded(.down))
        let fraction = micros - seconds * 1_000_000
        var time = time_t(seconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let year = String(parts.tm_year + 1900)
        let micro = String(fraction)
        return "\(year)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday)) \(two(parts.tm_hour)):\(two(parts.tm_min)):"
            + "\(two(parts.tm_sec)).\(String(repeating: "0", count: 6 - micro.count))\(micro)"
    }
}

/// Captures the one value an `Encodable` writes (an optional's nil, a number, a text).
private final class SingleValueCapture: Encoder, SingleValueEncodingContainer {
    var value: MariaDBValue?
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        fatalError("MariaDB binds single values only")
    }
    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        fatalError("MariaDB binds single values only")
    }
    func singleValueContainer() -> any SingleValueEncodingContainer { self }

    func encodeNil() throws { value = .null }
    func encode(_ value: Bool) throws { self.value = .integer(value ? 1 : 0) }
    func encode(_ value: String) throws { self.value = .text(value) }
    func encode(_ value: Double) throws { self.value = .real(value) }
    func encode(_ value: Float) throws { self.value = .real(Double(value)) }
    func encode(_ value: Int) throws { self.value = .integer(Int64(value)) }
    func encode(_ value: Int8) throws { self.value = .integer(Int64(value)) }
    func encode(_ value: Int16) throws { self.value = .integer(Int64(value)) }
    func encode(_ value: Int32) throws { self.value = .integer(Int64(value)) }
    func encode(_ value: Int64) throws { self.value = .integer(value) }
    func encode(_ value: UInt) throws { try encode(UInt64(value)) }
    func encode(_ value: UInt8) throws { self.value = .integer(Int64(value)) }
    func encode(_ value: UInt16) throws { self.value = .integer(Int64(value)) }
    func encode(_ value: UInt32) throws { self.value = .integer(Int64(value)) }
    func encode(_ value: UInt64) throws {
        guard let number = Int64(exactly: value) else {
            throw GallraError.invalidInput("The number \(value) is too large to bind for MariaDB.")
        }
        self.value = .integer(number)
    }
    func encode<T: Encodable>(_ value: T) throws {
        self.value = try MariaDBValue(value)
    }
}
