import GallraCore
import SQLKit

/// The name of a table or column on its way into SQL: checked when made, always written quoted
/// (`"name"`, an embedded quote doubled), so that no configured name (a connector's table, a
/// column named in a systems file) can change a statement's meaning. Values never go this way:
/// they are bound.
public struct SQLName: SQLExpression, Hashable, Sendable, CustomStringConvertible {
    public let name: String

    /// PostgreSQL's limit on a name (NAMEDATALEN - 1 bytes); SQLite has none, but the same names
    /// serve both.
    package static let maximumBytes = 63

    /// A name as given; refused when empty, too long or holding a control character.
    public init(_ name: String) throws {
        guard !name.isEmpty else { throw GallraError.invalidInput("A table or column name cannot be empty.") }
        guard name.utf8.count <= Self.maximumBytes else {
            throw GallraError.invalidInput(
                "The name \"\(name.prefix(20))…\" is longer than \(Self.maximumBytes) bytes, which PostgreSQL cannot hold."
            )
        }
        guard !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw GallraError.invalidInput("A table or column name cannot hold a control character.")
        }
        self.name = name
    }

    /// A name written in Gallra's own code, known to be valid.
    package init(trusted name: StaticString) {
        self.name = "\(name)"
    }

    public var quoted: String { "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

    public var description: String { quoted }

    /// `name` in backticks, an embedded backtick doubled: MariaDB's and MySQL's quoting.
    public var backticked: String { "`" + name.replacingOccurrences(of: "`", with: "``") + "`" }

    /// Quoted as the statement's database quotes names: backticks on MariaDB and MySQL.
    public func serialize(to serializer: inout SQLSerializer) {
        serializer.write(serializer.dialect.name == "mysql" ? backticked : quoted)
    }
}

extension SQLQueryString {
    /// A checked, quoted name: `"SELECT \(name: table) …"`.
    public mutating func appendInterpolation(name: SQLName) {
        appendInterpolation(unsafeRaw: name.quoted)
    }
}
