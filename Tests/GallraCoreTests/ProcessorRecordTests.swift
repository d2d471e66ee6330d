import Foundation
import Testing

@testable import GallraCore

/// The record a processor keeps (GDPR Art. 30(2)): read and checked from the register's
/// `processor` section, and exported beside the controller's own record.
@Suite("The record kept as a processor (Art. 30(2))")
struct ProcessorRecordTests {
    static let controllerPart = """
        version: 1
        controller:
          name: Exempel Programvara AB
          organisation_number: "556000-0000"
          email: dataskydd@exempel.se
          automated_decisions: none
        activities:
          - id: support
            name: { sv: "Kundsupport", en: "Customer support" }
            purpose: { sv: "Att hjälpa kunder med deras frågor", en: "To help customers with their questions" }
            data_subjects: [customers]
            data: [email]
            legal_basis: [contract]
            retention: "collected + 1y"
            security: { sv: "Kryptering", en: "Encryption" }

        """

    static let processorPart = """
        processor:
          representative: { name: "Ombud i EU", email: ombud@example.eu }
          security:
            sv: "Kunddata hålls åtskild och krypteras; åtkomst loggas"
            en: "Customer data is kept apart and encrypted; access is logged"
          controllers:
            - id: kund-nord
              name: "Kundföretaget Nord AB"
              organisation_number: "556111-2222"
              email: dataskydd@kundnord.se
              phone: "+46 90 000 00 00"
              representative: { name: "Nords företrädare", email: foretradare@kundnord.se }
              dpo: { name: "Nords dataskyddsombud", email: dpo@kundnord.se }
              agreement: { signed: 2025-03-01, reference: "PUBA-2025-07" }
              processing:
                - { sv: "Drift av ärendehanteringssystem", en: "Running the ticketing system" }
                - Backup
              transfers:
                - country: us
                  recipient: "Utskickstjänst Inc."
                  safeguard: standard_contractual_clauses
                - organisation: "Internationella supportorganisationen"
                  safeguard: derogation
                  compelling_legitimate_interests: true
                  documentation: { sv: "Bedömning 2025-04 med pseudonymisering", en: "Assessment 2025-04 with pseudonymisation" }
            - id: kund-syd
              name: "Kund Syd AB"
              address: "Södergatan 1, 211 00 Malmö"
              agreement: { reference: "PUBA-2025-09" }
              processing: { sv: "Lagring av fakturor", en: "Storing invoices" }

        """

    static var good: Register {
        get throws { try RegisterReader.read(yaml: controllerPart + processorPart, file: "r") }
    }

    @Test("A register with a processor's record is read whole: the processor, each controller, (a) to (d)")
    func readsRecord() throws {
        let check = RegisterReader.check(yaml: Self.controllerPart + Self.processorPart)
        #expect(check.problems.isEmpty, "\(check.problems)")
        let record = try #require(check.register?.processorRecord)
        // The processor is the company itself, with its own representative.
        #expect(record.processor.name == "Exempel Programvara AB")
        #expect(record.processor.email == "dataskydd@exempel.se")
        #expect(record.processor.representative?.name == "Ombud i EU")
        #expect(record.controllers.map(\.id) == ["kund-nord", "kund-syd"])
        let nord = try #require(record.controller("kund-nord"))
        #expect(nord.dpo?.email == "dpo@kundnord.se")
        #expect(nord.representative?.name == "Nords företrädare")
        #expect(nord.agreement?.signed == CivilDate(iso: "2025-03-01"))
        #expect(nord.processing.map { $0[.en] } == ["Running the ticketing system", "Backup"])
        #expect(nord.transfers.count == 2)
        #expect(nord.transfers[0].country == "US" && nord.transfers[0].safeguard == .standardContractualClauses)
        #expect(nord.transfers[1].organisation == "Internationella supportorganisationen")
        #expect(nord.transfers[1].compellingLegitimateInterests)
        #expect(record.controller("kund-syd")?.processing.map { $0[.sv] } == ["Lagring av fakturor"])
        #expect(record.security?[.sv] == "Kunddata hålls åtskild och krypteras; åtkomst loggas")
    }

    @Test("A register without the section keeps no processor's record, and exports as before")
    func withoutSection() throws {
        let register = try RegisterReader.read(yaml: Self.controllerPart, file: "r")
        #expect(register.processorRecord == nil)
        #expect(!register.exportJSON(language: .sv).description.contains("\"processor\""))
        #expect(!register.art30Document(.sv).html.contains("30.2"))
        #expect(
            register.exportProcessorCSV(language: .sv) == Register.processorCSVColumns.joined(separator: ",") + "\r\n")
        let dpv = register.exportDPV(language: .en).description
        #expect(!dpv.contains("dpv:DataProcessor\""))
    }

    /// Each wrong processor's record, the line the problem is reported on (found by the text on
    /// it), and what the message says.
    static let broken: [(name: String, processor: String, line: String, message: String)] = [
        (
            // A mapping is reported at its first line.
            "no controllers", "processor:\n  security: Kryptering\n", "security: Kryptering",
            "the processor's record names no controller it processes for (\"controllers\", Art. 30(2)(a))"
        ),
        (
            "a controller without a name",
            "processor:\n  controllers:\n    - id: kund\n      email: a@b.se\n      processing: [Drift]\n",
            "- id: kund", "controller \"kund\" is missing \"name\""
        ),
        (
            "a controller without contact details",
            "processor:\n  controllers:\n    - id: kund\n      name: Kund AB\n      processing: [Drift]\n",
            "- id: kund",
            "controller \"kund\" has no contact details: give an \"email\", a \"phone\" or an \"address\" (Art. 30(2)(a))"
        ),
        (
            "a controller without processing",
            "processor:\n  controllers:\n    - id: kund\n      name: Kund AB\n      email: a@b.se\n", "- id: kund",
            "controller \"kund\" is missing \"processing\" (the categories of processing carried out on its behalf, Art. 30(2)(b))"
        ),
        (
            "an empty list of processing",
            "processor:\n  controllers:\n    - id: kund\n      name: Kund AB\n      email: a@b.se\n      processing: []\n",
            "processing: []",
            "controller \"kund\" is missing \"processing\" (the categories of processing carried out on its behalf, Art. 30(2)(b))"
        ),
        (
            "a controller twice",
            "processor:\n  controllers:\n    - id: kund\n      name: Kund AB\n      email: a@b.se\n      processing: [Drift]\n    - { id: kund, name: Kund 2 AB, email: b@b.se, processing: [Drift] }\n",
            "Kund 2 AB", "duplicate controller id \"kund\" (first declared on line"
        ),
        (
            "a transfer without a safeguard",
            "processor:\n  controllers:\n    - id: kund\n      name: Kund AB\n      email: a@b.se\n      processing: [Drift]\n      transfers:\n        - country: US\n",
            "- country: US", "a transfer of controller \"kund\" has no \"safeguard\" (Art. 44–49)"
        ),
        (
            "a transfer with an unknown safeguard",
            "processor:\n  controllers:\n    - id: kund\n      name: Kund AB\n      email: a@b.se\n      processing: [Drift]\n      transfers:\n        - country: US\n          safeguard: promises\n",
            "safeguard: promises", "\"promises\" is not a valid safeguard (one of adequacy_decision"
        ),
        (
            "a transfer to nowhere",
            "processor:\n  controllers:\n    - id: kund\n      name: Kund AB\n      email: a@b.se\n      processing: [Drift]\n      transfers:\n        - safeguard: standard_contractual_clauses\n",
            "- safeguard: standard_contractual_clauses",
            "a transfer of controller \"kund\" names neither a \"country\" nor an \"organisation\" (Art. 30(2)(c): the third country or international organisation)"
        ),
        (
            "a transfer within the EU/EEA",
            "processor:\n  controllers:\n    - id: kund\n      name: Kund AB\n      email: a@b.se\n      processing: [Drift]\n      transfers:\n        - country: DE\n          safeguard: standard_contractual_clauses\n",
            "- country: DE",
            "a transfer of controller \"kund\" goes to DE, inside the EU/EEA: list only transfers to third countries (Art. 30(2)(c))"
        ),
        (
            "a country that is no code",
            "processor:\n  controllers:\n    - id: kund\n      name: Kund AB\n      email: a@b.se\n      processing: [Drift]\n      transfers:\n        - country: Amerika\n          safeguard: standard_contractual_clauses\n",
            "- country: Amerika",
            "\"AMERIKA\" is not a country code (ISO 3166-1 alpha-2, such as US) in a transfer of controller \"kund\""
        ),
        (
            "a transfer to a country and an organisation",
            "processor:\n  controllers:\n    - id: kund\n      name: Kund AB\n      email: a@b.se\n      processing: [Drift]\n      transfers:\n        - country: US\n          organisation: FN\n          safeguard: derogation\n",
            "- country: US",
            "a transfer of controller \"kund\" names both a \"country\" and an \"organisation\"; give one per transfer"
        ),
        (
            "Art. 49(1) second subparagraph without documentation",
            "processor:\n  controllers:\n    - id: kund\n      name: Kund AB\n      email: a@b.se\n      processing: [Drift]\n      transfers:\n        - country: US\n          safeguard: derogation\n          compelling_legitimate_interests: true\n",
            "- country: US",
            "a transfer of controller \"kund\" under the second subparagraph of Art. 49(1) needs the \"documentation\" of its suitable safeguards (Art. 30(2)(c), Art. 49(6))"
        ),
        (
            "Art. 49(1) second subparagraph on another safeguard",
            "processor:\n  controllers:\n    - id: kund\n      name: Kund AB\n      email: a@b.se\n      processing: [Drift]\n      transfers:\n        - country: US\n          safeguard: standard_contractual_clauses\n          compelling_legitimate_interests: true\n          documentation: Bedömning\n",
            "compelling_legitimate_interests: true",
            "a transfer of controller \"kund\" rests on compelling legitimate interests (Art. 49(1), second subparagraph) but its safeguard is not \"derogation\""
        ),
        (
            "an unknown field",
            "processor:\n  secutity: Kryptering\n  controllers:\n    - id: kund\n      name: Kund AB\n      email: a@b.se\n      processing: [Drift]\n",
            "secutity: Kryptering", "unknown field \"secutity\" in the processor's record (did you mean \"security\"?)"
        ),
        (
            "an unknown field of a controller",
            "processor:\n  controllers:\n    - id: kund\n      name: Kund AB\n      email: a@b.se\n      processing: [Drift]\n      transfer: []\n",
            "transfer: []",
            "unknown field \"transfer\" in a controller of the processor's record (did you mean \"transfers\"?)"
        ),
    ]

    @Test("Each wrong processor's record is refused whole, the problem named on its line", arguments: broken.indices)
    func refused(index: Int) throws {
        let example = Self.broken[index]
        let yaml = Self.controllerPart + example.processor
        let check = RegisterReader.check(yaml: yaml)
        #expect(check.register == nil, "\(example.name): refused whole")
        let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
        let line = try #require(lines.firstIndex { $0.contains(example.line) }) + 1
        #expect(
            check.errors.contains { $0.line == line && $0.message.hasPrefix(example.message) },
            "\(example.name): \(check.errors.map(\.description))")
        #expect(check.errors.count == 1, "\(example.name): only the one problem, \(check.errors.map(\.description))")
    }

    @Test("A record without security measures or a controller without an agreement is kept, with a warning each")
    func warnings() throws {
        let yaml =
            Self.controllerPart
            + "processor:\n  controllers:\n    - id: kund\n      name: Kund AB\n      email: a@b.se\n      processing: [Drift]\n"
        let check = RegisterReader.check(yaml: yaml)
        #expect(check.register?.processorRecord != nil)
        let warnings = check.warnings.map(\.message)
        #expect(
            warnings.contains(
                "the processor's record does not describe its security measures (\"security\", Art. 30(2)(d), Art. 32(1))"
            ))
        #expect(warnings.contains("controller \"kund\" has no processing agreement (\"agreement\", Art. 28(3))"))
        // The document says the measures are not described rather than leaving the point out.
        #expect(try #require(check.register).art30Document(.en).html.contains("not described."))
    }

    @Test("An agreement with a controller not yet signed, expiring or expired is warned of on the day")
    func agreementOnTheDay() throws {
        var register = try Self.good
        register.processorRecord?.controllers[1].agreement = ProcessorAgreement(
            signed: CivilDate(iso: "2025-01-01"), reference: "PUBA-2025-09", expires: CivilDate(iso: "2026-06-30"))
        func warnings(_ day: String) throws -> [String] {
            register.agreementWarnings(on: try #require(CivilDate(iso: day)))
        }
        #expect(try warnings("2026-01-01").isEmpty)
        #expect(
            try warnings("2026-06-29") == [#"the agreement with controller "kund-syd" expires on 2026-06-30, in 1 day"#]
        )
        #expect(
            try warnings("2026-07-01") == [
                #"the agreement with controller "kund-syd" expired on 2026-06-30: processing on its behalf has no agreement in force (Art. 28(3))"#
            ])
        #expect(
            try warnings("2024-12-31") == [
                #"the agreement with controller "kund-nord" is signed from 2025-03-01: processing on its behalf has no agreement in force yet (Art. 28(3))"#,
                #"the agreement with controller "kund-syd" is signed from 2025-01-01: processing on its behalf has no agreement in force yet (Art. 28(3))"#,
            ])
    }

    @Test("The CSV has a row per controller, with the columns named")
    func csv() throws {
        let csv = try Self.good.exportProcessorCSV(language: .sv)
        let rows = csv.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(rows.count == 3)
        #expect(
            rows[0]
                == "controller_id,controller_name,controller_organisation_number,controller_contact,controller_representative,controller_dpo,agreement,processing,transfers,security,processor_name,processor_contact,processor_representative,processor_dpo"
        )
        #expect(
            rows[1].hasPrefix("kund-nord,Kundföretaget Nord AB,556111-2222,dataskydd@kundnord.se; +46 90 000 00 00,"))
        #expect(rows[1].contains("\"Drift av ärendehanteringssystem; Backup\"") == false)
        #expect(rows[1].contains(",Drift av ärendehanteringssystem; Backup,"))
        #expect(rows[1].contains("USA (Utskickstjänst Inc.): standardavtalsklausuler (Art. 46(2)(c))"))
        #expect(rows[1].contains("PUBA-2025-07, undertecknat 2025-03-01"))
        #expect(rows[2].hasPrefix("kund-syd,Kund Syd AB,,\"Södergatan 1, 211 00 Malmö\","))
        #expect(rows[2].contains("Lagring av fakturor"))
        let english = try Self.good.exportProcessorCSV(language: .en)
        #expect(
            english.contains("the United States (Utskickstjänst Inc.): standard contractual clauses (Art. 46(2)(c))"))
        #expect(english.contains("Storing invoices"))
    }

    @Test("The JSON export has the record as its processor member")
    func json() throws {
        let json = try Self.good.exportJSON(language: .en).description
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let processor = try #require(parsed["processor"] as? [String: Any])
        #expect(processor["name"] as? String == "Exempel Programvara AB")
        let controllers = try #require(processor["controllers"] as? [[String: Any]])
        #expect(controllers.map { $0["id"] as? String } == ["kund-nord", "kund-syd"])
        #expect(controllers[0]["processing"] as? [String] == ["Running the ticketing system", "Backup"])
        let transfers = try #require(controllers[0]["transfers"] as? [[String: Any]])
        #expect(transfers[1]["compelling_legitimate_interests"] as? Bool == true)
        #expect(transfers[1]["documentation"] as? String == "Assessment 2025-04 with pseudonymisation")
    }

    @Test("The DPV export holds a second ROPA: the processor, each controller and its process")
    func dpv() throws {
        let dpv = try Self.good.exportDPV(language: .en).description
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(dpv.utf8)) as? [String: Any])
        let graph = try #require(parsed["@graph"] as? [[String: Any]])
        func node(_ suffix: String) -> [String: Any]? {
            graph.first { ($0["@id"] as? String)?.hasSuffix(suffix) == true }
        }
        let ropa = try #require(node(":processor-ropa"))
        #expect(ropa["@type"] as? String == "dpv:ROPA")
        #expect(
            (ropa["dpv:hasDataProcessor"] as? [String: Any])?["@id"] as? String == "urn:gallra:org:5560000000:processor"
        )
        #expect(node(":processor")?["@type"] as? String == "dpv:DataProcessor")
        #expect(node(":client/kund-nord")?["@type"] as? String == "dpv:DataController")
        let process = try #require(node(":processing/kund-nord"))
        #expect(process["@type"] as? String == "dpv:Process")
        #expect(
            (process["dpv:hasDataController"] as? [String: Any])?["@id"] as? String
                == "urn:gallra:org:5560000000:client/kund-nord")
        let measures = try #require(process["dpv:hasLegalMeasure"] as? [[String: Any]])
        #expect(
            measures.first?["@type"] as? [String] == [
                "dpv:DataProcessingAgreement", "dpv:ControllerProcessorAgreement",
            ])
        #expect(measures.contains { $0["@type"] as? String == "eu-gdpr:SCCByCommission" })
        #expect((process["dpv:hasProcessing"] as? [[String: Any]])?.count == 2)
        #expect(process["dpv:hasTechnicalOrganisationalMeasure"] != nil)
        // Only terms DPV 2.3 defines.
        let known = Set(
            try contents("Tests/GallraCoreTests/Fixtures/dpv-2.3-terms.txt").split(separator: "\n").map(String.init))
        let prefixes = ["dpv:": "https://w3id.org/dpv#", "eu-gdpr:": "https://w3id.org/dpv/legal/eu/gdpr#"]
        for term in dpv.matches(of: /"((dpv|eu-gdpr):[A-Za-z0-9-]+)"/).map({ String($0.1) }) {
            let (prefix, iri) = try #require(prefixes.first { term.hasPrefix($0.key) })
            #expect(known.contains(iri + term.dropFirst(prefix.count)), "\(term) is not a DPV 2.3 term")
        }
    }

    /// What each point of Art. 30(2) asks for, and where the exported document says it.
    @Test(
        "Every point of Art. 30(2), a to d, is in the exported document, in Swedish and English",
        arguments: Language.allCases)
    func walksArticle(language: Language) throws {
        let register = try Self.good
        let sv = language == .sv
        let html = register.art30Document(language, version: 2).html
        let markdown = register.art30Document(language).markdown
        func section(_ heading: String) throws -> String {
            let start = try #require(html.range(of: heading), "\(heading) in \(language)")
            let rest = html[start.upperBound...]
            let end = rest.range(of: "<h3")?.lowerBound ?? rest.endIndex
            return String(rest[..<end])
        }
        #expect(
            html.contains(
                sv ? "Register som personuppgiftsbiträde (artikel 30.2)" : "Record as a processor (Article 30(2))"))
        #expect(html.contains(sv ? "enligt artikel 30.1 och 30.2" : "under Article 30(1) and (2)"))
        // (a) the processor, its representative and DPO; each controller, its representative and DPO.
        let processor = try section(sv ? "Personuppgiftsbiträde (art. 30.2 a)" : "Processor (Art. 30(2)(a))")
        for text in ["Exempel Programvara AB", "556000-0000", "dataskydd@exempel.se", "Ombud i EU, ombud@example.eu"] {
            #expect(processor.contains(text), "(a) the processor: \(text)")
        }
        #expect(processor.contains(sv ? "Företrädare (art. 27)" : "Representative (Art. 27)"))
        let clients = try section(
            sv
                ? "Personuppgiftsansvariga som biträdet behandlar för (art. 30.2 a–c)"
                : "Controllers the processor acts for (Art. 30(2)(a)–(c))")
        for header in sv
            ? [
                "Personuppgiftsansvarig (art. 30.2 a)", "Kontaktuppgifter", "Företrädare", "Dataskyddsombud",
                "Kategorier av behandling (art. 30.2 b)", "Överföringar till tredje land (art. 30.2 c)",
            ]
            : [
                "Controller (Art. 30(2)(a))", "Contact details", "Representative", "Data protection officer",
                "Categories of processing (Art. 30(2)(b))", "Transfers to third countries (Art. 30(2)(c))",
            ]
        {
            #expect(clients.contains("<th scope=\"col\">\(header)</th>"), "\(header)")
        }
        for text in [
            "Kundföretaget Nord AB (556111-2222)", "dataskydd@kundnord.se",
            "Nords företrädare, foretradare@kundnord.se",
            "Nords dataskyddsombud, dpo@kundnord.se", "Kund Syd AB", "Södergatan 1, 211 00 Malmö",
        ] {
            #expect(clients.contains(text), "(a) a controller: \(text)")
        }
        // (b) the categories of processing for each controller.
        for text in sv
            ? ["Drift av ärendehanteringssystem", "Backup", "Lagring av fakturor"]
            : ["Running the ticketing system", "Backup", "Storing invoices"]
        {
            #expect(clients.contains(text), "(b) \(text)")
        }
        // (c) the transfers, the third country or organisation, the safeguard, and the Art. 49 documentation.
        for text in sv
            ? [
                "USA (Utskickstjänst Inc.): standardavtalsklausuler (Art. 46(2)(c))",
                "Internationella supportorganisationen: undantag för särskilda situationer (Art. 49)",
                "enligt artikel 49.1 andra stycket",
                "dokumentation av lämpliga skyddsåtgärder: Bedömning 2025-04 med pseudonymisering",
                "Inga",
            ]
            : [
                "the United States (Utskickstjänst Inc.): standard contractual clauses (Art. 46(2)(c))",
                "Internationella supportorganisationen: derogation for specific situations (Art. 49)",
                "under the second subparagraph of Article 49(1)",
                "documentation of suitable safeguards: Assessment 2025-04 with pseudonymisation", "None",
            ]
        {
            #expect(clients.contains(text), "(c) \(text)")
        }
        // (d) the security measures, referring to Art. 32(1).
        let security = try section(sv ? "Säkerhetsåtgärder (art. 30.2 d)" : "Security measures (Art. 30(2)(d))")
        #expect(security.contains(sv ? "som avses i artikel 32.1" : "referred to in Article 32(1)"))
        #expect(
            security.contains(
                sv
                    ? "Kunddata hålls åtskild och krypteras; åtkomst loggas"
                    : "Customer data is kept apart and encrypted; access is logged"))
        // The Markdown says the same: the controllers' table, a row each.
        #expect(
            markdown.contains(
                sv ? "Kategorier av behandling (art. 30.2 b)" : "Categories of processing (Art. 30(2)(b))"))
        #expect(markdown.contains("Kund Syd AB"))
        // Nothing of the other language.
        #expect(!html.contains(sv ? "Categories of processing" : "Kategorier av behandling"))
    }
}
