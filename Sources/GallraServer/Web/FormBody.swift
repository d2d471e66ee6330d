import Foundation
import GallraCore
import Hummingbird

extension Request {
    /// The fields of a submitted form (application/x-www-form-urlencoded), at most 64 KiB.
    func formFields() async throws -> [String: String] {
        let buffer: ByteBuffer
        do {
            buffer = try await body.collect(upTo: Self.maximumBodySize)
        } catch {
            throw HTTPError(.contentTooLarge, message: "The form is larger than 64 KiB.")
        }
        var fields: [String: String] = [:]
        for pair in String(buffer: buffer).split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { String($0) }
            func decode(_ text: String) -> String {
                text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            fields[decode(parts[0])] = parts.count > 1 ? decode(parts[1]) : ""
        }
        return fields
    }
}

/// Compares two secrets in time that does not depend on where they differ.
func constantTimeEquals(_ a: String, _ b: String) -> Bool {
    let left = Array(a.utf8)
    let right = Array(b.utf8)
    guard left.count == right.count else { return false }
    return zip(left, right).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
}
