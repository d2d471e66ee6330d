/// The fields of an `application/x-www-form-urlencoded` body (WHATWG URL standard, §5.1): pairs
/// separated by `&`, name and value by the first `=`, `+` for a space, `%XX` for a byte. Total: any
/// byte string gives fields, never a trap. A `%` not followed by two hex digits is kept as it is
/// (as browsers do), bytes that are not UTF-8 become U+FFFD, and at most `fieldLimit` pairs are
/// read: the forms Gallra serves have a dozen fields, so a body of 100,000 empty pairs costs no
/// more than its first thousand.
public enum FormEncoding {
    public static let fieldLimit = 1_000

    /// The fields, the last value of a repeated name winning; a pair without `=` is a name with
    /// an empty value, an empty pair (`&&`) is skipped, and `=` alone is the empty name.
    public static func fields(_ body: some Sequence<UInt8>) -> [String: String] {
        var fields: [String: String] = [:]
        for (name, value) in pairs(body) { fields[name] = value }
        return fields
    }

    /// The pairs in order, at most `fieldLimit` of them.
    public static func pairs(_ body: some Sequence<UInt8>) -> [(name: String, value: String)] {
        var pairs: [(name: String, value: String)] = []
        var name: [UInt8] = []
        var value: [UInt8] = []
        var inValue = false
        func finish() {
            if !(name.isEmpty && value.isEmpty && !inValue) {
                pairs.append((decode(name), decode(value)))
            }
            name.removeAll(keepingCapacity: true)
            value.removeAll(keepingCapacity: true)
            inValue = false
        }
        for byte in body {
            switch byte {
            case UInt8(ascii: "&"):
                finish()
                if pairs.count >= fieldLimit { return pairs }
            case UInt8(ascii: "=") where !inValue: inValue = true
            default:
                if inValue { value.append(byte) } else { name.append(byte) }
            }
        }
        if pairs.count < fieldLimit { finish() }
        return pairs
    }

    /// `+` as a space and `%XX` as its byte; the bytes read as UTF-8, repaired.
    public static func decode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "+") {
                out.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%"), index + 2 < bytes.count,
                let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2])
            {
                out.append(high << 4 | low)
                index += 2
            } else {
                out.append(byte)
            }
            index += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
