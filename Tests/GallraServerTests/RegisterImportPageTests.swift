import Foundation
import GallraCore
import GallraServer
import GallraServices
import GallraStore
import GallraTestSupport
import Hummingbird
import HummingbirdTesting
import Testing

/// The register page takes the company's spreadsheet, or the table pasted from it, and shows
/// the draft register with each decision left flagged on its line.
@Suite("The admin UI: a ROPA spreadsheet as a draft register")
struct RegisterImportPageTests {
    static let csv = """
        Ändamål;Kategorier av registrerade;Kategorier av personuppgifter;Rättslig grund;Lagringstid
        Löneutbetalning;Anställda;Namn, personnummer;Avtal, Rättslig förpliktelse;7 år enligt bokföringslagen
        Kameraövervakning;Besökare;Bilder;Intresseavvägning;minst 30 dagar
        """

    @Test("A spreadsheet sent as the page sends it, a pasted table, and what is refused")
    func importsSpreadsheet() async throws {
        let test = try await TestStore.make(.sqlite)
        let store = try await test.openWithRegister()
        let gallra = Gallra(store: store)
        let password = "a password of some length"
        _ = try await gallra.addUser(
            email: "officer@example.se", access: Access(role: .privacyOfficer), password: password,
            by: .user("setup"))
        let app = buildApplication(gallra: Gallra(store: store), configuration: ServerConfiguration())
        try await app.test(.router) { client in
            let cookie = try await AuthorizationTests.signIn(client, email: "officer@example.se", password: password)
            let csrf = try await AuthorizationTests.csrf(client, cookie: cookie)
            func post(_ body: String) async throws -> (HTTPResponse.Status, String) {
                let response = try await client.execute(
                    uri: "/admin/register/import", method: .post,
                    headers: [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"],
                    body: ByteBuffer(string: body + "&csrf=\(csrf)"))
                return (response.status, String(buffer: response.body))
            }
            func encoded(_ text: String) -> String {
                text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
            }
            // As the page's script sends a chosen file: its bytes in base64, its name beside.
            let bytes = try #require(Self.csv.data(using: .windowsCP1252))
            let (status, page) = try await post(
                "file_name=ropa.csv&file_data=\(encoded(bytes.base64EncodedString()))&table=")
            #expect(status == .unprocessableContent, "a draft with a decision left is refused until decided")
            #expect(page.contains("ropa.csv: behandlingar: 2, lästa lagringsregler: 1, beslut kvar att fatta: 1"))
            #expect(page.contains("Ingen känd mall: kolumnerna hittades på sina rubriker."))
            #expect(page.contains("Löneutbetalning"), "Windows-1252 read as such")
            #expect(
                page.contains("beslut kvar: bestäm lagringsregeln: &quot;minst&quot; gör perioden till en minsta tid"))
            let flagged = page.components(separatedBy: "class=\"flagged\"").count - 1
            #expect(flagged == 1, "the decision's line, and no other, is flagged")
            #expect(page.contains("action=\"/admin/register/review\""), "the draft can be decided and checked again")
            #expect(page.contains("retention: &quot;end-of-year(fiscal-year.end) + 7y&quot;"))

            // A table pasted from the spreadsheet arrives tab-separated.
            let pasted = Self.csv.replacingOccurrences(of: ";", with: "\t")
            let (pastedStatus, pastedPage) = try await post("file_name=&file_data=&table=\(encoded(pasted))")
            #expect(pastedStatus == .unprocessableContent)
            #expect(pastedPage.contains("pasted.txt: behandlingar: 2"))

            // The ICO's controller template, its header below the controller's details, is named.
            let ico = [
                "Name and contact details\tName\tEmail",
                "Controller\tBrightwater Ltd\tprivacy@brightwater.co.uk",
                "",
                "Business function\tPurpose of processing\tCategories of individuals\tCategories of personal data\tRetention schedule (if possible)\tArticle 6 lawful basis for processing personal data",
                "e.g. Finance\te.g. Payroll\t\t\t\t",
                "HR\tPayroll\tEmployees\tName, Bank details\t6 years after employment finishes\tArticle 6(1)(c) legal obligation",
            ].joined(separator: "\n")
            let (icoStatus, icoPage) = try await post("file_name=ico.txt&file_data=&table=\(encoded(ico))")
            #expect(icoStatus == .unprocessableContent, "the law behind the legal obligation is left to decide")
            #expect(icoPage.contains("ico.txt: behandlingar: 1, lästa lagringsregler: 1"))
            #expect(icoPage.contains("Igenkänd mall: ICO:s mall för personuppgiftsansvariga."))
            #expect(icoPage.contains("retention: &quot;employment.end + 6y&quot;"))

            let (emptyStatus, emptyPage) = try await post("file_name=&file_data=&table=")
            #expect(emptyStatus.code == 400 || emptyStatus.code == 422)
            #expect(emptyPage.contains("Välj ett kalkylark, eller klistra in tabellen."))
            let (notTable, notTablePage) = try await post("table=\(encoded("Hej hej\nhopp"))")
            #expect(notTable.code >= 400 && notTable.code < 500)
            #expect(notTablePage.contains("ingen tabell hittades"))

            // Issue 29: a zip bomb, a vast merge and a column past XFD are refused by name, and
            // the server goes on answering.
            let hostile: [(String, Data, String)] = [
                (
                    "bomb.xlsx", try HostileWorkbook.inflating(sheets: 1, bytes: 1 << 30, content: .zeros),
                    "packas upp till mer än"
                ),
                (
                    "merge.xlsx", try HostileWorkbook.sheet("", merges: ["B5:A1", "A1:XFD1048576"]),
                    "gränsen är 1,000,000 celler"
                ),
                (
                    "wide.xlsx", try HostileWorkbook.sheet(#"<row r="2"><c r="ZZZZZZZZZZZZZZZZ1"><v>1</v></c></row>"#),
                    "bortom kolumn XFD; gränsen är 16,384 kolumner"
                ),
            ]
            for (name, data, message) in hostile {
                let (status, page) = try await post(
                    "file_name=\(name)&file_data=\(encoded(data.base64EncodedString()))&table=")
                #expect(status == .badRequest || status == .unprocessableContent, "\(name)")
                #expect(page.contains(message), "\(name)")
            }
            let (again, _) = try await post(
                "file_name=ropa.csv&file_data=\(encoded(bytes.base64EncodedString()))&table=")
            #expect(again == .unprocessableContent, "the server still reads a register")
        }
        #expect(try await gallra.register(by: .user("setup")).version == 1, "nothing was applied")
        await store.close()
    }
}
