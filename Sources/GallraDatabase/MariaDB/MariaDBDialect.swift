import SQLKit

/// MariaDB's and MySQL's SQL: names in backticks, `?` for each bound value.
package struct MariaDBDialect: SQLDialect {
    package init() {}

    package var name: String { "mysql" }
    package var identifierQuote: any SQLExpression { SQLRaw("`") }
    package var literalStringQuote: any SQLExpression { SQLRaw("'") }
    package var supportsAutoIncrement: Bool { true }
    package var autoIncrementClause: any SQLExpression { SQLRaw("AUTO_INCREMENT") }
    package func bindPlaceholder(at position: Int) -> any SQLExpression { SQLRaw("?") }
    package func literalBoolean(_ value: Bool) -> any SQLExpression { SQLRaw(value ? "TRUE" : "FALSE") }
    package var enumSyntax: SQLEnumSyntax { .inline }
    package var supportsReturning: Bool { false }
    package var upsertSyntax: SQLUpsertSyntax { .mysqlLike }
    package var alterTableSyntax: SQLAlterTableSyntax {
        .init(alterColumnDefinitionClause: SQLRaw("MODIFY COLUMN"), alterColumnDefinitionTypeKeyword: nil)
    }
}
