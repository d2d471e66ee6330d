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
    /// The controllers a processor's record names (Art. 30(2)).
    public var controllersProcessedFor = 0
    /// The template the header was recognised as (the first table's, in a workbook).
    public let template: RopaTemplate
    /// What was read of each activity, for measuring the import against what a person reads.
    let readings: [RopaReading]

    /// "Recognised: ICO controller template".
    public var recognised: String { "Recognised: \(template.name)" }

    public var summary: String {
        let clients =
            controllersProcessedFor == 0
            ? ""
            : "; \(controllersProcessedFor) \(controllersProcessedFor == 1 ? "controller" : "controllers") processed for"
        return
            "\(activityCount) \(activityCount == 1 ? "activity" : "activities")\(clients); \(rulesRead) retention \(rulesRead == 1 ? "rule" : "rules") read; \(decisions.count) \(decisions.count == 1 ? "decision" : "decisions") left"
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
        let found = grids.compactMap { grid in RopaHeader.find(in: grid).map { (grid, $0) } }
        guard let first = found.first else {
            throw RopaImportError(
                sv:
                    "ingen rubrikrad hittades: namnge kolumnerna som ett register gör (\"Ändamål\", \"Kategorier av personuppgifter\", \"Rättslig grund\", \"Lagringstid\" eller \"Purpose\", \"Legal basis\", \"Retention\")",
                en:
                    "no header row found: name the columns as a register does (\"Ändamål\", \"Kategorier av personuppgifter\", \"Rättslig grund\", \"Lagringstid\" or \"Purpose\", \"Legal basis\", \"Retention\")"
            )
        }
        let language = language ?? RopaColumns.language(of: first.1.cells)
        let tables = found.map { grid, header in
            (grid, header.knowingContents(grid.rows[(header.row + header.height)...], language: language))
        }
        let template = RopaTemplate.recognised(first.1.cells)
        var builder = RopaDraftBuilder(language: language, source: source, template: template)
        builder.controller(from: first.0.rows[..<first.1.row], inForce: controller)
        for (grid, header) in tables {
            for row in rows(grid.rows[(header.row + header.height)...], header) {
                builder.activity(row)
            }
        }
        return builder.draft()
    }

    /// Whether a table holds a register's header row.
    public static func hasHeader(_ grid: RopaGrid) -> Bool {
        RopaHeader.find(in: grid) != nil
    }

    /// One row per activity: a row whose name and purpose cells are empty continues the row
    /// above (a cell that ran over two rows of the table). A continued cell's parts are joined
    /// once, at the end, so that a long run of continuing rows costs no more than its text.
    static func rows(_ rows: ArraySlice<RopaGrid.Row>, _ header: RopaHeader) -> [RopaRow] {
        let columns = header.columns
        var result: [(parts: [RopaField: [String]], reference: String)] = []
        for row in rows where !row.isBlank {
            var values: [RopaField: String] = [:]
            for (field, index) in columns where index < row.cells.count {
                let text = row.cells[index].trimmingCharacters(in: .whitespacesAndNewlines)
                if !text.isEmpty { values[field] = text }
            }
            // The template's own guidance ("e.g. Finance") and a header repeated on a new page
            // are not activities, nor parts of the one above.
            if RopaInstruction.isInstruction(values) || header.repeats(values) { continue }
            let starts = values[.name] != nil || values[.purpose] != nil || values[.controllerOf] != nil
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
