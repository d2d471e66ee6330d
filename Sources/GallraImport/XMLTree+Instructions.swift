import Foundation

extension XMLElement {
    /// What a part is, before XMLParser may see it.
    enum Shape {
        /// UTF-8 XML with no processing instruction but its declaration: safe to parse.
        case plain
        /// Not XML at all (a NUL byte, or no `<` first): read as a part that is not well-formed.
        case notXML
        /// A processing instruction, or another encoding declared: refused.
        case refused
    }

    /// Whether a part may be handed to XMLParser. libxml2 passes a processing instruction without
    /// data (`<?x?>`, even `<?xml?>` at the start) to Foundation's XMLParser as a null pointer,
    /// which Foundation reads as a C string: one such part in an upload ended the process (found
    /// by fuzzing). A workbook's XML is UTF-8 and has no processing instruction but its
    /// declaration, so only that is let through: UTF-8 (no NUL byte, no other encoding declared,
    /// which libxml2 would decode anew, hiding a `<?` from this check), starting with `<` after an
    /// optional byte-order mark and white space, and `<?` nowhere but at the declaration.
    static func shape(of data: Data) -> Shape {
        let bytes = [UInt8](data)
        guard !bytes.contains(0) else { return .notXML }
        var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while start < bytes.count, [0x20, 0x09, 0x0D, 0x0A].contains(bytes[start]) { start += 1 }
        guard start < bytes.count, bytes[start] == UInt8(ascii: "<") else { return .notXML }
        var declarationEnd = start
        if bytes[start...].starts(with: Array("<?xml".utf8)) {
            guard let end = find([UInt8(ascii: "?"), UInt8(ascii: ">")], in: bytes, from: start) else {
                return .refused
            }
            let declaration = String(decoding: bytes[start..<end], as: UTF8.self)
            guard declaration.wholeMatch(of: Self.declaration) != nil else { return .refused }
            if let encoding = declaration.firstMatch(of: Self.encoding)?.output.1,
                !["utf-8", "utf8"].contains(encoding.lowercased())
            {
                return .refused
            }
            declarationEnd = end + 2
        }
        return find([UInt8(ascii: "<"), UInt8(ascii: "?")], in: bytes, from: declarationEnd) == nil ? .plain : .refused
    }

    /// `<?xml version="…"` and what may follow it, up to the closing `?>`.
    nonisolated(unsafe) private static let declaration = /<\?xml[ \t\r\n]+version[ \t\r\n]*=[^?<>]*/
    nonisolated(unsafe) private static let encoding = /encoding[ \t\r\n]*=[ \t\r\n]*["']([^"']*)["']/

    private static func find(_ needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard needle.count <= bytes.count else { return nil }
        var index = start
        while index + needle.count <= bytes.count {
            if bytes[index] == needle[0] && bytes[index + 1] == needle[1] { return index }
            index += 1
        }
        return nil
    }
}
