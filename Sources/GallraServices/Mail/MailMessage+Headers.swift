import Foundation
import GallraCore

extension MailMessage {
    /// The one address of a `To` or `From`: an addr-spec with exactly one "@", nothing a header
    /// could read as a second address, a display name, a comment or a new line. The message does
    /// not repeat the address, which is personal data.
    static func mailbox(_ address: String, _ role: String) throws(GallraError) -> String {
        let refused: Set<Unicode.Scalar> = [",", ";", "<", ">", "\"", "(", ")", "[", "]", "\\", ":"]
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        let wellFormed =
            parts.count == 2 && !parts[0].isEmpty && !parts[1].isEmpty && !parts[1].hasPrefix(".")
            && !parts[1].hasSuffix(".") && !parts[1].contains("..")
            && address.unicodeScalars.allSatisfy { scalar in
                !refused.contains(scalar) && !scalar.properties.isWhitespace
                    && scalar.properties.generalCategory != .control && scalar.properties.generalCategory != .format
            }
        guard wellFormed else {
            throw GallraError.invalidInput(
                "The \(role) must be exactly one e-mail address, with no second address, display name, comma, semicolon or line break."
            )
        }
        return address
    }

    /// The sender's name as RFC 5322 wants a display name: words of letters, digits and the like
    /// as they are, other ASCII as a quoted-string (with `"` and `\` escaped), anything else as
    /// RFC 2047 encoded-words. Line breaks and other control characters become spaces, so the
    /// name can never start a header of its own.
    static func displayName(_ name: String) -> String {
        let line = Self.oneLine(name)
        let atext = Set(
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-/=?^_`{|}~".unicodeScalars)
        let words = line.split(separator: " ", omittingEmptySubsequences: false)
        if !words.contains(where: \.isEmpty), line.unicodeScalars.allSatisfy({ atext.contains($0) || $0 == " " }) {
            return line
        }
        guard line.unicodeScalars.contains(where: { !$0.isASCII }) else {
            return "\"" + line.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
                + "\""
        }
        return encodedWords(line)
    }

    /// An unstructured header's text (the subject): as it is when it is ASCII, else RFC 2047
    /// encoded-words; on one line either way.
    static func headerText(_ text: String) -> String {
        let line = Self.oneLine(text)
        return line.unicodeScalars.allSatisfy(\.isASCII) ? line : encodedWords(line)
    }

    /// Control characters (CR, LF, tab …) as spaces.
    static func oneLine(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let control =
                scalar.properties.generalCategory == .control
                || scalar == "\u{2028}" || scalar == "\u{2029}" || scalar == "\u{85}"
            scalars.append(control ? " " : scalar)
        }
        return String(scalars)
    }

    /// RFC 2047 B-encoded words of at most 75 characters each (45 bytes of UTF-8 make 60 of
    /// base64), never splitting a character, joined by folding white space.
    static func encodedWords(_ text: String) -> String {
        var words: [String] = []
        var chunk: [UInt8] = []
        for scalar in text.unicodeScalars {
            let bytes = Array(String(scalar).utf8)
            if chunk.count + bytes.count > 45 {
                words.append(chunk.encodedWord)
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty || words.isEmpty { words.append(chunk.encodedWord) }
        return words.joined(separator: "\r\n ")
    }
}

extension [UInt8] {
    fileprivate var encodedWord: String { "=?UTF-8?B?\(Data(self).base64EncodedString())?=" }
}
