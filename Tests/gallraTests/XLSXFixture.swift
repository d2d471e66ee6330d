import Foundation
import ZIPFoundation

/// Writes an .xlsx workbook as Excel lays it out — shared strings (one of them rich text),
/// inline strings, merged cells, several sheets — from rows of cell values.
enum XLSXFixture {
    enum Cell {
        case shared(String)
        case inline(String)
        case number(String)
        case empty
    }

    struct Sheet {
        let name: String
        let rows: [(line: Int, cells: [Cell])]
        var merges: [String] = []
    }

    static func workbook(_ sheets: [Sheet]) throws -> Data {
        var strings: [String] = []
        func index(_ text: String) -> Int {
            if let found = strings.firstIndex(of: text) { return found }
            strings.append(text)
            return strings.count - 1
        }
        var parts: [(String, String)] = []
        for (number, sheet) in sheets.enumerated() {
            var rows = ""
            for row in sheet.rows {
                var cells = ""
                for (column, cell) in row.cells.enumerated() {
                    let reference = "\(Character(UnicodeScalar(65 + column)!))\(row.line)"
                    switch cell {
                    case .shared(let text): cells += "<c r=\"\(reference)\" t=\"s\"><v>\(index(text))</v></c>"
                    case .inline(let text):
                        cells += "<c r=\"\(reference)\" t=\"inlineStr\"><is><t>\(escape(text))</t></is></c>"
                    case .number(let value): cells += "<c r=\"\(reference)\"><v>\(value)</v></c>"
                    case .empty: continue
                    }
                }
                rows += "<row r=\"\(row.line)\">\(cells)</row>"
            }
            let merges: String =
                sheet.merges.isEmpty
                ? ""
                : "<mergeCells count=\"\(sheet.merges.count)\">"
                    + sheet.merges.map { "<mergeCell ref=\"\($0)\"/>" }.joined() + "</mergeCells>"
            parts.append(
                (
                    "xl/worksheets/sheet\(number + 1).xml",
                    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>\(rows)</sheetData>\(merges)</worksheet>"
                ))
        }
        // The first shared string is written as rich text, in two runs, as Excel does for a
        // cell with two formats.
        let shared: String = strings.enumerated().map { number, text -> String in
            guard number == 0, text.count > 4 else { return "<si><t xml:space=\"preserve\">\(escape(text))</t></si>" }
            let split = text.index(text.startIndex, offsetBy: 4)
            return
                "<si><r><rPr><b/></rPr><t>\(escape(String(text[..<split])))</t></r><r><t xml:space=\"preserve\">\(escape(String(text[split...])))</t></r></si>"
        }.joined()
        parts.append(
            (
                "xl/sharedStrings.xml",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"\(strings.count)\" uniqueCount=\"\(strings.count)\">\(shared)</sst>"
            ))
        let sheetList: String = sheets.enumerated().map { number, sheet -> String in
            "<sheet name=\"\(escape(sheet.name))\" sheetId=\"\(number + 1)\" r:id=\"rId\(number + 1)\"/>"
        }.joined()
        parts.append(
            (
                "xl/workbook.xml",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>\(sheetList)</sheets></workbook>"
            ))
        let relations: String = sheets.indices.map { number -> String in
            "<Relationship Id=\"rId\(number + 1)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet\(number + 1).xml\"/>"
        }.joined()
        parts.append(
            (
                "xl/_rels/workbook.xml.rels",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\(relations)</Relationships>"
            ))
        parts.append(
            (
                "[Content_Types].xml",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>"
            ))
        let archive = try Archive(accessMode: .create)
        for (path, text) in parts {
            let bytes = Data(text.utf8)
            try archive.addEntry(
                with: path, type: .file, uncompressedSize: Int64(bytes.count), compressionMethod: .deflate,
                provider: { position, size in bytes.subdata(in: Int(position)..<Int(position) + size) })
        }
        return archive.data!
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
