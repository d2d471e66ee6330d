import Foundation
import Yams

/// Reads a systems file and checks it against the register: every problem with its line. The file
/// read is returned even with errors, so that the live databases can be checked as well; a file
/// with any error is refused whole when applied. What only the live databases can tell (tables, columns, types,
/// keys, indexes) is checked by the store, which connects.
public enum SystemsReader {
    public static func check(yaml: String, register: Register) -> (file: SystemsFile?, problems: [RegisterProblem]) {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: yaml, .basic) else {
                return (nil, [RegisterProblem(line: 1, message: "the systems file is empty")])
            }
            root = node
        } catch {
            return (nil, [RegisterProblem(line: 1, message: "not YAML: \(error)")])
        }
        var parse = SystemsParse(register: register)
        let file = parse.file(root)
        return (file, parse.nodes.problems.sorted { $0.line < $1.line })
    }
}

struct SystemsParse {
    var nodes = YAMLNodeReader()
    let register: Register

    init(register: Register) {
        self.register = register
    }

    mutating func file(_ root: Node) -> SystemsFile? {
        guard let top = nodes.fields(root, of: "the systems file", allowed: ["version", "systems"]) else { return nil }
        if let version = top["version"], YAMLNodeReader.integer(version) != 1 {
            nodes.error(version.line, "unsupported version of the systems file (this Gallra reads version 1)")
        }
        guard let node = top["systems"], let mapping = node.mapping else {
            nodes.error(top.line, "the systems file has no \"systems\" mapping")
            return nil
        }
        var systems: [ConnectedSystem] = []
        for (key, value) in mapping {
            guard let id = key.string else { continue }
            if register.systems.first(where: { $0.id == id }) == nil {
                let known = register.systems.map(\.id)
                nodes.error(
                    key.line,
                    "unknown system \"\(id)\": the register has no such system\(Suggestion.didYouMean(id, among: known))"
                )
            }
            if let system = system(id, value) { systems.append(system) }
        }
        return SystemsFile(systems: systems)
    }

    private mutating func system(_ id: String, _ node: Node) -> ConnectedSystem? {
        guard let fields = nodes.fields(node, of: "system \"\(id)\"", allowed: ["database", "tables"]) else {
            return nil
        }
        let database = nodes.requiredString(fields, "database") ?? ""
        if let line = fields["database"]?.line { checkSecrets(database, line: line, system: id) }
        let schemes = ["sqlite:", "postgres://", "postgresql://", "mariadb://", "mysql://", "${"]
        if !database.isEmpty && !schemes.contains(where: { database.hasPrefix($0) }) {
            nodes.error(
                fields["database"]?.line ?? fields.line,
                "the database of system \"\(id)\" must start with sqlite:, postgres://, mariadb:// or mysql://")
        }
        var tables: [ConnectedTable] = []
        for tableNode in nodes.sequence(fields, "tables") {
            if let table = table(tableNode, system: id) {
                if tables.contains(where: { $0.table == table.table }) {
                    nodes.error(table.line, "table \"\(table.table)\" is named twice in system \"\(id)\"")
                }
                tables.append(table)
            }
        }
        if fields["tables"] == nil { nodes.error(fields.line, "system \"\(id)\" has no \"tables\"") }
        for (index, table) in tables.enumerated() {
            guard let parent = table.belongsTo else { continue }
            guard let parentTable = tables.first(where: { $0.table == parent.table }) else {
                nodes.error(
                    table.line,
                    "table \"\(table.table)\" belongs to \"\(parent.table)\", which system \"\(id)\" does not name")
                continue
            }
            tables[index].parentKey = parentTable.key.count == 1 ? parentTable.key[0] : nil
        }
        return ConnectedSystem(id: id, database: database, tables: tables, line: fields.line)
    }

    /// Secrets only through `${NAME}`: a password written into the file would be stored with it.
    private mutating func checkSecrets(_ database: String, line: Int, system: String) {
        let withoutPlaceholders = database.replacing(/\$\{[A-Za-z_][A-Za-z0-9_]*\}/, with: "")
        let userinfo = withoutPlaceholders.firstMatch(of: /^[a-z+]+:\/\/([^@\/]*)@/)?.1 ?? ""
        let inlinePassword = userinfo.contains(":") && !userinfo.hasSuffix(":")
        let queryPassword = withoutPlaceholders.firstMatch(of: /[?&]password=([^&]+)/) != nil
        if inlinePassword || queryPassword {
            nodes.error(
                line,
                "the database of system \"\(system)\" holds a password; write it as ${NAME} and set NAME in the environment"
            )
        }
        if database.contains("${") && database.firstMatch(of: /\$\{[A-Za-z_][A-Za-z0-9_]*\}/) == nil {
            nodes.error(line, "the database of system \"\(system)\" has a malformed ${NAME} placeholder")
        }
    }

    private mutating func table(_ node: Node, system: String) -> ConnectedTable? {
        let allowed = [
            "table", "key", "activity", "person", "columns", "events", "on_expiry", "anonymise", "belongs_to",
            "restrict",
        ]
        guard let fields = nodes.fields(node, of: "a table of system \"\(system)\"", allowed: allowed),
            let name = nodes.requiredString(fields, "table")
        else { return nil }
        let what = "table \"\(name)\""
        var lines: [String: Int] = [:]
        let key = nodes.stringList(fields, "key", required: true)
        for (column, line) in key { lines[column] = line }
        if key.isEmpty && fields["key"] == nil { nodes.error(fields.line, "\(what) has no \"key\"") }

        let activityID = nodes.requiredString(fields, "activity")
        let activity = activityID.flatMap { register.activity($0) }
        if let activityID, activity == nil {
            nodes.error(
                fields["activity"]?.line ?? fields.line,
                "unknown activity \"\(activityID)\" for \(what)\(Suggestion.didYouMean(activityID, among: register.activities.map(\.id)))"
            )
        } else if let activity, !activity.systems.contains(system) {
            nodes.warning(
                fields["activity"]?.line ?? fields.line,
                "activity \"\(activity.id)\" does not name system \"\(system)\" in the register; add it to the activity's systems"
            )
        }

        var person: [(kind: SubjectIdentifier.Kind, column: String)] = []
        for (kindText, column, line) in pairs(fields, "person") {
            guard let kind = SubjectIdentifier.Kind(rawValue: kindText) else {
                let kinds = SubjectIdentifier.Kind.allCases.map(\.rawValue).joined(separator: ", ")
                nodes.error(line, "unknown identifier \"\(kindText)\" in \(what) (one of \(kinds))")
                continue
            }
            if let column {
                person.append((kind, column))
                lines[column] = line
            }
        }
        var columns: [String: String] = [:]
        let categories = register.knownCategories.map(\.id)
        for (column, category, line) in pairs(fields, "columns") {
            lines[column] = line
            guard let category else { continue }
            if !categories.contains(category) {
                nodes.error(
                    line,
                    "unknown data category \"\(category)\" for column \"\(column)\" of \(what)\(Suggestion.didYouMean(category, among: categories))"
                )
            }
            columns[column] = category
        }

        // The audit log names each row it erases or anonymises by its key (`TABLE:KEY`).
        let personal = Set(person.map(\.column)).union(columns.keys)
        for (column, line) in key where personal.contains(column) {
            nodes.error(
                line,
                "the key column \"\(column)\" of \(what) holds personal data; the audit log names each row it erases by its key, which would keep that data in clear: give \(what) a key that is not personal data"
            )
        }

        let belongsTo = parent(fields, what: what)
        if let parent = belongsTo { lines[parent.column] = fields["belongs_to"]?.line ?? fields.line }
        if person.isEmpty && belongsTo == nil {
            nodes.error(
                fields.line,
                "\(what) says neither how a person's rows are found (\"person\") nor whose they are (\"belongs_to\")")
        }

        var events: [EventName: String] = [:]
        let known = register.knownEvents.map(\.name)
        for (eventText, column, line) in pairs(fields, "events") {
            guard let column else { continue }
            guard let event = EventName(validating: eventText) else {
                nodes.error(line, "\"\(eventText)\" in the events of \(what) is not an event name such as contract.end")
                continue
            }
            if !known.contains(event) {
                nodes.error(
                    line,
                    "unknown event \"\(eventText)\" in \(what)\(Suggestion.didYouMean(eventText, among: known.map(\.rawValue)))"
                )
            }
            // `TABLE.COLUMN`: read from the row this one belongs to.
            if let dot = column.firstIndex(of: "."), String(column[..<dot]) != (parentName(fields) ?? "") {
                nodes.error(
                    line,
                    "the event column \"\(column)\" of \(what) names another table; only the table it belongs_to can be named"
                )
            }
            events[event] = column
            lines[column] = line
        }
        if let activity {
            for event in activity.retention.events where events[event] == nil {
                nodes.error(
                    fields["events"]?.line ?? fields.line,
                    "the retention rule of activity \"\(activity.id)\" (\(activity.retention)) needs \"\(event)\", which no column of \(what) gives"
                )
            }
        }

        let onExpiry = nodes.enumValue(fields, "on_expiry", as: ExpiryAction.self) ?? activity?.onExpiry ?? .erase
        var anonymise: [String: String?] = [:]
        if let node = fields["anonymise"], let mapping = node.mapping {
            for (key, value) in mapping {
                guard let column = key.string else { continue }
                anonymise[column] = value.null != nil ? .some(nil) : .some(value.string)
                lines[column] = key.line
            }
        }
        if onExpiry == .anonymise && anonymise.isEmpty {
            nodes.error(fields.line, "\(what) is anonymised on expiry but says nothing under \"anonymise\"")
        }
        for column in person.map(\.column) where onExpiry == .anonymise && anonymise[column] == nil {
            nodes.error(
                fields["anonymise"]?.line ?? fields.line,
                "\(what) is anonymised but keeps its identity column \"\(column)\"; say what replaces it under \"anonymise\""
            )
        }
        for column in key.map(\.value) where anonymise[column] != nil {
            nodes.error(
                fields["anonymise"]?.line ?? fields.line, "\(what) cannot anonymise its key column \"\(column)\"")
        }
        let restrict = fields["restrict"].flatMap { nodes.string($0, "restrict") }
        if let restrict, let line = fields["restrict"]?.line {
            if key.contains(where: { $0.value == restrict }) {
                nodes.error(line, "\(what) cannot mark restriction in its key column \"\(restrict)\"")
            }
            lines[restrict] = line
        }
        guard let activityID else { return nil }
        return ConnectedTable(
            table: name, key: key.map(\.value), activity: activityID, person: person, columns: columns, events: events,
            onExpiry: onExpiry, anonymise: anonymise, belongsTo: belongsTo, restrict: restrict, line: fields.line,
            columnLines: lines)
    }

    /// The table named under `belongs_to`, read without reporting (the full read reports).
    private func parentName(_ fields: Fields) -> String? {
        fields["belongs_to"]?.mapping?["table"]?.string
    }

    private mutating func parent(_ fields: Fields, what: String) -> (table: String, column: String)? {
        guard let node = fields["belongs_to"],
            let parent = nodes.fields(node, of: "\"belongs_to\" of \(what)", allowed: ["table", "column"]),
            let table = nodes.requiredString(parent, "table"), let column = nodes.requiredString(parent, "column")
        else { return nil }
        return (table, column)
    }

    /// A mapping of scalars: key, value (nil for null), line.
    private mutating func pairs(_ fields: Fields, _ key: String) -> [(String, String?, Int)] {
        guard let node = fields[key] else { return [] }
        guard let mapping = node.mapping else {
            nodes.error(node.line, "\"\(key)\" must be a mapping")
            return []
        }
        return mapping.compactMap { key, value in
            guard let name = key.string else { return nil }
            if value.null != nil { return (name, nil, key.line) }
            guard let text = nodes.string(value, name) else { return nil }
            return (name, text, key.line)
        }
    }
}
