/// A JSON value whose objects keep their keys in the order given, written the way the CLI
/// contract shows it: `{"key": "value", "list": ["a", "b"]}`.
public indirect enum JSONText: Hashable, Sendable, CustomStringConvertible {
    case string(String)
    case number(Int)
    case bool(Bool)
    case null
    case array([JSONText])
    case object([(String, JSONText)])

    public static func == (lhs: JSONText, rhs: JSONText) -> Bool { lhs.description == rhs.description }
    public func hash(into hasher: inout Hasher) { hasher.combine(description) }

    public static func optional(_ text: String?) -> JSONText { text.map(JSONText.string) ?? .null }

    /// This object with one more field (anything else unchanged).
    public func adding(_ name: String, _ value: JSONText) -> JSONText {
        guard case .object(let fields) = self else { return self }
        return .object(fields + [(name, value)])
    }

    public var description: String {
        switch self {
        case .string(let text): return JSONText.quoted(text)
        case .number(let n): return String(n)
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        case .array(let items): return "[" + items.map(\.description).joined(separator: ", ") + "]"
        case .object(let fields):
            return "{" + fields.map { "\(JSONText.quoted($0.0)): \($0.1)" }.joined(separator: ", ") + "}"
        }
    }

    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let s where s.value < 0x20:
                let hex = String(s.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
