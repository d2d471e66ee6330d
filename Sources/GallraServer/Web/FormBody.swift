import Foundation
import GallraCore
import Hummingbird

extension Request {
    /// The fields of a submitted form (application/x-www-form-urlencoded), at most 64 KiB, or
    /// `limit` bytes for a form that carries a file; a page saying so beyond (`FormTooLarge`).
    func formFields(limit: Int? = nil) async throws -> [String: String] {
        let limit = limit ?? Self.maximumBodySize
        let buffer: ByteBuffer
        do {
            buffer = try await body.collect(upTo: limit)
        } catch {
            throw FormTooLarge(limit: limit)
        }
        return FormEncoding.fields(buffer.readableBytesView)
    }
}

/// A fresh anti-forgery value for a form that comes before any session (sign-in, the public
/// request page), sent in both a cookie and the form: 32 random bytes, base64url.
func freshFormToken() -> String {
    var generator = SystemRandomNumberGenerator()
    let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
    return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
        .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
}

/// Compares two secrets in time that does not depend on where they differ.
func constantTimeEquals(_ a: String, _ b: String) -> Bool {
    let left = Array(a.utf8)
    let right = Array(b.utf8)
    guard left.count == right.count else { return false }
    return zip(left, right).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
}

/// The anti-forgery check of a form that comes before any session (sign-in, the public pages): a
/// fresh value goes out in both a cookie (HttpOnly, SameSite=Strict, on the form's path) and a
/// hidden field, and a submission is taken only when the two come back alike.
struct PreSessionForm: Sendable {
    let cookie: String
    let path: String
    let secure: Bool

    /// Sets the cookie of `value` (from `freshFormToken()`, also in the page's hidden field).
    func attach(_ value: String, to response: inout Response) {
        response.setCookie(
            Cookie(name: cookie, value: value, path: path, secure: secure, httpOnly: true, sameSite: .strict))
    }

    /// Whether the submission's hidden field matches its cookie.
    func accepts(_ request: Request, fields: [String: String]) -> Bool {
        guard let expected = request.cookies[cookie]?.value else { return false }
        return constantTimeEquals(fields["csrf"] ?? "", expected)
    }

    /// The cookie, expired: the form is done.
    var expired: Cookie {
        Cookie(name: cookie, value: "", maxAge: 0, path: path, secure: secure, httpOnly: true, sameSite: .strict)
    }
}

extension [String: String] {
    /// The boxes ticked in a list of checkboxes named `PREFIX.ID` with the value `yes`: their ids.
    func ticked(_ prefix: String) -> [String] {
        compactMap { key, value in
            key.hasPrefix(prefix + ".") && value == "yes" ? String(key.dropFirst(prefix.count + 1)) : nil
        }
    }
}
