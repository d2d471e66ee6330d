import Dispatch
import Foundation
import GallraCore
import GallraImport
import GallraTestSupport
import Testing

/// ZIPFoundation's extraction reads a deflated part on past its end and, when the deflate stream
/// does not end before the file does, loops for ever: one upload held a core of the server until
/// it was restarted (found by fuzzing, docs/fuzzing.md). Gallra reads each part's compressed
/// bytes itself, as the archive's layout places them, and no further.
@Suite("Import: a deflated part whose stream does not end within it")
struct XLSXEndlessStreamTests {
    /// The fuzzer's input: a workbook whose shared strings are a deflate stream cut short.
    static let endless = Data(
        base64Encoded: [
            "UEsDBBQAAAAIACW2hl3muHRrXAAAAGIAAAATAAAAW0NvbnRlbnRfVHlwZXNdLnhtbBXMTQqAIBBA4auE+xxr0SJKL9EFRKYfylGc",
            "Ier22fLxwZvcE6/mxsJHoll12ihnp+XNyE0V4lntInkE4LBj9KxTRqqyphK91CwbZB9OvyH0xgwQEgmStPI/FNgPUEsDBBQAAAAI",
            "ACW2hl0FW23qsQAAAAgBAAAPAAAAeGwvd29ya2Jvb2sueG1sjY/LCsJADEV/Zchep3UhUvpAEMGVIvoBY5u2QzuTkoyPz3dQu3eV",
            "5CY5yc2rlxvVA1ks+QLSZQIKfU2N9V0B18t+sYGqzJ/Ew41oUHHaSwF9CFOmtdQ9OiNLmtDHTkvsTIgld1omRtNIjxjcqFdJstbO",
            "WA9fQsb/MKhtbY07qu8OffhCGEcT4q/S20mgzD8X5BeVNw4LOB9PW1Af5dBEU6A4szHhQ5OCLnM9L+nZV/kGUEsDBBQAAAAIACW2",
            "hl3wpmKBpgAAABcBAAAaAAAAeGwvX3JlbHMvd29ya1Vuc2FmZW1sLnJlbHONz0sKwjAQANCrhNnbaV2ISNNuROhW6gFCOk1Kmw9J",
            "/N3e4EIsuHA1zO8NU7cPs7AbhTg5y6EqSmBkpRsmqzhc+tNmD21Tn2kRKU9EPfnI8oqNHHRK/oAYpdrcnR482dwZXTAi5TQo9ELO",
            "QhFuy3KH4duAtcm6gUPohgpY//T0j+3GcZJ0dPJqyKYfJ/Duwhw1UcqoCIoSh08p4jtURVYBmxpXHzYvUEsDBBQAAAAIACW2hl0R",
            "QotMxAAAAJQBAAAUAAAAeGwvc2hhcmVkU3RyaW5ncy54bWyN0L1qAzEMB/BXMd4bXTuEEnzOUOjUIdD2AdQ7xWc4W0ZSQx+/DoUM",
            "hcCN+vj/QArHn7K6C4lmrqN/3A3eUZ14zjWN/vPj9eHZH2NQNdcXq45+MWsHAJ0WKqg7blT75MxS0HopCbQJ4awLkZUVnoZhDwVz",
            "9Z3JMUgMFk/fEsBiAPlrXPGDNpxo9D2tJBfysbHSbQ2u4RvwgrYBoMSSSR2fXesncsXVzWh4B32jtAHtxhdq1jvIu/EGRDCRs1z+",
            "3Qf90fEXUEsDBBQAAAAIACW2hl1KTxYqewIAAJsHAAAYAAAAeGwvd29ya3NoZWV0cy9zaGVldDEueG1sxVVLbxMxEP4ro71wod00",
            "rRBCm63atL2BkCgHjlN7krXwY+tHQv49422ySVAMlTj0ko1nPN88vs92c/3LaFiRD8rZWXVxPqmArHBS2eWs+v74cPaxum6btfM/",
            "Q0cUgbfbMKu6GPtPdR1ERwbDuevJsmfhvMHIS7+sQ+8J5RBkdD2dTD7UBpWt2maw3WHEtvFuDZ7TslXkPzcXFcRZFXi9aidNvWqb",
            "Wmx9t4e+i2Pf/NA3PfbdHfouR1/NuccCpmMB02GzslpZ+hY921Vom9g+OvC0VCGSh41LgAFiRyBSiM6QfxdAOBtRROh5mM42deQc",
            "OXbfQAn7CxqCry6oyCTA3Jke7Qbuzz6j0vBImvrOWQKbzBP5E8DzEvAtarSCqYRIIZ6IvCtF3gTQjuO4zdxt57Qc+g09CbVQAvpd",
            "uetOiQ5UALfgCWlacUYCVsLLfJwxySqBee97YCvukfMGXHoiQzZmiBVqJY/LPKLpcqTpskzTPiXBWsVuaIC5Qy+HSRwmPcVSCXpg",
            "6f7MvJaUEs5D0gulh5Z5ZMcz+DdhJdQ3JAx+uOS3skcNkk82D15reOL00XmShxiWSLJFLUANENs1e3rvuCSZ/I6mZUKPNhJlcOXk",
            "bl75pHk+an+WhyA0KgMCbc7NU2bgZCX5o7C/COxqFNhVWWAZGoXSKmaJ7W4ACKnvnY+AVkLHP5oyE368NnLTISQKuepn/uYJh1MK",
            "LOUeFLi/Hl6txBLe/ymxhPrmSpQUeTIBDG4GCeIqj96yLAJtRefpOSlfkN0afZbdZqe6XUGFW+NFQPXBq8ZqWNKctM6PQrLx5YEb",
            "rZx9ka/eT3yYa47cb+fFDdK2vwFQSwECFAMUAAAACAAltoZd5rh0a1wAAABiAAAAEwAAAAAAAAAAAAAAgAEAAAAAW0NvbnRlbnRf",
            "VHlwZXNdLnhtbFBLAQIUAxQAAAAIACW2hl0FW23qsQAAAAgBAAAPAAAAAAAAAAAAAACAAY0AAAB4bC93b3JrYm9vay54bWxQSwEC",
            "FAMUAAAACAAltoZd8KZigaYAAAAXAQAAGgAAAAAAAAAAAAAAgAFrAQAAeGwvX3JlbHMvd29ya2Jvb2sueG1sLnJlbHNQSwECFAMU",
            "AAAACAAltoZdEUKLTMQAAACUAQAAFAAAAAAAAAAAAAAAgAFJAgAAeGwvc2hhcmVkU3RyaW5ncy54bWxQSwECFAMUAAAACAAltoZd",
            "Sk8WKnsCAACbBwAAGAAAAAAAAAAAAAAAgAE/AwAAeGwvd29ya3NoZWV0cy9zaGVldDEueG1sUEsFBgAAAAAFAAUATgEAAPAFAAAA",
            "AA==",
        ].joined())!

    @Test("The fuzzer's workbook is answered within seconds")
    func answered() {
        let done = DispatchSemaphore(value: 0)
        let workbook = Self.endless
        Thread.detachNewThread {
            _ = try? XLSXWorkbook(data: workbook)  // try?: only whether it returns is asked here
            done.signal()
        }
        #expect(done.wait(timeout: .now() + 20) == .success, "the import still runs after 20 s")
    }

    @Test("It is refused with a reason, and a sound workbook still reads")
    func refused() throws {
        #expect(throws: RopaImportError.self) { try XLSXWorkbook(data: Self.endless) }
        let sound = try HostileWorkbook.sheet(
            #"<row r="2"><c r="A2" t="inlineStr"><is><t>Support</t></is></c></row>"#)
        #expect(try XLSXWorkbook(data: sound).sheets.count == 1)
    }
}
