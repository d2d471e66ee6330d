import Foundation
import GallraCore
import GallraImport
import GallraTestSupport
import Testing

/// ZIPFoundation reads an archive in memory at the offsets the archive gives, and trapped on one
/// past the file's end; the layout is checked first (found by fuzzing, docs/fuzzing.md).
@Suite("Import: a ZIP archive whose records point outside it")
struct XLSXZIPLayoutTests {
    /// The fuzzer's input: a workbook whose central directory names a local header past the end.
    static let pointingOutside = Data(
        base64Encoded: [
            "UEsDBBQAAAAIACW2hl3muHRrXAAAAGIAAAATAAAAW0NvbnRlbnRfVHlwZXNdLnhtbBXMTQqAIBBA4auE+xxr0SJKL9EFRKYf",
            "ylGcIer22fLxwZvcE6/mxsJHoll12ihnp+XNyE0V4lntInkE4LBj9KxTRqqyphK91CwbZB9OvyH0xgwQEgmStPI/FNgPUEsD",
            "BBQAAAAIACW2hl0FW23qsQAAAAgBAAAPAAAAeGwvd29ya2Jvb2sueG1sjY/LCsJADEV/Zchep3UhUvpAEMGVIvoBY5u2QzuT",
            "koyPz3dQu3eV5CY5yc2rlxvVA1ks+QLSZQIKfU2N9V0B18t+sYGqzJ/Ew41oUHHaSwF9CFOmtdQ9OiNLmtDHTkvsTIgld1om",
            "RtNIjxjcqFdJstbOWA9fQsb/MKhtbY07qu8OffhCGEcT4q/S20mgzD8X5BeVNw4LOB9PW1Af5dBEU6A4szHhQ5OCLnM9L+nZ",
            "V/kGUEsDBBQAAAAIACW2hl3wpmKBpgAAABcBAAAaAAAAeGwvX3JlbHMvd29ya2Jvb2sueG1sLnJlbHONz0sKwjAQANCrhNnb",
            "aV2ISNNuROhW6gFCOk1Kmw9J/N3e4EIsuHA1zO8NU7cPs7AbhTg5y6EqSmBkpRsmqzhc+tNmD21Tn2kRKU9EPfnI8oqNHHRK",
            "/oAYpSYjYuE82dwZXTAi5TQo9ELOQhFuy3KH4duAtcm6gUPohgpY//T0j+3GcZJ0dPJqyKYfJ/Duwhw1UcqoCIoSh08p4jtU",
            "RVYBmxpXHzYvUEsDBBQAAAAIACW2hl0RQotMxAAAAJQBAAAUAAAAeGwvc2hhcmVkU3RyaW5ncy54bXRK/oAYpSYjYuE82dwZ",
            "XTAi5TQo9ELOQhFuy3KH4duAtcm6gUPohgpY//T0j+3GcZJ0dPJqyKYfJ/Duwhw1UcqoCIoSh08p4jtURVYBmxpXHzYvUEsD",
            "BBQAAAAIACW2hl0RQotMxAAAAJQBAAAGla3aZrDdYcS28W4NntOyVeQ/NhcVxFkVeL1qJ029aptabH23h76LY9/80Dc99t0d",
            "+i5HX825xwKmYwHTYbOyWln6Fj3bVWib2D468LRUIZKHjUuAAWJHIFKIzpB/F0A4G1FE6HmYzjZ15Bw5dt9ACfsLGoKvLqjI",
            "JMDcmR7tBu7PPqPSAAgBAAAPAAAAAAAAAAAAAACAAY0AAAB4bC93b3JrYm9vay54bWxQSwECFAMUAAAACAAltoZd8KZigaYA",
            "AAAXAQAAGgAAAAAAAAAAAAAAgAFrAQAAeGwvX3JlbHMvd29ya2Jvb2sueG1sLnJlbHNQSwECFAMUAAAACAAltoZdEUKLTMQA",
            "AACUAQAAFAAAAAAAAAAAAAAAgAFJAgAAeGwvc2hhcmVkU3RyaW5ncy54bWxQSwECFAMUAAAACAAltoZdSk8WKnsCAACbBwAA",
            "GAAAAAAAAAAAAAAAgAE/AwAAeGwvd29ya3NoZWV0cy9zaGVljc7Rh21sUEsUAxQAAAAIACW2hl1KTxYqewIAAJsHAAAYAAAA",
            "AAAAAAAAAACAAT8DAAB4bC93b3Jrc2hlZXRzL3NoZWV0Mi54bWxQSwUGAAAAAAUABQBOAQAA8AUAAAAA",
        ].joined())!

    @Test("The fuzzer's archive is refused as not a workbook, and the process lives on")
    func pointingOutsideIsRefused() {
        #expect(throws: RopaImportError.self) { try XLSXWorkbook(data: Self.pointingOutside) }
    }

    @Test("Every truncation of a sound workbook is refused or read, never a trap")
    func truncations() throws {
        let workbook = try HostileWorkbook.sheet(
            #"<row r="2"><c r="A2" t="inlineStr"><is><t>Support</t></is></c></row>"#)
        for length in stride(from: 0, to: workbook.count, by: max(1, workbook.count / 200)) {
            _ = try? XLSXWorkbook(data: workbook.prefix(length))
        }
        #expect(throws: Never.self) { try XLSXWorkbook(data: workbook) }
    }
}
