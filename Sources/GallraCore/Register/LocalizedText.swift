/// A language a register speaks to people in.
public enum Language: String, CaseIterable, Sendable, Codable {
    case sv, en
}

/// Text meant for people, given per language; a missing language falls back to the other.
public struct LocalizedText: Hashable, Sendable, Codable {
    public var sv: String?
    public var en: String?

    public init(sv: String? = nil, en: String? = nil) {
        self.sv = sv
        self.en = en
    }

    /// The same text in every language (a company name, say).
    public init(_ text: String) {
        self.init(sv: text, en: text)
    }

    public subscript(language: Language) -> String {
        switch language {
        case .sv: return sv ?? en ?? ""
        case .en: return en ?? sv ?? ""
        }
    }

    public var isEmpty: Bool { (sv ?? "").isEmpty && (en ?? "").isEmpty }
}
