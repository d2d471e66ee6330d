import Foundation
import GallraCore

/// An e-mail as RFC 5322 and MIME want it: UTF-8 headers encoded (RFC 2047), a plain-text and an
/// HTML part (multipart/alternative, each base64), Date and Message-ID.
public struct MailMessage: Sendable {
    public let fromName: String
    public let fromAddress: String
    public let to: String
    public let subject: String
    public let text: String
    public let html: String

    public init(fromName: String, fromAddress: String, to: String, subject: String, text: String, html: String) {
        self.fromName = fromName
        self.fromAddress = fromAddress
        self.to = to
        self.subject = subject
        self.text = text
        self.html = html
    }

    /// The message's bytes, lines ending in CRLF; refused when `to` or the sender is not exactly
    /// one address.
    public func rfc5322(date: Date = Date(), id: String = UUID().uuidString.lowercased()) throws(GallraError) -> Data {
        let boundary = "gallra-\(UUID().uuidString.lowercased())"
        let from = try Self.mailbox(fromAddress, "sender (--mail-from)")
        let to = try Self.mailbox(to, "recipient")
        let domain = from.split(separator: "@").last.map(String.init) ?? "gallra.invalid"
        let name = Self.oneLine(fromName).trimmingCharacters(in: .whitespaces)
        let headers = [
            name.isEmpty ? "From: <\(from)>" : "From: \(Self.displayName(name)) <\(from)>",
            "To: \(to)",
            "Subject: \(Self.headerText(subject))",
            "Date: \(Self.rfc5322Date(date))",
            "Message-ID: <\(id)@\(domain)>",
            "MIME-Version: 1.0",
            "Content-Type: multipart/alternative; boundary=\"\(boundary)\"",
        ]
        let parts = [("text/plain", text), ("text/html", html)].map { type, body in
            [
                "--\(boundary)", "Content-Type: \(type); charset=utf-8", "Content-Transfer-Encoding: base64", "",
                Self.base64Lines(body),
            ].joined(separator: "\r\n")
        }
        let message =
            headers.joined(separator: "\r\n") + "\r\n\r\n" + parts.joined(separator: "\r\n")
            + "\r\n--\(boundary)--\r\n"
        return Data(message.utf8)
    }

    /// Base64 in lines of 76 characters.
    static func base64Lines(_ text: String) -> String {
        let encoded = Data(text.utf8).base64EncodedString()
        var lines: [Substring] = []
        var index = encoded.startIndex
        while index < encoded.endIndex {
            let end = encoded.index(index, offsetBy: 76, limitedBy: encoded.endIndex) ?? encoded.endIndex
            lines.append(encoded[index..<end])
            index = end
        }
        return lines.joined(separator: "\r\n")
    }

    static func rfc5322Date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }
}
