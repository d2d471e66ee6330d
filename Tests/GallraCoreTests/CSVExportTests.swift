import Foundation
import Testing

@testable import GallraCore

/// The register's CSV export opens in a spreadsheet as text, never as a formula.
@Suite("CSV export")
struct CSVExportTests {
    @Test("A field a spreadsheet would read as a formula gets a leading apostrophe and quotes (OWASP CSV injection)")
    func formulasNeutralised() throws {
        let yaml = try contents("examples/customer-contacts.yaml")
            .replacingOccurrences(
                of: #"name: { en: "Contact person registration", sv: "Registrering av kontaktperson" }"#,
                with: #"name: { en: '=HYPERLINK("http://x","y")', sv: "Registrering av kontaktperson" }"#
            )
            .replacingOccurrences(
                of: #"purpose: { en: "To register you as the customer's contact person""#,
                with: #"purpose: { en: "@SUM(1+1)""#)
        let register = try RegisterReader.read(yaml: yaml, file: "customer-contacts.yaml")
        let csv = register.exportCSV(language: .en)
        let row = try #require(csv.split(separator: "\r\n").first { $0.hasPrefix("contact-person,") })
        #expect(row.hasPrefix(#"contact-person,"'=HYPERLINK(""http://x"",""y"")","'@SUM(1+1)","#), "\(row)")
    }

    @Test(
        "Each character that starts a formula is neutralised; others are left alone",
        arguments: [
            ("=1+1", "\"'=1+1\""), ("+46 70", "\"'+46 70\""), ("-2", "\"'-2\""), ("@cmd", "\"'@cmd\""),
            ("\tx", "\"'\tx\""), ("\rx", "\"'\rx\""), ("\r\nx", "\"'\r\nx\""), ("a=b", "a=b"), ("", ""),
            ("a, b", "\"a, b\""), ("7 år", "7 år"),
        ])
    func field(value: String, expected: String) {
        #expect(Register.csvField(value) == expected)
    }
}
