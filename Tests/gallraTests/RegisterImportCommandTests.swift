import Foundation
import GallraTestSupport
import Testing

/// `gallra register import` on a workbook laid out as the supervisory authority's template: a
/// controller block above the header, a title merged across the columns, a legal basis merged
/// over two rows, and a sheet of instructions before the register.
@Suite("CLI: register import from a workbook")
struct RegisterImportCommandTests {
    static func template() throws -> Data {
        let header: [XLSXFixture.Cell] = [
            "Ändamål med behandlingen", "Kategorier av registrerade", "Kategorier av personuppgifter",
            "Kategorier av mottagare", "Överföring till tredje land", "Lagringstid/gallringsfrister", "Rättslig grund",
            "Tekniska och organisatoriska säkerhetsåtgärder",
        ].map { .shared($0) }
        let register = XLSXFixture.Sheet(
            name: "Registerförteckning",
            rows: [
                (1, [.shared("Registerförteckning enligt artikel 30 i dataskyddsförordningen")]),
                (2, [.shared("Personuppgiftsansvarig"), .shared("Exempel Fastigheter AB")]),
                (3, [.shared("Organisationsnummer"), .number("5560123456")]),
                (4, [.shared("E-post"), .inline("dataskydd@exempelfastigheter.se")]),
                (6, header),
                (
                    7,
                    [
                        .shared("Hyresadministration"), .shared("Hyresgäster"),
                        .shared("Namn, personnummer, kontaktuppgifter"), .shared("Inkassobolag"), .shared("Nej"),
                        .shared("Avtalstiden + 2 år"), .shared("Avtal"), .shared("Behörighetsstyrning"),
                    ]
                ),
                (
                    8,
                    [
                        .shared("Felanmälan"), .shared("Hyresgäster"), .inline("Namn, telefonnummer, ärendeuppgifter"),
                        .shared("-"), .shared("Nej"), .shared("2 år efter att ärendet avslutats"), .empty,
                        .shared("Behörighetsstyrning"),
                    ]
                ),
                (
                    9,
                    [
                        .shared("Marknadsföring av lediga lägenheter"), .shared("Intressenter"),
                        .shared("E-postadress"),
                        .shared("Nyhetsbrevstjänst (USA)"), .shared("USA"), .shared("Tills du avregistrerar dig"),
                        .shared("Samtycke"), .empty,
                    ]
                ),
            ],
            merges: ["A1:H1", "G7:G8"])
        let instructions = XLSXFixture.Sheet(
            name: "Instruktioner",
            rows: [(1, [.shared("Fyll i en rad per behandling.")]), (2, [.shared("Se fliken Registerförteckning.")])])
        return try XLSXFixture.workbook([instructions, register])
    }

    @Test(
        "A workbook becomes a draft register: the controller, one activity per row, the decisions left by sheet and row"
    )
    func importsTemplate() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Self.template().write(to: directory.appendingPathComponent("ropa.xlsx"))

        let result = try GallraProcess.run(["register", "import", "ropa.xlsx", "--out", "draft.yaml"], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        let stderr = result.stderr.split(separator: "\n").map(String.init)
        #expect(stderr.first == "ropa.xlsx: 3 activities; 3 retention rules read; 3 decisions left")
        #expect(stderr.dropFirst().first == "ropa.xlsx: Recognised: IMY model register")
        #expect(stderr.contains { $0.hasPrefix("ropa.xlsx:Registerförteckning!7: deklarera mottagarna") })
        #expect(stderr.contains { $0.hasPrefix("ropa.xlsx:Registerförteckning!9: deklarera överföringen") })

        let yaml = try String(contentsOf: directory.appendingPathComponent("draft.yaml"), encoding: .utf8)
        #expect(yaml.contains("name: \"Exempel Fastigheter AB\""))
        #expect(yaml.contains("organisation_number: \"5560123456\""))
        #expect(yaml.contains("email: \"dataskydd@exempelfastigheter.se\""))
        #expect(yaml.contains("retention: \"contract.end + 2y\""))
        #expect(yaml.contains("retention: \"case.closed + 2y\""))
        #expect(yaml.contains("retention: \"objection\""))
        #expect(yaml.contains("data: [name, phone, case_content]"), "an inline string is read")
        // The legal basis merged over two rows belongs to both.
        #expect(yaml.components(separatedBy: "legal_basis: [contract]").count == 3)
        #expect(yaml.contains("- { id: hyresgaster, name: { sv: \"Hyresgäster\" } }"))

        // The draft is refused until the decisions are made, each named on its line.
        let check = try GallraProcess.run(["register", "check", "draft.yaml"], in: directory)
        #expect(check.status != 0)
        #expect(check.stderr.components(separatedBy: "decision left: ").count == 4)
        #expect(check.stderr.contains("draft.yaml: refused, 3 errors."))
    }

    @Test("--sheet reads one sheet; a sheet that is not there, or holds no register, is refused with the reason")
    func sheets() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Self.template().write(to: directory.appendingPathComponent("ropa.xlsx"))

        let one = try GallraProcess.run(
            ["register", "import", "ropa.xlsx", "--sheet", "Registerförteckning"], in: directory)
        #expect(one.status == 0)
        #expect(one.stdout.contains("activities:"))
        let missing = try GallraProcess.run(["register", "import", "ropa.xlsx", "--sheet", "Blad1"], in: directory)
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("no sheet \"Blad1\" (it has \"Instruktioner\", \"Registerförteckning\")"))
        let instructions = try GallraProcess.run(
            ["register", "import", "ropa.xlsx", "--sheet", "Instruktioner"], in: directory)
        #expect(instructions.status != 0)
        #expect(instructions.stderr.contains("no header row found"))
        let broken = directory.appendingPathComponent("broken.xlsx")
        try Data("PK\u{3}\u{4} not really a zip".utf8).write(to: broken)
        let refused = try GallraProcess.run(["register", "import", "broken.xlsx"], in: directory)
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("broken.xlsx"))
    }

    @Test(
        "A hostile workbook or an oversized file is refused naming the limit, and the command ends as it should (issue 29)"
    )
    func hostileFiles() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let files: [(String, Data, String)] = [
            (
                "bomb.xlsx", try HostileWorkbook.inflating(sheets: 1, bytes: 1 << 30, content: .zeros),
                "bomb.xlsx: the workbook's part xl/worksheets/sheet1.xml inflates to more than"
            ),
            (
                "overflow.xlsx", try HostileWorkbook.sheet(#"<row r="2"><c r="ZZZZZZZZZZZZZZZZ1"><v>1</v></c></row>"#),
                "beyond column XFD; the limit is 16,384 columns, as in Excel."
            ),
            (
                "merge.xlsx", try HostileWorkbook.sheet("", merges: ["B5:A1", "A1:XFD1048576"]),
                "the limit is 1,000,000 cells."
            ),
            (
                "large.csv", Data(repeating: UInt8(ascii: "a"), count: 11 * 1024 * 1024),
                "large.csv: the file is larger than 10 MiB; the limit is 10 MiB."
            ),
        ]
        for (name, data, message) in files {
            try data.write(to: directory.appendingPathComponent(name))
            let result = try GallraProcess.run(["register", "import", name], in: directory)
            #expect(result.status == 1, "\(name): \(result.stderr)")
            #expect(result.stderr.contains(message), "\(name): \(result.stderr)")
            #expect(result.stdout.isEmpty)
        }
    }
}
