import Foundation

/// Instants are stored as milliseconds since 1970, rounded to the nearest: one conversion, used
/// everywhere, so that an instant written and an instant asked about compare as they should.
extension Date {
    package var millis: Int64 { Int64((timeIntervalSince1970 * 1000).rounded()) }
    package init(millis: Int64) { self.init(timeIntervalSince1970: Double(millis) / 1000) }
}

package enum Clock {
    package static func nowMillis() -> Int64 { Date().millis }
}
