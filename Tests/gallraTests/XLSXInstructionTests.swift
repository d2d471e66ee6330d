import Foundation
import GallraCore
import GallraImport
import GallraTestSupport
import Testing

/// libxml2 hands Foundation's XMLParser a processing instruction without data as a null pointer,
/// and Foundation reads it as a C string: a workbook part holding `<?x?>` (or beginning `<?xml?>`)
/// ended the process that read it, the server's upload included (found by fuzzing,
/// docs/fuzzing.md). Such parts, and parts in another encoding that could hide one, are refused.
@Suite("Import: processing instructions and encodings in a workbook's XML")
struct XLSXInstructionTests {
    @Test(
        "A processing instruction, or another encoding, is refused with a reason; the process lives on",
        arguments: [
            "<?xml?><workbook {r}>{sheets}</workbook>",
            "<workbook {r}><?x?>{sheets}</workbook>",
            "<workbook {r}>{sheets}<?x y?></workbook>",
            #"<?xml version="1.0" encoding="UTF-7"?><workbook {r}>{sheets}</workbook>"#,
            #"<?xml version="1.0" encoding="UTF-16"?><workbook {r}>{sheets}</workbook>"#,
        ])
    func refused(workbook: String) throws {
        let file = try HostileWorkbook.withWorkbookXML(workbook)
        #expect {
            try XLSXWorkbook(data: file)
        } throws: { error in
            "\(error)".contains("is not plain UTF-8 XML")
        }
    }

    @Test("A part that is not UTF-8 XML at all is not parsed: the workbook is refused for lacking it")
    func notXML() throws {
        for workbook in ["<workbook {r}>{sheets}</workbook>\u{0}", "\u{0}<\u{0}?\u{0}x\u{0}?\u{0}>", "   "] {
            #expect {
                try XLSXWorkbook(data: HostileWorkbook.withWorkbookXML(workbook))
            } throws: { error in
                "\(error)".contains("it has no xl/workbook.xml")
            }
        }
    }

    @Test(
        "A workbook's usual XML still reads",
        arguments: [
            #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\r\n<workbook {r}>{sheets}</workbook>",
            "\u{FEFF}<workbook {r}>{sheets}</workbook>",
            "  <workbook {r}>{sheets}</workbook>",
            #"<?xml version='1.0' encoding='utf-8'?><workbook {r}>{sheets}</workbook>"#,
        ])
    func read(workbook: String) throws {
        #expect(try XLSXWorkbook(data: HostileWorkbook.withWorkbookXML(workbook)).sheets.count == 1)
    }
}
