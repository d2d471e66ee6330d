import Foundation
import ZIPFoundation

/// .xlsx files as an attacker writes them, for the import's limits: a sheet's XML as given
/// (references past the last column, merges reversed or vast), and archives whose parts inflate
/// far beyond their size.
public enum HostileWorkbook {
    /// A header the import recognises, in row 1: the sheet is otherwise a register.
    public static let header =
        #"<row r="1"><c r="A1" t="inlineStr"><is><t>Ändamål</t></is></c><c r="B1" t="inlineStr"><is><t>Rättslig grund</t></is></c><c r="C1" t="inlineStr"><is><t>Lagringstid</t></is></c></row>"#

    /// A workbook of one sheet whose `<sheetData>` holds `rows` (after `header`), with `merges`,
    /// and these shared strings.
    public static func sheet(_ rows: String, merges: [String] = [], shared: [String] = []) throws -> Data {
        let mergeCells =
            merges.isEmpty
            ? "" : "<mergeCells>" + merges.map { "<mergeCell ref=\"\($0)\"/>" }.joined() + "</mergeCells>"
        let strings = shared.map { "<si><t>\($0)</t></si>" }.joined()
        return try archive([
            ("xl/workbook.xml", Data(workbookXML(sheets: 1).utf8)),
            ("xl/_rels/workbook.xml.rels", Data(relationsXML(sheets: 1).utf8)),
            ("xl/sharedStrings.xml", Data("<sst>\(strings)</sst>".utf8)),
            (
                "xl/worksheets/sheet1.xml",
                Data("<worksheet><sheetData>\(header)\(rows)</sheetData>\(mergeCells)</worksheet>".utf8)
            ),
        ])
    }

    /// A workbook of one register sheet whose `xl/workbook.xml` is `workbook`, as given, with
    /// `{sheets}` standing for its list of sheets.
    public static func withWorkbookXML(_ workbook: String) throws -> Data {
        let list = #"<sheets><sheet name="Blad1" sheetId="1" r:id="rId1"/></sheets>"#
        let namespace = #"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#
        return try archive([
            (
                "xl/workbook.xml",
                Data(workbook.replacing("{sheets}", with: list).replacing("{r}", with: namespace).utf8)
            ),
            ("xl/_rels/workbook.xml.rels", Data(relationsXML(sheets: 1).utf8)),
            (
                "xl/worksheets/sheet1.xml",
                Data("<worksheet><sheetData>\(header)</sheetData></worksheet>".utf8)
            ),
        ])
    }

    /// A workbook whose sheets are each `bytes` long once inflated, of `content` repeated (zeros
    /// inflate a thousand to one; `.lowRatio` some twenty to one, and is not XML).
    public static func inflating(sheets: Int, bytes: Int, content: Content) throws -> Data {
        let parts = [
            ("xl/workbook.xml", Data(workbookXML(sheets: sheets).utf8)),
            ("xl/_rels/workbook.xml.rels", Data(relationsXML(sheets: sheets).utf8)),
        ]
        let block = content.block
        let archive = try Archive(accessMode: .create)
        for (path, data) in parts { try add(data, path, to: archive) }
        for number in 1...sheets {
            try archive.addEntry(
                with: "xl/worksheets/sheet\(number).xml", type: .file, uncompressedSize: Int64(bytes),
                compressionMethod: .deflate,
                provider: { position, size in
                    var chunk = Data(capacity: size)
                    var offset = Int(position) % block.count
                    while chunk.count < size {
                        let take = min(size - chunk.count, block.count - offset)
                        chunk.append(block[offset..<offset + take])
                        offset = 0
                    }
                    return chunk
                })
        }
        return archive.data!
    }

    public enum Content {
        case zeros
        /// Not XML, and not very repetitive: a pseudo-random hex digit now and then among spaces,
        /// in a block longer than deflate's window.
        case lowRatio

        var block: Data {
            switch self {
            case .zeros: return Data(count: 1 << 20)
            case .lowRatio:
                var state: UInt64 = 0x9E37_79B9_7F4A_7C15
                var bytes = [UInt8](repeating: 0x20, count: 1 << 20)
                for index in stride(from: 0, to: bytes.count, by: 64) {
                    for digit in 0..<4 {
                        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                        bytes[index + digit] = Array("0123456789abcdef".utf8)[Int(state >> 60)]
                    }
                }
                return Data(bytes)
            }
        }
    }

    static func workbookXML(sheets: Int) -> String {
        let list = (1...sheets).map { "<sheet name=\"Blad\($0)\" sheetId=\"\($0)\" r:id=\"rId\($0)\"/>" }.joined()
        return
            "<workbook xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>\(list)</sheets></workbook>"
    }

    static func relationsXML(sheets: Int) -> String {
        let list = (1...sheets).map { "<Relationship Id=\"rId\($0)\" Target=\"worksheets/sheet\($0).xml\"/>" }.joined()
        return "<Relationships>\(list)</Relationships>"
    }

    static func archive(_ parts: [(String, Data)]) throws -> Data {
        let archive = try Archive(accessMode: .create)
        for (path, data) in parts { try add(data, path, to: archive) }
        return archive.data!
    }

    static func add(_ data: Data, _ path: String, to archive: Archive) throws {
        try archive.addEntry(
            with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate,
            provider: { position, size in data.subdata(in: Int(position)..<Int(position) + size) })
    }
}
