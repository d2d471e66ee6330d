import Foundation
import GallraCore
import ZIPFoundation

/// The sheets of an .xlsx workbook as tables of text: shared and inline strings, numbers,
/// booleans, and merged cells (the value of a merged range is in each of its cells).
public struct XLSXWorkbook: Sendable {
    public struct Sheet: Sendable {
        public let name: String
        public let grid: RopaGrid
    }

    public let sheets: [Sheet]

    public init(data: Data) throws(RopaImportError) {
        let archive: Archive
        do {
            archive = try Archive(data: data, accessMode: .read)
        } catch {
            throw RopaImportError("not an .xlsx workbook: the file is not a ZIP archive")
        }
        func part(_ path: String) -> XMLElement? {
            guard let entry = archive[path] else { return nil }
            var bytes = Data()
            guard (try? archive.extract(entry, consumer: { bytes.append($0) })) != nil else { return nil }
            return XMLElement.parse(bytes)
        }
        guard let workbook = part("xl/workbook.xml") else {
            throw RopaImportError("not an .xlsx workbook: it has no xl/workbook.xml")
        }
        let relations = part("xl/_rels/workbook.xml.rels")?.all("Relationship") ?? []
        let targets = Dictionary(
            relations.compactMap { relation in
                relation.attributes["Id"].map { ($0, relation.attributes["Target"] ?? "") }
            },
            uniquingKeysWith: { first, _ in first })
        let shared = part("xl/sharedStrings.xml")?.all("si").map(\.runs) ?? []
        var sheets: [Sheet] = []
        for (number, sheet) in workbook.all("sheet").enumerated() {
            let name = sheet.attributes["name"] ?? "Sheet\(number + 1)"
            let relation = sheet.attributes.first { $0.key.hasSuffix(":id") }?.value
            let target = relation.flatMap { targets[$0] } ?? "worksheets/sheet\(number + 1).xml"
            let path = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
            guard let document = part(path) else { continue }
            sheets.append(Sheet(name: name, grid: Self.grid(document, sheet: name, shared: shared)))
        }
        guard !sheets.isEmpty else { throw RopaImportError("the workbook has no sheets that can be read") }
        self.sheets = sheets
    }

    static func grid(_ document: XMLElement, sheet: String, shared: [String]) -> RopaGrid {
        var cells: [Int: [Int: String]] = [:]
        for row in document.all("row") {
            for cell in row.children where cell.localName == "c" {
                guard let reference = cell.attributes["r"], let (column, line) = position(reference) else { continue }
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
                cells[line, default: [:]][column] = value
            }
        }
        for merge in document.all("mergeCell") {
            guard let range = merge.attributes["ref"], let (from, to) = span(range),
                let value = cells[from.line]?[from.column]
            else { continue }
            for line in from.line...to.line {
                for column in from.column...to.column { cells[line, default: [:]][column] = value }
            }
        }
        let width = (cells.values.flatMap(\.keys).max() ?? -1) + 1
        let rows = cells.keys.sorted().map { line in
            RopaGrid.Row(cells: (0..<width).map { cells[line]?[$0] ?? "" }, reference: "\(sheet)!\(line)")
        }
        return RopaGrid(rows: rows.filter { row in row.cells.contains { !$0.isEmpty } })
    }

    /// "B12" → column 1, row 12.
    static func position(_ reference: String) -> (column: Int, line: Int)? {
        let letters = reference.prefix { $0.isLetter }.uppercased()
        guard !letters.isEmpty, let line = Int(reference.dropFirst(letters.count)) else { return nil }
        let column = letters.unicodeScalars.reduce(0) { $0 * 26 + Int($1.value) - 64 } - 1
        return (column, line)
    }

    static func span(_ range: String) -> (from: (column: Int, line: Int), to: (column: Int, line: Int))? {
        let ends = range.split(separator: ":").map(String.init)
        guard ends.count == 2, let from = position(ends[0]), let to = position(ends[1]) else { return nil }
        return (from, to)
    }
}
