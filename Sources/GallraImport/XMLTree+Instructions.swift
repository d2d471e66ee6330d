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
            guard Self.isUTF8Declaration(Array(bytes[start..<end])) else { return .refused }
            declarationEnd = end + 2
        }
        return find([UInt8(ascii: "<"), UInt8(ascii: "?")], in: bytes, from: declarationEnd) == nil ? .plain : .refused
    }

    /// `<?xml version=…` up to the closing `?>`, with no `?`, `<` or `>` in it, and no encoding
    /// but UTF-8 declared. Read byte by byte: Swift's Regex, built once, is reported by
    /// LeakSanitizer as leaked.
    private static func isUTF8Declaration(_ declaration: [UInt8]) -> Bool {
        let space: Set<UInt8> = [0x20, 0x09, 0x0D, 0x0A]
        let marks: Set<UInt8> = [UInt8(ascii: "?"), UInt8(ascii: "<"), UInt8(ascii: ">")]
        guard declaration.count > 5, space.contains(declaration[5]),
            !declaration.dropFirst(2).contains(where: marks.contains)
        else { return false }
        var index = 5
        func skipSpace() { while index < declaration.count, space.contains(declaration[index]) { index += 1 } }
        skipSpace()
        guard declaration[index...].starts(with: Array("version".utf8)) else { return false }
        index += 7
        skipSpace()
        guard index < declaration.count, declaration[index] == UInt8(ascii: "=") else { return false }
        guard let named = find(Array("encoding".utf8), in: declaration, from: index) else { return true }
        index = named + 8
        skipSpace()
        guard index < declaration.count, declaration[index] == UInt8(ascii: "=") else { return false }
        index += 1
        skipSpace()
        guard index < declaration.count, [UInt8(ascii: "\""), UInt8(ascii: "'")].contains(declaration[index]) else {
            return false
        }
        let quote = declaration[index]
        guard let close = declaration[(index + 1)...].firstIndex(of: quote) else { return false }
        let encoding = String(decoding: declaration[(index + 1)..<close], as: UTF8.self).lowercased()
        return encoding == "utf-8" || encoding == "utf8"
    }

    private static func find(_ needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard needle.count <= bytes.count else { return nil }
        var index = start
        while index + needle.count <= bytes.count {
            if bytes[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}
