import Foundation

/// The short reference of a request that people quote and type: the year it was received and its
/// number in that year, at least four digits (`2026-0042`). The id (a UUID) stays the request's
/// key; this is what a person reads in their mail and says on the phone.
public struct RequestReference: Hashable, Sendable, CustomStringConvertible {
    public let year: Int
    public let number: Int

    public init(year: Int, number: Int) {
        self.year = year
        self.number = number
    }

    /// A reference as typed: `2026-0042`, `2026-42` or with spaces around it; nil for anything else.
    public init?(_ text: String) {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, (1...9).contains(parts[1].count),
            parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
            let year = Int(parts[0]), let number = Int(parts[1]), number > 0
        else { return nil }
        self.init(year: year, number: number)
    }

    public var description: String {
        let digits = String(number)
        return "\(year)-" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
