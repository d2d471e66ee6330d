import Foundation

/// A decision the import leaves to a person: where, and what to decide.
public struct RopaDecision: Sendable, Equatable {
    public let reference: String
    public let message: String
}

/// The draft register written from a ROPA table, and what is left to decide in it.
public struct RopaDraft: Sendable {
    public let yaml: String
    public let decisions: [RopaDecision]
    public let activityCount: Int
    public let rulesRead: Int

    public var summary: String {
        "\(activityCount) \(activityCount == 1 ? "activity" : "activities"); \(rulesRead) retention \(rulesRead == 1 ? "rule" : "rules") read; \(decisions.count) \(decisions.count == 1 ? "decision" : "decisions") left"
    }
}

/// Turns the company's own ROPA table into a draft register: one activity per row, the
/// retention read by the phrase reader, and every place not read with confidence marked
/// "# TODO:" beside the original wording.
public enum RopaImporter {
    public static func draft(
        _ grid: RopaGrid, language: Language? = nil, source: String, controller: Controller? = nil
    ) throws(RopaImportError) -> RopaDraft {
        try draft([grid], language: language, source: source, controller: controller)
    }

    /// Several tables (the sheets of a workbook) as one register: each finds its own header; the
    /// controller's details come from above the first one's, or from `controller` (the register
    /// in force) for what the table does not give.
    public static func draft(
        _ grids: [RopaGrid], language: Language? = nil, source: String, controller: Controller? = nil
    ) throws(RopaImportError) -> RopaDraft {
        var tables: [(grid: RopaGrid, header: Int, columns: [RopaField: Int])] = []
        for grid in grids {
            if let header = grid.rows.firstIndex(where: { headerColumns($0.cells) != nil }),
                let columns = headerColumns(grid.rows[header].cells)
            {
                tables.append((grid, header, columns))
            }
        }
        guard let first = tables.first else {
            throw RopaImportError(
                "no header row found: name the columns as a register does (\"Ändamål\", \"Kategorier av personuppgifter\", \"Rättslig grund\", \"Lagringstid\" or \"Purpose\", \"Legal basis\", \"Retention\")"
            )
        }
        let language = language ?? RopaColumns.language(of: first.grid.rows[first.header].cells)
        var builder = RopaDraftBuilder(language: language, source: source)
        builder.controller(from: first.grid.rows[..<first.header], inForce: controller)
        for table in tables {
            for row in rows(table.grid.rows[(table.header + 1)...], table.columns) {
                builder.activity(row)
            }
        }
        return builder.draft()
    }

    /// Whether a table holds a register's header row.
    public static func hasHeader(_ grid: RopaGrid) -> Bool {
        grid.rows.contains { headerColumns($0.cells) != nil }
    }

    /// The columns a header row names, when it names at least three fields, one of them the
    /// purpose or the activity's name.
    static func headerColumns(_ cells: [String]) -> [RopaField: Int]? {
        var columns: [RopaField: Int] = [:]
        for (index, cell) in cells.enumerated() {
            guard let field = RopaColumns.field(cell), columns[field] == nil else { continue }
            columns[field] = index
        }
        guard columns.count >= 3, columns[.purpose] != nil || columns[.name] != nil else { return nil }
        return columns
    }

    /// One row per activity: a row whose name and purpose cells are empty continues the row
    /// above (a cell that ran over two rows of the table). A continued cell's parts are joined
    /// once, at the end, so that a long run of continuing rows costs no more than its text.
    static func rows(_ rows: ArraySlice<RopaGrid.Row>, _ columns: [RopaField: Int]) -> [RopaRow] {
        var result: [(parts: [RopaField: [String]], reference: String)] = []
        for row in rows where !row.isBlank {
            var values: [RopaField: String] = [:]
            for (field, index) in columns where index < row.cells.count {
                let text = row.cells[index].trimmingCharacters(in: .whitespacesAndNewlines)
                if !text.isEmpty { values[field] = text }
            }
            let starts = values[.name] != nil || values[.purpose] != nil
            if !starts, !result.isEmpty {
                for (field, text) in values { result[result.count - 1].parts[field, default: []].append(text) }
            } else if !values.isEmpty {
                result.append((values.mapValues { [$0] }, row.reference))
            }
        }
        return result.map { row in
            RopaRow(
                values: row.parts.mapValues { $0.joined(separator: " ") }, reference: row.reference,
                columns: Set(columns.keys))
        }
    }
}

/// One activity's cells by field, and the row it starts on.
struct RopaRow {
    var values: [RopaField: String]
    let reference: String
    /// The fields the table has a column for.
    let columns: Set<RopaField>

    subscript(_ field: RopaField) -> String? { values[field] }
}
