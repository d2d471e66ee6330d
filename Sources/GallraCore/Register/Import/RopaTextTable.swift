import Foundation

/// Tables kept as text: CSV (comma or semicolon, as a Swedish Excel writes), TSV, and the two
/// forms a table takes when pasted from a document — tab-separated rows, or cells that each end
/// with " |".
public enum RopaTextTable {
    /// UTF-8 with or without a byte-order mark; anything that is not UTF-8 is read as
    /// Windows-1252, the encoding of a CSV saved by Excel on Windows.
    public static func decode(_ data: Data) -> String {
        var bytes = data
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        if let text = String(data: bytes, encoding: .utf8) { return text }
        return String(data: bytes, encoding: .windowsCP1252) ?? String(decoding: bytes, as: UTF8.self)
    }

    /// - Parameter fileExtension: "csv", "tsv" or anything else (read as pasted text).
    public static func grid(text: String, fileExtension: String) throws(RopaImportError) -> RopaGrid {
        let text = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        switch fileExtension.lowercased() {
        case "csv": return try csv(text, delimiter: delimiter(of: text))
        case "tsv": return try tabSeparated(text)
        default:
            if text.contains("\t") { return try tabSeparated(text) }
            if isPipeTerminated(text) { return try pipeTerminated(text) }
            let first = text.split(separator: "\n").first { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            if let first, first.contains(";") || first.contains(",") {
                return try csv(text, delimiter: delimiter(of: text))
            }
            throw RopaImportError(
                sv:
                    "ingen tabell hittades: väntade rader med tabbar, celler som slutar med \" |\", eller värden åtskilda med komma eller semikolon",
                en:
                    "no table found: expected tab-separated rows, cells ending with \" |\", or comma- or semicolon-separated values"
            )
        }
    }

    /// Semicolon when the first line holds more semicolons than commas, outside quotes.
    static func delimiter(of text: String) -> Character {
        var semicolons = 0
        var commas = 0
        var quoted = false
        for character in text {
            if character == "\"" { quoted.toggle() }
            if character == "\n" && !quoted { break }
            if !quoted && character == ";" { semicolons += 1 }
            if !quoted && character == "," { commas += 1 }
        }
        return semicolons > commas ? ";" : ","
    }

    /// RFC 4180: quoted cells may hold the delimiter, doubled quotes and line breaks. One pass
    /// over the text, each table bound checked as the cells are read.
    static func csv(_ text: String, delimiter: Character) throws(RopaImportError) -> RopaGrid {
        var bounds = RopaTableBounds()
        var rows: [RopaGrid.Row] = []
        var cells: [String] = []
        var cell = ""
        // Counted as the cell grows: a String's `count` walks the whole string.
        var length = 0
        var quoted = false
        // A quote inside a quoted cell ends it, unless the next character is a second quote.
        var closing = false
        var line = 1
        var rowLine = 1
        func append(_ character: Character) throws(RopaImportError) {
            length += 1
            guard length <= RopaLimits.cellCharacters else { throw RopaImportError.cellTooLong(row: "\(rowLine)") }
            cell.append(character)
        }
        for character in text.hasSuffix("\n") ? text : text + "\n" {
            if closing {
                closing = false
                if character == "\"" {
                    try append("\"")
                    continue
                }
                quoted = false
            }
            if quoted {
                if character == "\"" {
                    closing = true
                } else {
                    if character == "\n" { line += 1 }
                    try append(character)
                }
            } else if character == "\"" && length == 0 {
                quoted = true
            } else if character == delimiter {
                cells.append(cell)
                cell = ""
                length = 0
                guard cells.count <= RopaLimits.columns else { throw RopaImportError.tooManyColumns(row: "\(rowLine)") }
            } else if character == "\n" {
                cells.append(cell)
                let row = RopaGrid.Row(cells: cells, reference: "\(rowLine)")
                if !row.isBlank {
                    try bounds.row(cells: cells.count, at: row.reference)
                    rows.append(row)
                }
                cells = []
                cell = ""
                length = 0
                line += 1
                rowLine = line
            } else {
                try append(character)
            }
        }
        return RopaGrid(rows: rows)
    }

    static func tabSeparated(_ text: String) throws(RopaImportError) -> RopaGrid {
        var bounds = RopaTableBounds()
        var rows: [RopaGrid.Row] = []
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let cells = line.split(separator: "\t", omittingEmptySubsequences: false)
            let row = RopaGrid.Row(cells: [], reference: "\(number + 1)")
            guard cells.count <= RopaLimits.columns else { throw RopaImportError.tooManyColumns(row: row.reference) }
            guard cells.allSatisfy({ $0.count <= RopaLimits.cellCharacters }) else {
                throw RopaImportError.cellTooLong(row: row.reference)
            }
            let read = RopaGrid.Row(cells: cells.map(String.init), reference: row.reference)
            guard !read.isBlank else { continue }
            try bounds.row(cells: cells.count, at: read.reference)
            rows.append(read)
        }
        return RopaGrid(rows: rows)
    }

    /// Cells that each end with " |", a cell's text sometimes running over several lines and its
    /// bar on a line of its own, as a word processor exports a table.
    static func isPipeTerminated(_ text: String) -> Bool {
        let lines = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let ending = lines.filter { $0.hasSuffix("|") }.count
        return ending * 2 >= lines.count && ending >= 2
    }

    /// The cells in order, each with the line it starts on; the columns are the header cells,
    /// counted by `RopaColumns`, so rows are cut after the header is found.
    static func pipeTerminated(_ text: String) throws(RopaImportError) -> RopaGrid {
        var cells: [(text: String, line: Int)] = []
        var current: [String] = []
        var length = 0
        var start: Int?
        for (number, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var line = raw.trimmingCharacters(in: .whitespaces)
            let ends = line.hasSuffix("|")
            if ends { line = String(line.dropLast()).trimmingCharacters(in: .whitespaces) }
            if !line.isEmpty {
                if start == nil { start = number + 1 }
                current.append(line)
                length += line.count + 1
                guard length <= RopaLimits.cellCharacters else {
                    throw RopaImportError.cellTooLong(row: "\(start ?? number + 1)")
                }
            }
            if ends {
                guard cells.count < RopaLimits.cells else { throw RopaImportError.tooManyCells() }
                length = 0
                cells.append((current.joined(separator: "\n"), start ?? number + 1))
                current = []
                start = nil
            }
        }
        if !current.isEmpty { cells.append((current.joined(separator: "\n"), start ?? 1)) }
        let names = cells.map(\.text)
        guard let header = RopaColumns.headerLength(names) else {
            throw RopaImportError(
                sv: "ingen rubrikrad hittades bland cellerna (som \"Ändamål\", \"Rättslig grund\", \"Lagringstid\")",
                en: "no header row found among the cells (such as \"Ändamål\", \"Rättslig grund\", \"Lagringstid\")")
        }
        // Title cells before the header are rows of their own; after it, every `count` cells a row.
        var rows = cells[0..<header.offset].map { RopaGrid.Row(cells: [$0.text], reference: "\($0.line)") }
        var index = header.offset
        while index < cells.count {
            let slice = cells[index..<min(index + header.count, cells.count)]
            rows.append(.init(cells: slice.map(\.text), reference: "\(slice[slice.startIndex].line)"))
            index += header.count
        }
        guard rows.count <= RopaLimits.rows else { throw RopaImportError.tooManyRows() }
        return RopaGrid(rows: rows)
    }
}
