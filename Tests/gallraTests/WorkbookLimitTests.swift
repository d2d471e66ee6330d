import Foundation
import GallraCore
import GallraImport
import GallraTestSupport
import Testing

/// Issue 29, finding 3: a workbook is a ZIP archive of XML, and each way a small one can claim a
/// vast sheet is refused by `RopaFile.draft`, naming the limit, or read as the table it is.
@Suite("Importing a hostile workbook")
struct WorkbookLimitTests {
    static func refusal(_ data: Data) -> String? {
        do {
            _ = try RopaFile.draft(data: data, fileName: "ropa.xlsx")
            return nil
        } catch {
            return error.description
        }
    }

    static let row2 =
        #"<row r="2"><c r="A2" t="inlineStr"><is><t>Kundtjänst</t></is></c><c r="B2" t="inlineStr"><is><t>Avtal</t></is></c><c r="C2" t="inlineStr"><is><t>2 år</t></is></c></row>"#

    @Test("A reversed merge range (C3:B2, B5:A1) is the same range: its value fills it")
    func reversedMerge() throws {
        let rows = Self.row2 + #"<row r="3"><c r="A3" t="inlineStr"><is><t>Fakturering</t></is></c></row>"#
        let grid = try #require(
            try XLSXWorkbook(data: HostileWorkbook.sheet(rows, merges: ["C3:B2"])).sheets.first?.grid)
        #expect(
            grid.rows.dropFirst().map(\.cells) == [
                ["Kundtjänst", "Avtal", "Avtal"], ["Fakturering", "Avtal", "Avtal"],
            ])
        let corners = try #require(
            try XLSXWorkbook(data: HostileWorkbook.sheet(rows, merges: ["B5:A1"])).sheets.first?.grid)
        #expect(corners.rows.map { $0.cells[1] } == Array(repeating: "Ändamål", count: 5))
    }

    @Test("Column letters that overflow, and a cell past column XFD or row 1,048,576, are refused by name")
    func referencesBeyondTheSheet() throws {
        let overflow = try HostileWorkbook.sheet(#"<row r="2"><c r="ZZZZZZZZZZZZZZZZ1"><v>1</v></c></row>"#)
        #expect(Self.refusal(overflow)?.contains("beyond column XFD; the limit is 16,384 columns") == true)
        let pastXFD = try HostileWorkbook.sheet(#"<row r="2"><c r="XFE2"><v>1</v></c></row>"#)
        #expect(Self.refusal(pastXFD)?.contains("\"XFE2\" beyond column XFD") == true)
        let pastLastRow = try HostileWorkbook.sheet(#"<row r="2"><c r="A99999999999999999999999"><v>1</v></c></row>"#)
        #expect(Self.refusal(pastLastRow)?.contains("beyond row 1,048,576") == true)
        let mergeOverflow = try HostileWorkbook.sheet(Self.row2, merges: ["A1:ZZZZZZZZZZZZZZZZZZ9"])
        #expect(Self.refusal(mergeOverflow)?.contains("beyond column XFD") == true)
    }

    @Test("A cell in column XFD (the widest a sheet is) is refused by the column limit, not laid out")
    func wideColumn() throws {
        let wide = try HostileWorkbook.sheet(Self.row2 + #"<row r="3"><c r="XFD3"><v>1</v></c></row>"#)
        #expect(
            Self.refusal(wide)
                == "sheet \"Blad1\" has a cell in column XFD (the 16,384th); the limit is 1,000 columns")
        // An empty cell far away (a style only) widens nothing.
        let styled = try HostileWorkbook.sheet(Self.row2 + #"<row r="3"><c r="XFD3" s="1"/></row>"#)
        #expect(Self.refusal(styled) == nil)
    }

    @Test("A merge covering millions of cells is refused by its area, before any is filled")
    func vastMerge() throws {
        let data = try HostileWorkbook.sheet(Self.row2, merges: ["A2:XFD1048576"])
        let clock = ContinuousClock()
        var message: String?
        let elapsed = clock.measure { message = Self.refusal(data) }
        #expect(message?.contains("covers 17,179,852,800 cells") == true, "\(message ?? "")")
        #expect(message?.hasSuffix("the limit is 1,000,000 cells") == true)
        #expect(elapsed < .seconds(30), "refused without filling the range")
        // Many merges of a thousand cells each add up to the same limit.
        let many = try HostileWorkbook.sheet(
            Self.row2, merges: (0..<2_000).map { "A\($0 * 500 + 3):B\($0 * 500 + 502)" })
        #expect(Self.refusal(many)?.hasSuffix("the limit is 1,000,000 cells") == true)
    }

    @Test("A shared string index out of range, negative or past Int reads as an empty cell")
    func sharedStringOutOfRange() throws {
        let rows =
            #"<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" t="s"><v>7</v></c><c r="C2" t="s"><v>-1</v></c><c r="D2" t="s"><v>99999999999999999999999</v></c></row>"#
        let grid = try #require(
            try XLSXWorkbook(data: HostileWorkbook.sheet(rows, shared: ["Kundtjänst"])).sheets.first?.grid)
        #expect(grid.rows.last?.cells == ["Kundtjänst", "", ""])
    }

    @Test("XML nested deeper than a sheet is, or with more elements than a register has, is refused")
    func xmlBounds() throws {
        let deep = String(repeating: "<x>", count: 10_000) + String(repeating: "</x>", count: 10_000)
        #expect(
            Self.refusal(try HostileWorkbook.sheet(deep))
                == "xl/worksheets/sheet1.xml nests XML elements more than 64 deep; the limit is 64")
        let many = (1...300_000).map { "<row r=\"\($0)\"/>" }.joined()
        #expect(Self.refusal(try HostileWorkbook.sheet(many))?.contains("the limit is 500,000") == true)
    }

    @Test("A zip bomb (a megabyte inflating to a gigabyte) is refused while it inflates")
    func zipBomb() throws {
        let bomb = try HostileWorkbook.inflating(sheets: 1, bytes: 1 << 30, content: .zeros)
        #expect(bomb.count < 2 * 1024 * 1024)
        #expect(
            Self.refusal(bomb)?.hasPrefix("the workbook's part xl/worksheets/sheet1.xml inflates to more than") == true)
        // A smaller one passes the ratio first.
        let small = try HostileWorkbook.inflating(sheets: 1, bytes: 100 << 20, content: .zeros)
        #expect(
            Self.refusal(small)
                == "the workbook's part xl/worksheets/sheet1.xml inflates to more than 100 times its compressed size (as a zip bomb does); the limit is 100 to 1"
        )
    }

    @Test("A part inflating past 32 MiB, and parts past 64 MiB together, are refused though each deflates little")
    func inflatedSize() throws {
        let part = try HostileWorkbook.inflating(sheets: 1, bytes: 33 * 1024 * 1024, content: .lowRatio)
        #expect(
            Self.refusal(part)
                == "the workbook's part xl/worksheets/sheet1.xml inflates to more than 32 MiB; the limit is 32 MiB")
        let parts = try HostileWorkbook.inflating(sheets: 3, bytes: 30 * 1024 * 1024, content: .lowRatio)
        #expect(parts.count < RopaLimits.fileBytes)
        #expect(Self.refusal(parts) == "the workbook inflates to more than 64 MiB; the limit is 64 MiB")
    }

    @Test("A file larger than 10 MiB is refused before it is opened")
    func fileSize() {
        let large = Data([0x50, 0x4B, 0x03, 0x04]) + Data(count: RopaLimits.fileBytes)
        #expect(Self.refusal(large) == "the file is larger than 10 MiB; the limit is 10 MiB")
    }
}
