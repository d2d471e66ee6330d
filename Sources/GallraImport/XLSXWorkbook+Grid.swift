import GallraCore

extension XLSXWorkbook {
    /// A cell's place: column and row from 1, within Excel's own last column and row.
    struct Position: Equatable {
        let column: Int
        let line: Int
    }

    /// The sheet as a table, its cells counted against `RopaLimits` (with `cells`, the count of
    /// the sheets read before) before any row is laid out, so that no grid is larger than them.
    static func grid(
        _ document: XMLElement, sheet: String, shared: [String], cells counted: inout Int
    ) throws(RopaImportError) -> RopaGrid {
        var cells: [Int: [Int: String]] = [:]
        var stored = 0
        for row in document.all("row") {
            for cell in row.children where cell.localName == "c" {
                guard let reference = cell.attributes["r"], let place = try position(reference, sheet: sheet) else {
                    continue
                }
                let value: String
                switch cell.attributes["t"] {
                case "s":
                    value =
                        cell.first("v").flatMap { Int($0.text) }.flatMap {
                            shared.indices.contains($0) ? shared[$0] : nil
                        } ?? ""
                case "inlineStr": value = cell.first("is")?.runs ?? ""
                case "b": value = cell.first("v")?.text == "1" ? "TRUE" : "FALSE"
                default: value = cell.first("v")?.text ?? ""
                }
                // An empty cell (one with a style only) holds nothing, and widens nothing.
                guard !value.isEmpty else { continue }
                guard value.count <= RopaLimits.cellCharacters else {
                    throw RopaImportError.cellTooLong(row: "\(sheet)!\(place.line)")
                }
                if cells[place.line, default: [:]].updateValue(value, forKey: place.column) == nil { stored += 1 }
                guard counted + stored <= RopaLimits.cells else {
                    throw RopaImportError(
                        sv:
                            "arbetsboken har fler än \(RopaLimits.number(RopaLimits.cells)) celler; gränsen är \(RopaLimits.number(RopaLimits.cells)) celler",
                        en:
                            "the workbook has more than \(RopaLimits.number(RopaLimits.cells)) cells; the limit is \(RopaLimits.number(RopaLimits.cells)) cells"
                    )
                }
            }
        }
        for merge in document.all("mergeCell") {
            guard let range = merge.attributes["ref"], let (from, to) = try span(range, sheet: sheet) else { continue }
            let area = (to.line - from.line + 1) * (to.column - from.column + 1)
            // Each cell of a merged range holds its value: it counts as that many cells.
            stored += area
            guard area <= RopaLimits.cells, counted + stored <= RopaLimits.cells else {
                throw RopaImportError(
                    sv:
                        "det sammanfogade området \(quoted(range)) på bladet \(quoted(sheet)) täcker \(RopaLimits.number(area)) celler, fler än arbetsboken får rymma; gränsen är \(RopaLimits.number(RopaLimits.cells)) celler",
                    en:
                        "the merged range \(quoted(range)) of sheet \(quoted(sheet)) covers \(RopaLimits.number(area)) cells, more than the workbook may hold; the limit is \(RopaLimits.number(RopaLimits.cells)) cells"
                )
            }
            guard let value = cells[from.line]?[from.column] else { continue }
            for line in from.line...to.line {
                for column in from.column...to.column { cells[line, default: [:]][column] = value }
            }
        }
        let width = cells.values.lazy.compactMap { $0.keys.max() }.max() ?? 0
        guard width <= RopaLimits.columns else {
            throw RopaImportError(
                sv:
                    "bladet \(quoted(sheet)) har en cell i kolumn \(columnName(width)) (nummer \(RopaLimits.number(width))); gränsen är \(RopaLimits.number(RopaLimits.columns)) kolumner",
                en:
                    "sheet \(quoted(sheet)) has a cell in column \(columnName(width)) (the \(RopaLimits.number(width))th); the limit is \(RopaLimits.number(RopaLimits.columns)) columns"
            )
        }
        guard cells.count <= RopaLimits.rows else {
            throw RopaImportError(
                sv:
                    "bladet \(quoted(sheet)) har fler än \(RopaLimits.number(RopaLimits.rows)) rader; gränsen är \(RopaLimits.number(RopaLimits.rows)) rader",
                en:
                    "sheet \(quoted(sheet)) has more than \(RopaLimits.number(RopaLimits.rows)) rows; the limit is \(RopaLimits.number(RopaLimits.rows)) rows"
            )
        }
        // The table as laid out: every row as wide as the widest.
        counted += cells.count * width
        guard counted <= RopaLimits.cells else {
            throw RopaImportError(
                sv:
                    "bladet \(quoted(sheet)) spänner över \(RopaLimits.number(cells.count)) rader med \(RopaLimits.number(width)) kolumner, fler celler än arbetsboken får rymma; gränsen är \(RopaLimits.number(RopaLimits.cells)) celler",
                en:
                    "sheet \(quoted(sheet)) spans \(RopaLimits.number(cells.count)) rows of \(RopaLimits.number(width)) columns, more cells than the workbook may hold; the limit is \(RopaLimits.number(RopaLimits.cells)) cells"
            )
        }
        let rows = cells.keys.sorted().map { line in
            RopaGrid.Row(cells: (1...max(width, 1)).map { cells[line]?[$0] ?? "" }, reference: "\(sheet)!\(line)")
        }
        return RopaGrid(rows: rows.filter { row in row.cells.contains { !$0.isEmpty } })
    }

    /// "B12" → column 2, row 12; nil for what is not a cell reference; refused beyond Excel's last
    /// column (XFD) or row, before any arithmetic can overflow.
    static func position(_ reference: String, sheet: String) throws(RopaImportError) -> Position? {
        let scalars = Array(reference.unicodeScalars.prefix(32))
        let letters = scalars.prefix { ("A"..."Z").contains($0) || ("a"..."z").contains($0) }
        let digits = scalars.dropFirst(letters.count)
        guard !letters.isEmpty, !digits.isEmpty, reference.unicodeScalars.count == scalars.count,
            digits.allSatisfy({ ("0"..."9").contains($0) })
        else { return nil }
        var column = 0
        for letter in letters {
            column = column * 26 + Int(letter.value < 97 ? letter.value - 64 : letter.value - 96)
            guard column <= Limits.lastColumn else {
                throw RopaImportError(
                    sv:
                        "bladet \(quoted(sheet)) anger en cell \(quoted(reference)) bortom kolumn XFD; gränsen är \(RopaLimits.number(Limits.lastColumn)) kolumner, som i Excel",
                    en:
                        "sheet \(quoted(sheet)) names a cell \(quoted(reference)) beyond column XFD; the limit is \(RopaLimits.number(Limits.lastColumn)) columns, as in Excel"
                )
            }
        }
        var line = 0
        for digit in digits {
            line = line * 10 + Int(digit.value) - 48
            guard line <= Limits.lastRow else {
                throw RopaImportError(
                    sv:
                        "bladet \(quoted(sheet)) anger en cell \(quoted(reference)) bortom rad \(RopaLimits.number(Limits.lastRow)); gränsen är \(RopaLimits.number(Limits.lastRow)) rader, som i Excel",
                    en:
                        "sheet \(quoted(sheet)) names a cell \(quoted(reference)) beyond row \(RopaLimits.number(Limits.lastRow)); the limit is \(RopaLimits.number(Limits.lastRow)) rows, as in Excel"
                )
            }
        }
        guard line >= 1 else { return nil }
        return Position(column: column, line: line)
    }

    /// "A1:C3", its corners in either order ("C3:A1", "A3:C1" are the same range).
    static func span(_ range: String, sheet: String) throws(RopaImportError) -> (from: Position, to: Position)? {
        let ends = range.split(separator: ":", maxSplits: 2).map(String.init)
        guard ends.count == 2, let one = try position(ends[0], sheet: sheet),
            let other = try position(ends[1], sheet: sheet)
        else { return nil }
        return (
            Position(column: min(one.column, other.column), line: min(one.line, other.line)),
            Position(column: max(one.column, other.column), line: max(one.line, other.line))
        )
    }

    /// 16384 → "XFD".
    static func columnName(_ column: Int) -> String {
        var name = ""
        var rest = column
        while rest > 0 {
            let digit = (rest - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + digit))) + name
            rest = (rest - 1) / 26
        }
        return name
    }

    /// A name or reference from the file, quoted and cut short: it is the sender's text.
    static func quoted(_ text: String) -> String {
        "\"\(text.count > 40 ? text.prefix(40) + "…" : text)\""
    }
}
