import Foundation
import GallraDatabase

/// A key value of a connected table, bound with its own type.
package enum KeyValue: Encodable, Hashable, Sendable, CustomStringConvertible {
    case number(Int64)
    case text(String)

    /// Values of one type, to bind as one array.
    package enum Homogeneous {
        case numbers([Int64])
        case texts([String])
    }

    /// The values as one array of their type; nil when the types are mixed.
    package static func homogeneous(_ values: [KeyValue]) -> Homogeneous? {
        var numbers: [Int64] = []
        var texts: [String] = []
        for value in values {
            switch value {
            case .number(let number): numbers.append(number)
            case .text(let text): texts.append(text)
            }
        }
        if texts.isEmpty { return .numbers(numbers) }
        return numbers.isEmpty ? .texts(texts) : nil
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .number(let value): try container.encode(value)
        case .text(let value): try container.encode(value)
        }
    }

    package var description: String {
        switch self {
        case .number(let value): return String(value)
        case .text(let value): return value
        }
    }
}
