import SQLKit

extension SQLDatabase {
    package var isPostgres: Bool { dialect.name == "postgresql" }

    /// `column IN (…)`: on PostgreSQL one array parameter (`= ANY($1)`), so a thousand ids cost one
    /// bind instead of a thousand; on SQLite a list of parameters.
    package func member(_ column: String, of values: [String]) -> SQLQueryString {
        isPostgres ? "\(ident: column) = ANY(\(bind: values))" : "\(ident: column) IN (\(binds: values))"
    }
}
