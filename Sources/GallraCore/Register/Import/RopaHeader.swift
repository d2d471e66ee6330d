/// Where a table's header is and what its columns mean. A template's header may sit below its
/// title and a block with the controller's details, and may take two rows: a group ("Lawful
/// basis", "Kategorier av") above the columns.
struct RopaHeader {
    /// The index of its first row in the grid.
    let row: Int
    /// How many rows it takes: 1, or 2 with a group row above the columns.
    let height: Int
    /// Each field's column, the first column that names it.
    let columns: [RopaField: Int]
    /// The header's text by column, a group's joined to its column's.
    let cells: [String]

    /// The header among the first `RopaLimits.headerRows` rows: the row (or two rows) naming the
    /// most fields, at least three and one of them the purpose or the activity's name; the first
    /// such when two name as many.
    static func find(in grid: RopaGrid) -> RopaHeader? {
        let rows = grid.rows.prefix(RopaLimits.headerRows)
        let single = rows.map { headerColumns($0.cells) }
        var best: RopaHeader?
        func consider(_ header: RopaHeader) {
            let count = header.columns.count
            guard count >= 3, header.columns[.purpose] != nil || header.columns[.name] != nil,
                count > (best?.columns.count ?? 0)
            else { return }
            best = header
        }
        for (offset, row) in rows.enumerated() {
            let index = rows.startIndex + offset
            consider(RopaHeader(row: index, height: 1, columns: single[offset], cells: row.cells))
            // A group row above: only when the row below names columns of its own, so that a
            // header's first data row is never taken for a part of it.
            guard offset + 1 < rows.count, single[offset + 1].count >= 2 else { continue }
            let cells = combined(row.cells, rows[index + 1].cells)
            let columns = headerColumns(cells)
            if columns.count > max(single[offset].count, single[offset + 1].count) {
                consider(RopaHeader(row: index, height: 2, columns: columns, cells: cells))
            }
        }
        return best
    }

    /// The columns a header row names, each field by its first column.
    static func headerColumns(_ cells: [String]) -> [RopaField: Int] {
        var columns: [RopaField: Int] = [:]
        for (index, cell) in cells.enumerated() where !cell.isEmpty {
            guard let field = RopaColumns.field(cell), columns[field] == nil else { continue }
            columns[field] = index
        }
        return columns
    }

    /// A group row over a column row, column by column: the column's own header when it names
    /// something, else the group's and the column's words together ("Kategorier av" over
    /// "mottagare"), else the group's alone when the column is empty (a header merged down).
    static func combined(_ top: [String], _ bottom: [String]) -> [String] {
        (0..<max(top.count, bottom.count)).map { index in
            let over = index < top.count ? top[index].trimmingCharacters(in: .whitespacesAndNewlines) : ""
            let under = index < bottom.count ? bottom[index].trimmingCharacters(in: .whitespacesAndNewlines) : ""
            if under.isEmpty { return over }
            if over.isEmpty || over == under || RopaHeaders.meaning(under) != nil { return under }
            let joined = over + " " + under
            return RopaHeaders.meaning(joined) != nil ? joined : under
        }
    }

    /// Whether a row repeats the header (as a table printed over several pages does).
    func repeats(_ values: [RopaField: String]) -> Bool {
        for field in [RopaField.name, .purpose] {
            if let column = columns[field], let value = values[field], column < cells.count {
                return RopaColumns.normalised(value) == RopaColumns.normalised(cells[column])
            }
        }
        return false
    }
}

/// The guidance a template carries in its first rows ("e.g. Finance", "Example: payroll",
/// "Beskriv ändamålet"), which is not an activity.
enum RopaInstruction {
    static let starts = [
        "e.g.", "e.g ", "eg.", "eg ", "example", "exempel", "t.ex", "t ex", "till exempel", "for example",
        "for instance", "ex:", "ex.", "<", "[", "describe ", "beskriv ", "ange ", "fyll i", "enter ", "insert ",
        "list the ", "list all ", "state the ", "skriv ", "i.e.", "dvs",
    ]

    static func isInstruction(_ values: [RopaField: String]) -> Bool {
        let lead = values[.name] ?? values[.purpose] ?? values[.function] ?? values[.controllerOf]
        if let lead, guides(lead) { return true }
        let texts = Array(values.values)
        let guiding = texts.filter(guides).count
        return !texts.isEmpty && guiding * 2 > texts.count
    }

    static func guides(_ text: String) -> Bool {
        let lowered = text.prefix(40).lowercased().trimmingCharacters(in: .whitespacesAndNewlines)
        return starts.contains { lowered.hasPrefix($0) }
    }
}
