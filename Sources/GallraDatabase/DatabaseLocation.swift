import GallraCore

/// Where a store lives: `sqlite:PATH` (the embedded default) or `postgres://…`; or, for a
/// company's own system only, `mariadb://…`.
public enum DatabaseLocation: Hashable, Sendable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(url: String)
    /// A MariaDB or MySQL server: `mariadb://…` or `mysql://…`. Reached as a company's system only.
    case mariadb(url: String)

    public static let defaultLocation = DatabaseLocation.sqlite(path: "gallra.sqlite")

    public var isPostgres: Bool {
        if case .postgres = self { return true }
        return false
    }

    /// `what` names the setting in an error (a keyring is given the same way as the database).
    /// `mariadb://` and `mysql://` only for a company's system (`allowingMariaDB`): Gallra keeps no
    /// store there, and a store given one reads as any other unknown scheme.
    public init(parsing text: String, naming what: String = "database URL", allowingMariaDB: Bool = false)
        throws(GallraError)
    {
        if text.hasPrefix("sqlite:") {
            var path = String(text.dropFirst("sqlite:".count))
            if path.hasPrefix("//") { path.removeFirst(2) }
            guard !path.isEmpty else { throw GallraError.invalidInput("The \(what) \"sqlite:\" names no file.") }
            self = .sqlite(path: path)
        } else if text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") || text.hasPrefix("postgres+") {
            self = .postgres(url: try Self.passwordInUserinfo(text))
        } else if allowingMariaDB && (text.hasPrefix("mariadb://") || text.hasPrefix("mysql://")) {
            self = .mariadb(url: text)
        } else {
            throw GallraError.invalidInput("The \(what) must start with sqlite: or postgres://.")
        }
    }

    /// The keyring of subject keys is kept apart from the data, so that backups of the data hold
    /// no key: by default a file beside an SQLite database; for PostgreSQL, give one with --keyring.
    public var defaultKeyring: DatabaseLocation {
        switch self {
        case .sqlite(let path): return .sqlite(path: path + ".keyring")
        case .postgres, .mariadb: return self
        }
    }

    /// Without the password.
    public var description: String {
        switch self {
        case .sqlite(let path): return "sqlite:\(path)"
        case .postgres(let url), .mariadb(let url): return Self.withoutSecrets(url)
        }
    }
}
