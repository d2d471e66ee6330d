import Foundation
import Testing

@testable import GallraCore

/// `gallra register import`: the company's own ROPA table as a draft register.
@Suite("Importing a ROPA table as a draft register")
struct RopaImportTests {
    /// The two ROPA tables of `shared/seeds/`, copied as fixtures so a clone tests alone.
    static func draft(_ seed: String) throws -> RopaDraft {
        let text = try contents("Tests/GallraCoreTests/Fixtures/ropa-seed-\(seed.prefix(3)).txt")
        return try RopaImporter.draft(RopaTextTable.grid(text: text, fileExtension: "txt"), source: seed)
    }

    /// Decides every TODO as a person would — a value in its place, the comment gone — and
    /// nothing else.
    static func decided(_ yaml: String) -> String {
        let values = [
            "name": "\"Exempel AB\"", "email": "\"dataskydd@exempel.se\"", "data_subjects": "[customers]",
            "data": "[name]", "legal_basis": "[contract]", "law": "\"Lag (2000:1)\"", "retention": "\"collected + 1y\"",
        ]
        return yaml.split(separator: "\n", omittingEmptySubsequences: false).compactMap { line -> String? in
            guard let marker = line.range(of: "# TODO:") else { return String(line) }
            let before = line[..<marker.lowerBound]
            let key = before.trimmingCharacters(in: .whitespaces).prefix { $0 != ":" }
            guard !key.isEmpty, let value = values[String(key)] else { return nil }
            let indent = before.prefix { $0 == " " }
            return "\(indent)\(key): \(value)"
        }.joined(separator: "\n")
    }

    static func register(_ draft: RopaDraft) throws -> Register {
        let check = RegisterReader.check(yaml: decided(draft.yaml))
        #expect(check.errors.isEmpty, "\(check.errors.map(\.message))")
        return try #require(check.register)
    }

    @Test("The Swedish table of cells ending in \" |\": one activity per row, every retention read")
    func swedishSeed() throws {
        let draft = try Self.draft("001_71e39dd6fb71a85d.txt")
        #expect(draft.activityCount == 23)
        #expect(draft.rulesRead == 23)
        let register = try Self.register(draft)
        #expect(register.activities.count == 23)
        let purchase = try #require(register.activities.first)
        #expect(purchase.name.sv == "Köp av produkt eller tjänst via någon av våra kanaler/kundreskontra")
        #expect(purchase.purpose.sv == "Leverera varan/tjänsten")
        #expect(purchase.dataSubjects == ["customers"])
        #expect(purchase.data == ["contact_details", "address", "billing"])
        #expect(purchase.legalBasis == [.contract])
        #expect(purchase.retention.description == "contract.end + 1y")
        #expect(purchase.retentionText?.sv == "Avtalstiden + 1 år")
        let phone = try #require(register.activities.first { $0.id == "kontakt-via-telefon" })
        #expect(phone.legalBasis == [.legitimateInterests, .contract])
        #expect(phone.data == ["contact_details", "recordings"])
        let support = try #require(register.activities.first { $0.id == "overforing-av-kundfiler" })
        #expect(support.retention.description == "min(case.closed + 7d, collected + 12mo)")
        let remote = try #require(register.activities.first { $0.id == "fjarrstyrning-av-kunddator" })
        #expect(remote.retention == .none)
        let agreements = try #require(
            register.activities.first { $0.name.sv?.hasPrefix("Register över ingångna") == true })
        #expect(agreements.legalBasis == [.legalObligation])
        #expect(agreements.law == "Dataskyddsförordningen (EU) 2016/679")
        // A category the vocabulary lacks is the register's own, named as the table names it.
        let applicants = try #require(register.activities.first { $0.id == "arbetssokande-specifik-tjanst" })
        #expect(applicants.data.contains("prestationsrelaterade"))
        #expect(
            register.categories.contains { $0.id == "prestationsrelaterade" && $0.name.sv == "prestationsrelaterade" })
    }

    @Test("The Swedish table leaves exactly the decisions a person must make, each with its row")
    func swedishDecisions() throws {
        let draft = try Self.draft("001_71e39dd6fb71a85d.txt")
        let messages = draft.decisions.map(\.message)
        // A Swedish table's decisions are noted in Swedish.
        #expect(messages.filter { $0.hasPrefix("den personuppgiftsansvariges") }.count == 2)
        #expect(messages.filter { $0.hasPrefix("ange lagen") }.count == 2)
        #expect(messages.filter { $0.contains("\"Alla kategorier") }.count == 6)
        #expect(draft.decisions.count == 10)
        // Leverantörsreskontra, a legal obligation whose law the table does not name, is row 43.
        #expect(draft.decisions.contains { $0.reference == "43" && $0.message.hasPrefix("ange lagen") })
    }

    @Test("The English tab-separated table: bases and categories written without separators, a continued cell")
    func englishSeed() throws {
        let draft = try Self.draft("000_74611d85219b04b6.txt")
        #expect(draft.activityCount == 7)
        #expect(draft.rulesRead == 1)
        let register = try Self.register(draft)
        let contact = register.activities[0]
        #expect(contact.data == ["name", "position", "company", "email", "phone"])
        #expect(contact.legalBasis == [.legitimateInterests])
        #expect(contact.retention.description == "max(position.end, contract.end)")
        let invoices = register.activities[3]
        #expect(invoices.legalBasis == [.contract, .legitimateInterests, .legalObligation])
        #expect(invoices.law == "Bokföringslagen (1999:1078) 7 kap. 2 §")
        // The row below that holds only "Further, … (the Swedish Accounting Act)" continues it.
        #expect(invoices.retentionText?.en?.hasSuffix("(the Swedish Accounting Act)") == true)
        #expect(register.activities[6].legalBasis == [.contract])
        // Every retention but the first is refused by the reader, so each is a decision with the reason.
        let retention = draft.decisions.filter { $0.message.hasPrefix("decide the retention rule") }
        #expect(retention.count == 6)
        #expect(retention.contains { $0.reference == "12" && $0.message.contains("split the activity") })
        #expect(draft.decisions.filter { $0.message.contains("categories of data subjects") }.count == 7)
    }

    @Test("register check refuses a draft naming each decision left, on its line")
    func checkNamesDecisions() throws {
        let draft = try Self.draft("000_74611d85219b04b6.txt")
        let check = RegisterReader.check(yaml: draft.yaml)
        #expect(check.register == nil)
        #expect(check.errors.count == draft.decisions.count)
        #expect(check.errors.allSatisfy { $0.message.hasPrefix("decision left: ") })
        let lines = draft.yaml.split(separator: "\n", omittingEmptySubsequences: false)
        for error in check.errors {
            #expect(lines[error.line - 1].contains("# TODO:"))
        }
    }

    @Test("A semicolon CSV in Windows-1252, as a Swedish Excel saves it, with a template's controller block")
    func semicolonWindows1252() throws {
        let csv = """
            Registerförteckning;;;;
            Personuppgiftsansvarig;Exempel Bygg AB;;;
            Organisationsnummer;556677-8899;;;
            E-post;dataskydd@exempelbygg.se;;;
            ;;;;
            Ändamål;Kategorier av registrerade;Kategorier av personuppgifter;Rättslig grund;Lagringstid
            Löneutbetalning;Anställda;"Namn; personnummer; kontonummer";Avtal, Rättslig förpliktelse;"7 år enligt bokföringslagen"
            "Rekrytering
            (intervjuer)";Arbetssökande;CV och personligt brev;Intresseavvägning;6 månader efter avslutad rekrytering
            Kameraövervakning;Besökare;Bilder;Intresseavvägning;minst 30 dagar

            """.replacingOccurrences(of: "\n", with: "\r\n")
        let bytes = try #require(csv.data(using: .windowsCP1252))
        #expect(String(data: bytes, encoding: .utf8) == nil, "the bytes are not UTF-8")
        let text = RopaTextTable.decode(bytes)
        #expect(text.contains("Löneutbetalning"))
        let draft = try RopaImporter.draft(RopaTextTable.grid(text: text, fileExtension: "csv"), source: "ropa.csv")
        #expect(draft.activityCount == 3)
        let check = RegisterReader.check(yaml: Self.decided(draft.yaml))
        let register = try #require(check.register, "\(check.errors.map(\.message))")
        #expect(register.controller.name == "Exempel Bygg AB")
        #expect(register.controller.organisationNumber == "556677-8899")
        #expect(register.controller.email == "dataskydd@exempelbygg.se")
        let payroll = register.activities[0]
        #expect(payroll.data == ["name", "personal_identity_number", "payment"])
        #expect(payroll.legalBasis == [.contract, .legalObligation])
        #expect(payroll.law == "Bokföringslagen (1999:1078) 7 kap. 2 §")
        #expect(payroll.retention.description == "end-of-year(fiscal-year.end) + 7y")
        let recruitment = register.activities[1]
        #expect(recruitment.name.sv == "Rekrytering")
        #expect(recruitment.data == ["application"])
        #expect(recruitment.retention.description == "recruitment.end + 6mo")
        // "minst 30 dagar" is a minimum: a decision, with the reason, beside the wording.
        #expect(
            draft.decisions.map(\.message) == [
                "bestäm lagringsregeln: \"minst\" gör perioden till en minsta tid, inte dagen uppgifterna raderas"
            ])
        #expect(draft.decisions[0].reference == "10", "the line the row starts on, after a cell of two lines")
        #expect(draft.yaml.contains("retention_text: { sv: \"minst 30 dagar\" }"))
    }

    @Test("A table that is not a register is refused with the reason")
    func notARegister() {
        #expect(throws: RopaImportError.self) {
            try RopaImporter.draft(RopaTextTable.grid(text: "a;b\n1;2\n", fileExtension: "csv"), source: "x.csv")
        }
        #expect(throws: RopaImportError.self) {
            try RopaTextTable.grid(text: "just some words\n", fileExtension: "txt")
        }
    }
}
