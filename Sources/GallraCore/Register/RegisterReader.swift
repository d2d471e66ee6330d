import Foundation
import Yams

/// Reads and checks a register file (`shared/spec/register-format.md`). Every problem is listed
/// with its line; a register with any error is refused whole.
public enum RegisterReader {
    public static let formatVersion = 1

    public static func check(yaml: String) -> RegisterCheck {
        let root: Node
        do {
            // Without tag resolution: Yams' default resolves every scalar, keys included, against seven
            // regular expressions, most of the time a register takes to read. The reader asks
            // for strings, numbers and null itself, and for booleans through `flag`.
            guard let node = try Yams.compose(yaml: yaml, .basic) else {
                return RegisterCheck(
                    register: nil,
                    problems: [
                        .init(line: 1, text: .init(sv: "registerfilen är tom", en: "the register file is empty"))
                    ])
            }
            root = node
        } catch {
            return RegisterCheck(register: nil, problems: [yamlProblem(error, in: yaml)])
        }
        var reader = RegisterParse()
        let register = reader.register(root)
        let problems = decisionsLeft(in: yaml, replacing: reader.nodes.problems).sorted {
            ($0.line, $0.severity == .warning ? 1 : 0) < ($1.line, $1.severity == .warning ? 1 : 0)
        }
        let valid = register != nil && !problems.contains { $0.severity == .error }
        return RegisterCheck(register: valid ? register : nil, problems: problems)
    }

    /// Reads a register that must be valid; throws every error otherwise.
    public static func read(yaml: String, file: String) throws(RegisterError) -> Register {
        let check = check(yaml: yaml)
        guard let register = check.register else { throw RegisterError(file: file, problems: check.problems) }
        return register
    }

    /// A draft written by `gallra register import` marks each decision left with "# TODO:"; each
    /// is an error naming what to decide, in place of what the reader says about the value left
    /// open there (on the TODO's line, or about the same key within its block).
    ///
    /// A block runs from a list item or top-level line to the line before the next; a TODO acts
    /// within its own block only, so each block's problems are compared with its TODOs alone (once
    /// compared with every problem of the file, the check grew with the square of a draft).
    static func decisionsLeft(in yaml: String, replacing problems: [RegisterProblem]) -> [RegisterProblem] {
        let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
        // The block each line is in, as the number of its first line.
        var blockOf = [Int](repeating: 1, count: lines.count + 1)
        var todos: [(line: Int, key: String, what: String)] = []
        var blockStart = 1
        for (index, line) in lines.enumerated() {
            let number = index + 1
            let content = line.drop { $0 == " " }
            if content.hasPrefix("- ") || (!line.hasPrefix(" ") && !line.isEmpty) { blockStart = number }
            blockOf[number] = blockStart
            guard let marker = line.range(of: "# TODO:") else { continue }
            let key = content.prefix { $0 != ":" && $0 != "#" }.trimmingCharacters(in: .whitespaces)
            todos.append((number, key, line[marker.upperBound...].trimmingCharacters(in: .whitespaces)))
        }
        guard !todos.isEmpty else { return problems }
        let todoLines = Set(todos.map(\.line))
        // Per block, its TODOs' keys, each with the index of the last TODO naming it.
        var keys: [Int: [String: Int]] = [:]
        for (index, todo) in todos.enumerated() where !todo.key.isEmpty {
            keys[blockOf[todo.line], default: [:]][todo.key] = index
        }
        func mentions(_ message: String, _ key: String) -> Bool {
            message.contains("\"\(key)\"") || (key == "email" && message.contains("an \"email\" or a \"phone\""))
        }
        func blockKeys(_ line: Int) -> [String: Int] {
            line >= 1 && line <= lines.count ? keys[blockOf[line]] ?? [:] : [:]
        }
        var decided = problems.filter { problem in
            guard problem.severity == .error else { return true }
            if todoLines.contains(problem.line) { return false }
            return !blockKeys(problem.line).keys.contains { mentions(problem.message, $0) }
        }
        // A decision left is itself an error, which a later TODO of its block may replace.
        for (index, todo) in todos.enumerated() {
            let text = LocalizedText(sv: "beslut kvar: \(todo.what)", en: "decision left: \(todo.what)")
            let replaced = blockKeys(todo.line).contains { key, last in last > index && mentions(text[.en], key) }
            if !replaced { decided.append(.init(line: todo.line, text: text)) }
        }
        return decided
    }

    private static func yamlProblem(_ error: any Error, in yaml: String) -> RegisterProblem {
        switch error as? YamlError {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            return .init(
                line: mark.line, text: .init(sv: "inte giltig YAML: \(problem)", en: "not valid YAML: \(problem)"))
        case .duplicatedKeysInMapping(let duplicates, let context):
            let key = duplicates.first ?? ""
            return .init(
                line: secondOccurrence(of: key, from: context.mark.line, in: yaml) ?? context.mark.line,
                text: .init(
                    sv: "nyckeln \"\(key)\" står två gånger i samma samling",
                    en: "duplicate key \"\(key)\" in a mapping"))
        default:
            return .init(line: 1, text: .init(sv: "inte giltig YAML", en: "not valid YAML"))
        }
    }
}

extension RegisterReader {
    /// Yams names the mapping that holds a duplicate key; the person wants the duplicate's own line.
    /// Lines end as YAML's do ("\r" alone too: found by fuzzing, a register with carriage
    /// returns had more lines for Yams than for a split at "\n", and the search began past the end).
    fileprivate static func secondOccurrence(of key: String, from line: Int, in yaml: String) -> Int? {
        let lines = yaml.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        var seen = 0
        for index in min(max(0, line - 1), lines.count)..<lines.count {
            var text = lines[index].drop { $0 == " " }
            if text.hasPrefix("- ") { text = text.dropFirst(2).drop { $0 == " " } }
            for candidate in [key + ":", "\"\(key)\":", "{ \(key):", "{\(key):"] where text.hasPrefix(candidate) {
                seen += 1
                if seen == 2 { return index + 1 }
            }
        }
        return nil
    }
}

/// One pass over the node tree. Declarations are read before activities so that activities'
/// references can be checked against them, whatever order the file uses.
struct RegisterParse {
    var nodes = YAMLNodeReader()
    /// "Did you mean" answers by kind and id, see `suggestion(_:among:kind:)`.
    var suggestions: [String: String?] = [:]
    /// How many ids misspellings may still be compared with: far more than a register written by
    /// hand needs (400 misspellings among 500 ids), bounded for one that is not.
    var suggestionBudget = RegisterParse.suggestionComparisons
    static let suggestionComparisons = 200_000

    mutating func register(_ root: Node) -> Register? {
        let sections = [
            "version", "controller", "events", "categories", "data_subjects", "systems", "recipients", "activities",
            "processor",
        ]
        guard let top = nodes.fields(root, of: .init(sv: "registret", en: "the register"), allowed: sections) else {
            return nil
        }

        if let node = top["version"] {
            if YAMLNodeReader.integer(node) != RegisterReader.formatVersion {
                nodes.error(
                    node.line,
                    sv:
                        "registerformatets version \"\(node.string ?? "")\" stöds inte (den här Gallra läser version \(RegisterReader.formatVersion))",
                    en:
                        "unsupported register format version \"\(node.string ?? "")\" (this Gallra reads version \(RegisterReader.formatVersion))"
                )
            }
        } else {
            nodes.error(
                top.line, sv: "registret saknar \"version\" (formatets version, 1)",
                en: "the register is missing \"version\" (the format version, 1)")
        }

        let controller = top["controller"].flatMap { self.controller($0) }
        if top["controller"] == nil { nodes.missing(top, "controller") }

        let events = declarations(top, "events", builtIn: EventDefinition.builtIn.map(\.name.rawValue)) { id, name, _ in
            EventName(validating: id).map { EventDefinition(name: $0, meaning: name) }
        }
        let categories = declarations(
            top, "categories", builtIn: DataCategory.builtIn.map(\.id), extra: ["special", "fideslang"]
        ) { id, name, fields in
            DataCategory(
                id: id, name: name, fideslangKey: fields["fideslang"]?.string,
                isSpecial: fields["special"]?.bool ?? false)
        }
        let subjects = declarations(top, "data_subjects", builtIn: DataSubjectCategory.builtIn.map(\.id)) {
            id, name, _ in
            DataSubjectCategory(id: id, name: name)
        }
        let systems = declarations(top, "systems", builtIn: []) { id, name, _ in DataSystem(id: id, name: name) }
        let recipients = nodes.sequence(top, "recipients").compactMap { recipient($0) }
        checkUnique(recipients.map { ($0.value.id, $0.line) }, what: .init(sv: "mottagare", en: "recipient"))

        let context = ActivityContext(
            events: EventDefinition.builtIn + events, categories: DataCategory.builtIn + categories,
            subjects: DataSubjectCategory.builtIn + subjects, systems: systems, recipients: recipients.map(\.value))
        let activities = nodes.sequence(top, "activities").compactMap { activity($0, context) }
        if top["activities"] == nil {
            nodes.warning(top.line, sv: "registret har inga aktiviteter", en: "the register has no activities")
        }
        checkUnique(activities.map { ($0.value.id, $0.line) }, what: .init(sv: "aktivitet", en: "activity"))
        for register in OwnRegister.allCases {
            let keeping = activities.filter { $0.value.keeps == register }
            for extra in keeping.dropFirst() {
                nodes.error(
                    extra.line,
                    sv:
                        "aktiviteten \"\(extra.value.id)\" för \(register.rawValue), men det gör \"\(keeping[0].value.id)\" också; ange en",
                    en:
                        "activity \"\(extra.value.id)\" keeps the \(register.rawValue), but so does \"\(keeping[0].value.id)\"; name one"
                )
            }
        }

        if let controller, !controller.noAutomatedDecisions,
            !activities.contains(where: { $0.value.automatedDecisions != nil })
        {
            nodes.warning(
                top["controller"]?.line ?? top.line,
                sv:
                    "registret säger inte om beslut fattas enbart automatiserat (art. 13.2 f); skriv \"automated_decisions: none\" under den personuppgiftsansvarige, eller beskriv besluten på aktiviteten",
                en:
                    "the register does not say whether decisions are made by automated means alone (Art. 13(2)(f)); say \"automated_decisions: none\" under the controller, or describe them on the activity"
            )
        }
        let processorRecord = top["processor"].flatMap { self.processorRecord($0, controller: controller) }
        guard let controller else { return nil }
        return Register(
            version: RegisterReader.formatVersion, controller: controller, events: events, categories: categories,
            subjectCategories: subjects, systems: systems, recipients: recipients.map(\.value),
            activities: activities.map(\.value), processorRecord: processorRecord)
    }

    /// - Parameter what: the kind of thing, as an indefinite noun ("aktivitet" / "activity").
    mutating func checkUnique(_ ids: [(String, Int)], what: LocalizedText) {
        var seen: [String: Int] = [:]
        for (id, line) in ids {
            if let first = seen[id] {
                nodes.error(
                    line, sv: "id \"\(id)\" finns redan för en \(what[.sv]) (först på rad \(first))",
                    en: "duplicate \(what[.en]) id \"\(id)\" (first declared on line \(first))")
            } else {
                seen[id] = line
            }
        }
    }

    private mutating func controller(_ node: Node) -> Controller? {
        let allowed = [
            "name", "organisation_number", "address", "email", "phone", "dpo", "representative", "time_zone",
            "languages", "automated_decisions",
        ]
        guard
            let fields = nodes.fields(
                node, of: .init(sv: "den personuppgiftsansvarige", en: "controller"), allowed: allowed)
        else { return nil }
        let name = nodes.requiredString(fields, "name")
        let email = nodes.optionalString(fields, "email")
        let phone = nodes.optionalString(fields, "phone")
        if email == nil && phone == nil {
            nodes.error(
                fields.line,
                sv: "den personuppgiftsansvarige behöver \"email\" eller \"phone\" (art. 30.1 a: kontaktuppgifter)",
                en: "the controller needs an \"email\" or a \"phone\" (Art. 30(1)(a): contact details)")
        }
        var timeZone = "Europe/Stockholm"
        if let zoneNode = fields["time_zone"], let zone = nodes.string(zoneNode, "time_zone") {
            if TimeZone(identifier: zone) == nil {
                nodes.error(
                    zoneNode.line, sv: "okänd tidszon \"\(zone)\" (ange ett IANA-namn som Europe/Stockholm)",
                    en: "unknown time zone \"\(zone)\" (use an IANA name such as Europe/Stockholm)")
            } else {
                timeZone = zone
            }
        }
        var languages: [Language] = []
        for (code, line) in nodes.stringList(fields, "languages", required: false) {
            if let language = Language(rawValue: code) {
                languages.append(language)
            } else {
                nodes.error(
                    line, sv: "språket \"\(code)\" stöds inte (sv eller en)",
                    en: "unsupported language \"\(code)\" (sv or en)")
            }
        }
        guard let name else { return nil }
        return Controller(
            name: name, organisationNumber: nodes.optionalString(fields, "organisation_number"),
            address: nodes.optionalString(fields, "address"), email: email, phone: phone,
            dpo: fields["dpo"].flatMap { contact($0, Self.dpo) },
            representative: fields["representative"].flatMap { contact($0, Self.representative) },
            timeZone: timeZone, languages: languages.isEmpty ? [.sv, .en] : languages,
            noAutomatedDecisions: statesNoAutomatedDecisions(fields))
    }

    /// - Parameter what: whose contact it is, as a definite noun ("dataskyddsombudet" / "dpo").
    mutating func contact(_ node: Node, _ what: LocalizedText) -> Contact? {
        guard let fields = nodes.fields(node, of: what, allowed: ["name", "email", "phone", "address"]) else {
            return nil
        }
        let contact = Contact(
            name: nodes.optionalString(fields, "name"), email: nodes.optionalString(fields, "email"),
            phone: nodes.optionalString(fields, "phone"), address: nodes.optionalString(fields, "address"))
        if contact.email == nil && contact.phone == nil && contact.address == nil {
            nodes.warning(
                fields.line, sv: "\(what[.sv]) saknar e-post, telefon och adress att nås på",
                en: "the \(what[.en]) has no e-mail, phone or address to be reached at")
        }
        return contact
    }

    /// A list of `{ id, name }` declarations (events, categories, systems …); ids must be unique
    /// and must not redefine a built-in one.
    private mutating func declarations<T>(
        _ top: Fields, _ key: String, builtIn: [String], extra: [String] = [],
        make: (String, LocalizedText, Fields) -> T?
    ) -> [T] {
        var made: [(String, Int)] = []
        var result: [T] = []
        for node in nodes.sequence(top, key) {
            guard
                let fields = nodes.fields(
                    node, of: .init(sv: "en post i \"\(key)\"", en: "an entry of \"\(key)\""),
                    allowed: ["id", "name"] + extra),
                let id = nodes.identifier(fields)
            else { continue }
            let name = nodes.localized(fields, "name", required: true) ?? LocalizedText(id)
            if builtIn.contains(id) {
                nodes.error(
                    fields.line, sv: "\"\(id)\" är inbyggt och kan inte deklareras igen i \"\(key)\"",
                    en: "\"\(id)\" is built in and cannot be declared again in \"\(key)\"")
                continue
            }
            if let value = make(id, name, fields) {
                made.append((id, fields.line))
                result.append(value)
            } else {
                nodes.error(
                    fields.line, sv: "\"\(id)\" är inte ett giltigt namn i \"\(key)\"",
                    en: "\"\(id)\" is not a valid name in \"\(key)\"")
            }
        }
        checkUnique(made, what: Self.declared[key] ?? LocalizedText(key))
        return result
    }

    /// What one entry of each declaration list is, as an indefinite noun.
    private static let declared: [String: LocalizedText] = [
        "events": .init(sv: "händelse", en: "event"), "categories": .init(sv: "kategori", en: "category"),
        "data_subjects": .init(sv: "kategori av registrerade", en: "data subject"),
        "systems": .init(sv: "system", en: "system"),
    ]
}
