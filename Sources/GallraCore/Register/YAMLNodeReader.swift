import Yams

/// Reads values out of a YAML node tree, recording every problem with its line instead of stopping
/// at the first.
struct YAMLNodeReader {
    private(set) var problems: [RegisterProblem] = []

    /// A problem that refuses the register, said in Swedish and English.
    mutating func error(_ line: Int, sv: String, en: String) {
        problems.append(RegisterProblem(line: line, severity: .error, text: LocalizedText(sv: sv, en: en)))
    }

    /// A problem said the same way in every language.
    mutating func error(_ line: Int, _ message: String) {
        problems.append(RegisterProblem(line: line, severity: .error, message: message))
    }

    /// A warning said the same way in every language.
    mutating func warning(_ line: Int, _ message: String) {
        problems.append(RegisterProblem(line: line, severity: .warning, message: message))
    }

    /// A mapping named the same way in every language.
    mutating func fields(_ node: Node, of what: String, allowed: [String]) -> Fields? {
        fields(node, of: LocalizedText(what), allowed: allowed)
    }

    /// A problem worth a look; the register is still accepted.
    mutating func warning(_ line: Int, sv: String, en: String) {
        problems.append(RegisterProblem(line: line, severity: .warning, text: LocalizedText(sv: sv, en: en)))
    }

    /// A whole number written in decimal digits, or nil. Not Yams' `Node.int`: that also reads
    /// `1:30` as sexagesimal and traps on one that overflows (found by fuzzing, docs/fuzzing.md).
    static func integer(_ node: Node) -> Int? {
        node.scalar.flatMap { Int($0.string) }
    }

    /// A mapping's fields by key; unknown keys are errors (a typo must not silently drop a field).
    mutating func fields(_ node: Node, of what: LocalizedText, allowed: [String]) -> Fields? {
        guard let mapping = node.mapping else {
            error(
                node.line, sv: "\(what[.sv]) måste vara en samling fält", en: "\(what[.en]) must be a mapping of fields"
            )
            return nil
        }
        var values: [String: Node] = [:]
        for (key, value) in mapping {
            let name = key.string ?? ""
            if allowed.contains(name) {
                values[name] = value
            } else {
                error(
                    key.line,
                    sv: "okänt fält \"\(name)\" i \(what[.sv])\(Suggestion.didYouMean(name, among: allowed, in: .sv))",
                    en:
                        "unknown field \"\(name)\" in \(what[.en])\(Suggestion.didYouMean(name, among: allowed, in: .en))"
                )
            }
        }
        return Fields(line: node.line, what: what, values: values)
    }

    mutating func requiredString(_ fields: Fields, _ key: String) -> String? {
        guard let node = fields[key] else {
            missing(fields, key)
            return nil
        }
        return string(node, key)
    }

    mutating func optionalString(_ fields: Fields, _ key: String) -> String? {
        fields[key].flatMap { string($0, key) }
    }

    mutating func string(_ node: Node, _ key: String) -> String? {
        guard case .scalar(let scalar) = node else {
            error(node.line, sv: "\"\(key)\" måste vara ett enda värde", en: "\"\(key)\" must be a single value")
            return nil
        }
        let text = scalar.string.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty {
            empty(node, key)
            return nil
        }
        return text
    }

    mutating func missing(_ fields: Fields, _ key: String) {
        error(fields.line, sv: "\(fields.what[.sv]) saknar \"\(key)\"", en: "\(fields.what[.en]) is missing \"\(key)\"")
    }

    private mutating func empty(_ node: Node, _ key: String) {
        error(node.line, sv: "\"\(key)\" är tomt", en: "\"\(key)\" is empty")
    }

    private mutating func notAList(_ node: Node, _ key: String) {
        error(node.line, sv: "\"\(key)\" måste vara en lista", en: "\"\(key)\" must be a list")
    }

    /// `{ sv: …, en: … }`, or a plain string meant for every language.
    mutating func localized(_ fields: Fields, _ key: String, required: Bool) -> LocalizedText? {
        guard let node = fields[key] else {
            if required { missing(fields, key) }
            return nil
        }
        if case .scalar = node { return string(node, key).map(LocalizedText.init) }
        guard
            let languages = self.fields(
                node, of: LocalizedText("\"\(key)\""), allowed: Language.allCases.map(\.rawValue))
        else { return nil }
        let text = LocalizedText(
            sv: optionalString(languages, Language.sv.rawValue), en: optionalString(languages, Language.en.rawValue))
        if text.isEmpty {
            error(node.line, sv: "\"\(key)\" behöver en text på sv eller en", en: "\"\(key)\" needs a text in sv or en")
            return nil
        }
        return text
    }

    /// A list of scalars with their lines; a single scalar counts as a list of one.
    mutating func stringList(_ fields: Fields, _ key: String, required: Bool) -> [(value: String, line: Int)] {
        guard let node = fields[key] else {
            if required { missing(fields, key) }
            return []
        }
        let items: [Node]
        switch node {
        case .scalar: items = [node]
        case .sequence(let sequence): items = Array(sequence)
        default:
            notAList(node, key)
            return []
        }
        let values = items.compactMap { item in string(item, key).map { (value: $0, line: item.line) } }
        if required && values.isEmpty && items.isEmpty { empty(node, key) }
        return values
    }

    mutating func sequence(_ fields: Fields, _ key: String) -> [Node] {
        guard let node = fields[key] else { return [] }
        guard case .sequence(let sequence) = node else {
            notAList(node, key)
            return []
        }
        return Array(sequence)
    }

    mutating func enumValue<T: RawRepresentable & CaseIterable>(
        _ fields: Fields, _ key: String, as type: T.Type
    ) -> T? where T.RawValue == String {
        guard let node = fields[key], let text = string(node, key) else { return nil }
        guard let value = T(rawValue: text) else {
            let allowed = T.allCases.map(\.rawValue)
            error(
                node.line,
                sv: "\"\(text)\" är inte ett giltigt värde för \(key) (ett av \(allowed.joined(separator: ", ")))",
                en: "\"\(text)\" is not a valid \(key) (one of \(allowed.joined(separator: ", ")))")
            return nil
        }
        return value
    }

    /// `true` or `false`; absent is false.
    mutating func flag(_ fields: Fields, _ key: String) -> Bool {
        guard let node = fields[key] else { return false }
        guard let value = Self.bool(node) else {
            error(node.line, sv: "\"\(key)\" måste vara true eller false", en: "\"\(key)\" must be true or false")
            return false
        }
        return value
    }

    /// YAML 1.1's booleans, unquoted (the register is composed without tag resolution, see
    /// `RegisterReader.check`).
    private static func bool(_ node: Node) -> Bool? {
        guard case .scalar(let scalar) = node,
            scalar.style == .plain || scalar.tag.description == Tag.Name.bool.rawValue
        else { return nil }
        switch scalar.string.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: return nil
        }
    }

    mutating func date(_ fields: Fields, _ key: String) -> CivilDate? {
        guard let node = fields[key], let text = string(node, key) else { return nil }
        guard let date = CivilDate(iso: text) else {
            error(
                node.line, sv: "\"\(key)\" måste vara ett datum ÅÅÅÅ-MM-DD, inte \"\(text)\"",
                en: "\"\(key)\" must be a date YYYY-MM-DD, not \"\(text)\"")
            return nil
        }
        return date
    }

    /// An id: lower-case letters, digits, `-`, `_` and `.`, starting with a letter.
    mutating func identifier(_ fields: Fields) -> String? {
        guard let id = requiredString(fields, "id") else { return nil }
        let valid =
            id.first.map { $0.isLetter && $0.isLowercase } == true
            && id.allSatisfy { ($0.isLetter && $0.isLowercase) || $0.isASCIIDigit || "-_.".contains($0) }
        if !valid {
            error(
                fields["id"]?.line ?? fields.line,
                sv: "id \"\(id)\" får bara innehålla små bokstäver, siffror, -, _ och . och måste börja med en bokstav",
                en: "id \"\(id)\" may only hold lower-case letters, digits, -, _ and . and must start with a letter")
        }
        return id
    }
}

/// The fields of one YAML mapping, with its line for "missing field" problems.
struct Fields {
    let line: Int
    /// What the mapping is, as the problems name it ("activity \"crm\"" / "aktiviteten \"crm\"").
    let what: LocalizedText
    let values: [String: Node]

    /// A field that is absent or explicitly null.
    subscript(key: String) -> Node? {
        guard let node = values[key], node.null == nil else { return nil }
        return node
    }
}

extension Node {
    var line: Int { mark?.line ?? 1 }
}
