import Foundation
import Testing

@testable import GallraCore

/// The Art. 30 record, the privacy notice and the DPV export, written from the example registers.
@Suite("Documents written from the register")
struct DocumentTests {
    static let swedish = try! RegisterReader.read(
        yaml: try! contents("examples/exempel-programvara.yaml"), file: "exempel-programvara.yaml")
    static let english = try! RegisterReader.read(
        yaml: try! contents("examples/customer-contacts.yaml"), file: "customer-contacts.yaml")

    @Test(
        "Both example registers export to every format in both languages, every activity in each",
        arguments: ["sv", "en"])
    func everyFormat(language: String) throws {
        let language = try #require(Language(rawValue: language))
        for register in [Self.swedish, Self.english] {
            let names = register.activities.map { $0.name[language] }
            let html = register.art30Document(language, version: 3).html
            let markdown = register.art30Document(language).markdown
            let notice = register.privacyNotice(language)
            for name in names {
                #expect(html.contains(HTML.escape(name)))
                #expect(notice.html.contains(HTML.escape(name)))
                #expect(notice.markdown.contains("### \(Markdown.inline(name))"))
            }
            // One table row per activity (and per recipient), each table under a header and its rule.
            let rows = markdown.split(separator: "\n").filter { $0.hasPrefix("| ") }
            let recipientRows = register.recipients.isEmpty ? 0 : register.recipients.count + 2
            let processorRows = register.processorRecord.map { $0.controllers.count + 2 } ?? 0
            #expect(rows.count == register.activities.count + 2 + recipientRows + processorRows)
            #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"\(language.rawValue)\">"))
            let json = register.exportJSON(language: language).description
            #expect(try JSONSerialization.jsonObject(with: Data(json.utf8)) is [String: Any])
            let dpv = register.exportDPV(language: language).description
            let parsed = try #require(try JSONSerialization.jsonObject(with: Data(dpv.utf8)) as? [String: Any])
            let graph = try #require(parsed["@graph"] as? [[String: Any]])
            // An activity each, and a process for each controller the company processes for (Art. 30(2)).
            #expect(
                graph.filter { $0["@type"] as? String == "dpv:Process" }.count
                    == register.activities.count + (register.processorRecord?.controllers.count ?? 0))
            #expect(register.exportCSV(language: language).split(separator: "\r\n").count == names.count + 1)
        }
    }

    @Test("The notice says retention in words from the rule, unless the register words it itself")
    func retentionInWords() {
        let english = Self.swedish.privacyNotice(.en).markdown
        // customer-invoicing has only Swedish wording: the English is generated from the rule.
        #expect(
            english.contains(
                "- **How long**: Seven years after the end of the calendar year in which the financial year ended."))
        #expect(english.contains("- **How long**: Three years after the contract has ended."))
        #expect(
            english.contains(
                "- **How long**: Until seven days after the case has been closed or twelve months after the data was collected, whichever comes first."
            ))
        let swedish = Self.swedish.privacyNotice(.sv).markdown
        // The register's own wording wins.
        #expect(swedish.contains("- **Hur länge**: Avtalstiden + 3 år."))
        let fromEnglish = Self.english.privacyNotice(.sv).markdown
        #expect(fromEnglish.contains("- **Hur länge**: Tio år efter att kundförhållandet upphört."))
        #expect(
            fromEnglish.contains(
                "- **Hur länge**: Fram till evenemanget eller sju år efter utgången av det kalenderår då räkenskapsåret avslutades, beroende på vad som inträffar sist."
            ))
    }

    @Test("The notice names the controller, the bases, interests, sources, transfers, rights and IMY")
    func noticeContents() {
        let sv = Self.swedish.privacyNotice(.sv).markdown
        #expect(sv.contains("- **Dataskyddsombud**: Dataskyddsombud, dpo@exempel.se"))
        #expect(sv.contains("Lagen som kräver det: Bokföringslagen (1999:1078) 7 kap. 2 §."))
        #expect(sv.contains("Vårt berättigade intresse: Direktmarknadsföring."))
        #expect(sv.contains("- **Källa**: Offentliga register, allmänt tillgängliga källor (art. 14)."))
        #expect(
            sv.contains(
                "- **Utskickstjänst Inc.** behandlar uppgifter i USA. Överföringen bygger inte på ett beslut om adekvat skyddsnivå (art. 45) utan på standardavtalsklausuler (art. 46(2)(c)). Du kan få en kopia av skyddsåtgärderna genom att kontakta oss på dataskydd@exempel.se."
            ))
        #expect(sv.contains("**Rätt att invända** (art. 21)."))
        #expect(sv.contains("Integritetsskyddsmyndigheten (IMY)"))
        let en = Self.swedish.privacyNotice(.en).markdown
        #expect(
            en.contains(
                "processes data in the United States. The transfer does not rely on an adequacy decision (Art. 45) but on standard contractual clauses"
            ))
        #expect(
            en.contains(
                "You can withdraw it at any time; the withdrawal does not affect the lawfulness of processing based on consent before its withdrawal (Art. 7(3))."
            ))
    }

    @Test(
        "Agreements are checked against the day",
        arguments: [
            ("2026-11-21", [String]()),
            (
                "2027-11-15",
                [#"the agreement with processor "mail-service" expires on 2027-12-31, in 46 days"#]
            ),
            (
                "2028-01-01",
                [
                    #"processor "mail-service" (used by newsletter) has no agreement in force: it expired on 2027-12-31 (Art. 28(3))"#
                ]
            ),
            (
                "2025-01-31",
                [
                    #"processor "mail-service" (used by newsletter) has no agreement in force yet: it is signed from 2025-02-01 (Art. 28(3))"#,
                    // The customer the company processes for (Art. 30(2)) signed later still.
                    #"the agreement with controller "kund-nord" is signed from 2025-03-01: processing on its behalf has no agreement in force yet (Art. 28(3))"#,
                ]
            ),
        ])
    func agreements(day: String, warnings: [String]) throws {
        #expect(Self.swedish.agreementWarnings(on: try #require(CivilDate(iso: day))) == warnings)
    }

    @Test("A processor without an agreement is warned of once it is used")
    func missingAgreement() {
        var register = Self.swedish
        register.recipients.append(Recipient(id: "backup-host", name: "Backup AB", kind: .processor, country: "SE"))
        #expect(register.agreementWarnings(on: CivilDate(year: 2026, month: 1, day: 1)!).isEmpty)
        register.activities[0].recipients.append("backup-host")
        #expect(
            register.agreementWarnings(on: CivilDate(year: 2026, month: 1, day: 1)!)
                == [#"processor "backup-host" (used by customer-purchases) has no agreement (Art. 28(3))"#])
    }

    @Test("DPV terms: the Art. 6(1) points, durations, purposes, personal data, subjects, transfers and the ROPA")
    func dpvTerms() throws {
        let dpv = Self.swedish.exportDPV(language: .en, version: 3, date: CivilDate(iso: "2026-11-30")).description
        for term in [
            #""dpv:hasLegalBasis": [{"@id": "eu-gdpr:A6-1-b"}]"#, #""@id": "eu-gdpr:A6-1-c""#,
            #""@type": "dpv:Duration", "rdf:value": {"@value": "P10Y", "@type": "xsd:duration"}"#,
            #""@type": "dpv:UntilEventDuration""#, #""@type": "dpv:StorageDeletion""#, "dpv:DirectMarketing",
            "dpv:LegalCompliance", "pd:EmailAddress", "dpv:Customer",
            #""@type": "eu-gdpr:SCCByCommission""#, #""dpv:hasLegalBasis": {"@id": "eu-gdpr:A46-2-c"}"#,
            #""dpv:hasThirdCountry": {"@id": "loc:US"}"#, #""@type": "dpv:ROPA""#, #""owl:versionInfo": "3""#,
            #""@type": "dpv:DataProtectionOfficer""#, #""dpv:hasIdentifier": "556000-0000""#,
            #""@type": "dpv:DataProcessingAgreement", "dct:identifier": "PUB-2025-03""#,
            #""@type": "dpv:LegitimateInterestOfController", "dct:description": "Direct marketing""#,
            #""@type": ["dpv:DataSource", "dpv:PublicDataSource"]"#,
        ] {
            #expect(dpv.contains(term), "\(term)")
        }
        // The end of retention is a storage condition, not the activity's processing (only the
        // processing done for another controller, Art. 30(2)(b), is); no type twice.
        let nodes = try #require(
            (try JSONSerialization.jsonObject(with: Data(dpv.utf8)) as? [String: Any])?["@graph"] as? [[String: Any]])
        #expect(
            !nodes.contains { ($0["@id"] as? String)?.contains(":activity/") == true && $0["dpv:hasProcessing"] != nil }
        )
        #expect(!dpv.contains(#"["dpv:Purpose", "dpv:Purpose"]"#))
        #expect(try RetentionRule(parsing: "collected + 1y + 6mo").fixedDurationFromCollection == "P1Y6M")
        #expect(try RetentionRule(parsing: "collected + 2w + 36h").fixedDurationFromCollection == "P14DT36H")
        #expect(try RetentionRule(parsing: "contract.end + 1y").fixedDurationFromCollection == nil)
    }

    /// Every concept DPV 2.3 defines in the dpv, pd, eu-gdpr and loc namespaces, from the w3c/dpv
    /// repository (copied from shared/vocab).
    static let dpvTermList: Set<String> = Set(
        try! contents("Tests/GallraCoreTests/Fixtures/dpv-2.3-terms.txt").split(separator: "\n")
            .filter { !$0.hasPrefix("#") }.map(String.init))

    @Test("The DPV export uses only terms DPV 2.3 defines", arguments: ["sv", "en"])
    func onlyRealTerms(language: String) throws {
        let language = try #require(Language(rawValue: language))
        let namespaces = [
            "dpv": "https://w3id.org/dpv#", "pd": "https://w3id.org/dpv/pd#",
            "eu-gdpr": "https://w3id.org/dpv/legal/eu/gdpr#", "loc": "https://w3id.org/dpv/loc#",
        ]
        for register in [Self.swedish, Self.english] {
            let text = register.exportDPV(language: language).description
            let used = Set(
                text.matches(of: /"(dpv|pd|eu-gdpr|loc):([A-Za-z0-9_-]+)"/).map { namespaces[String($0.1)]! + $0.2 })
            #expect(used.count > 30)
            #expect(used.subtracting(Self.dpvTermList).sorted() == [], "\(register.controller.name)")
        }
        // Every term Gallra maps to exists, used by the examples or not.
        let mapped =
            Array(DPVTerms.personalData.values) + Array(DPVTerms.dataSubjects.values)
            + TransferSafeguard.allCases.flatMap { [$0.dpvTerm] + ($0.dpvBasis.map { [$0] } ?? []) }
        for term in mapped {
            let (prefix, name) = (String(term.split(separator: ":")[0]), String(term.split(separator: ":")[1]))
            #expect(Self.dpvTermList.contains(namespaces[prefix]! + name), "\(term)")
        }
    }

    @Test("Two companies' exports never share an identifier")
    func dpvIdentifiers() {
        #expect(Self.swedish.dpvBase() == "urn:gallra:org:5560000000:")
        #expect(Self.english.dpvBase() == "urn:gallra:org:5560000001:")
        #expect(Self.swedish.dpvBase(configured: "https://exempel.se/ropa") == "https://exempel.se/ropa/")
        let ids = { (register: Register) in
            Set(register.exportDPV(language: .en).description.matches(of: /"@id": "(urn:[^"]+)"/).map { String($0.1) })
        }
        #expect(ids(Self.swedish).isDisjoint(with: ids(Self.english)))
    }

    @Test("Markdown escapes what it would otherwise read as markup")
    func markdownEscaping() {
        var document = TextDocument(title: "A *b* | c", language: .en)
        document.add(.table(headers: ["x|y"], rows: [["line 1\nline 2"]]))
        #expect(document.markdown == "# A \\*b\\* \\| c\n\n| x\\|y |\n| --- |\n| line 1<br>line 2 |\n")
    }
}
