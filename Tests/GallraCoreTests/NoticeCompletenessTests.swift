import Foundation
import Testing

@testable import GallraCore

/// The privacy notice read item by item against GDPR Art. 13(1)–(2) and 14(1)–(2), over both
/// example registers in both languages; its language; and the checker's warnings about what a
/// notice cannot say well.
@Suite("The privacy notice, item by item")
struct NoticeCompletenessTests {
    static let registers = [DocumentTests.swedish, DocumentTests.english]

    /// The notice's part about one activity: from its heading to the next.
    static func section(_ notice: String, _ activity: ProcessingActivity, _ language: Language) -> String {
        let parts = notice.components(separatedBy: "\n### ")
        return parts.first { $0.hasPrefix(Markdown.inline(activity.name.said(language)) + "\n") }?
            .components(separatedBy: "\n## ").first ?? ""
    }

    /// The items of Art. 13 and 14 the notice lacks, each named by its point.
    static func missing(_ register: Register, _ language: Language) -> [String] {
        let sv = language == .sv
        let notice = register.privacyNotice(language).markdown
        var missing: [String] = []
        func need(_ item: String, _ present: Bool) { if !present { missing.append(item) } }

        let controller = register.controller
        need("13(1)(a) identity", notice.contains(controller.name))
        need(
            "13(1)(a) contact", [controller.email, controller.phone].compactMap { $0 }.contains { notice.contains($0) })
        if let dpo = register.controller.dpo?.email { need("13(1)(b) DPO", notice.contains(dpo)) }
        let articles: [LegalBasis: String] = [
            .consent: "a)", .contract: "b)", .legalObligation: "c)", .vitalInterests: "d)", .publicTask: "e)",
            .legitimateInterests: "f)",
        ]
        for activity in register.activities {
            let part = section(notice, activity, language)
            let id = activity.id
            need("\(id): section", !part.isEmpty)
            need(
                "13(1)(c) purpose, \(id)", part.contains(Markdown.inline(activity.purpose.said(language).sentenceCased))
            )
            for basis in activity.legalBasis {
                let point = (sv ? "art. 6.1 " : "Art. 6(1)(") + articles[basis]!.dropLast(sv ? 1 : 0)
                need("13(1)(c) basis \(basis), \(id)", part.contains(point))
            }
            if let law = activity.lawWording {
                need("6(3) law, \(id)", part.contains(Markdown.inline(law.said(language))))
            }
            if let interest = activity.legitimateInterest {
                need("13(1)(d) interest, \(id)", part.contains(Markdown.inline(interest.said(language))))
            }
            need("13(1)(e) recipients, \(id)", part.contains(sv ? "- **Mottagare**: " : "- **Recipients**: "))
            for recipient in activity.recipients.compactMap(register.recipient) {
                need(
                    "13(1)(e) recipient \(recipient.id) and its category, \(id)",
                    part.contains("\(Markdown.inline(recipient.name)) (\(recipient.kind.category[language])"))
            }
            let howLong = part.components(separatedBy: "\n").first {
                $0.hasPrefix(sv ? "- **Hur länge**: " : "- **How long**: ")
            }
            need("13(2)(a) retention, \(id)", howLong != nil)
            if let howLong {
                let said = String(howLong.drop { $0 != ":" }.dropFirst(2).dropLast())
                let reader = RetentionPhraseReader(language: language, declaredEvents: register.events)
                need(
                    "13(2)(a) retention from when, \(id): \(said)",
                    said.lowercased()
                        == activity.retention.wording(language, declaredEvents: register.events).lowercased()
                        || (reader.namesStartingPoint(said) && reader.read(said).rule == activity.retention))
            }
            if activity.legalBasis.contains(.consent) {
                need("13(2)(c) withdrawal, \(id)", part.contains(sv ? "(art. 7.3)" : "(Art. 7(3))"))
            }
            if activity.source == .dataSubject {
                need(
                    "13(2)(e) provision, \(id)",
                    part.contains(sv ? "- **Måste du lämna uppgifterna?**: " : "- **Must you provide the data?**: "))
            } else {
                need("14(2)(f) source, \(id)", part.contains(sv ? "(art. 14)" : "(Art. 14)"))
            }
            for category in activity.data {
                let name = register.category(category)?.name.said(language) ?? category
                need("14(1)(d) data \(category), \(id)", part.contains(Markdown.inline(name)))
            }
        }
        need(
            "13(1)(f) transfers",
            notice.contains(sv ? "## Överföring till länder utanför EU/EES" : "## Transfers outside the EU/EEA"))
        for recipient in register.recipients {
            guard let transfer = recipient.transfer, let safeguard = transfer.safeguard else { continue }
            let line =
                notice.components(separatedBy: "\n").first { $0.hasPrefix("- **\(Markdown.inline(recipient.name))**") }
                ?? ""
            need("13(1)(f) country, \(recipient.id)", line.contains(CountryNames.name(transfer.country, language)))
            need("13(1)(f) adequacy, \(recipient.id)", line.contains(sv ? "adekvat skyddsnivå" : "adequacy decision"))
            need("13(1)(f) safeguard, \(recipient.id)", line.contains(safeguard.name[language]))
            need("13(1)(f) copy, \(recipient.id)", line.contains(sv ? "kopia" : "copy"))
        }
        for article in ["15", "16", "17", "18", "20", "21"] {
            need("13(2)(b) right, Art. \(article)", notice.contains(sv ? "(art. \(article))" : "(Art. \(article))"))
        }
        need("13(2)(c) consent", notice.contains(sv ? "(art. 7.3)" : "(Art. 7.3)") || notice.contains("7(3)"))
        need("13(2)(d) complaint", notice.contains("Integritetsskyddsmyndigheten") && notice.contains("IMY"))
        need(
            "13(2)(f) automated decisions",
            notice.contains(
                sv ? "## Automatiserade beslut och profilering" : "## Automated decisions and profiling"))
        return missing
    }

    @Test("Every item of Art. 13(1)–(2) and 14(1)–(2) is in the notice", arguments: ["sv", "en"])
    func everyItem(language: String) throws {
        let language = try #require(Language(rawValue: language))
        for register in Self.registers {
            #expect(Self.missing(register, language) == [], "\(register.controller.name), \(language)")
        }
    }

    @Test("The walk finds what is missing: a notice without the transfer's copy or the decisions fails it")
    func walkCanFail() {
        var register = DocumentTests.swedish
        register.controller.noAutomatedDecisions = false
        register.controller.email = nil
        register.controller.phone = nil
        let missing = Self.missing(register, .en)
        #expect(missing.contains("13(2)(f) automated decisions"))
        #expect(missing.contains("13(1)(a) contact"))
    }

    @Test("Automated decisions are described with their logic and consequences, and the right to a person")
    func automatedDecisions() {
        var register = DocumentTests.swedish
        register.controller.noAutomatedDecisions = false
        let index = register.activities.firstIndex { $0.id == "customer-purchases" }!
        register.activities[index].automatedDecisions = AutomatedDecisions(
            what: LocalizedText(
                sv: "Kreditprövning vid köp mot faktura", en: "A credit check for purchases on invoice"),
            logic: LocalizedText(
                sv: "Ett kreditupplysningsföretags betyg jämförs med en gräns",
                en: "A credit agency's score is compared with a limit"),
            consequences: LocalizedText(
                sv: "Du kan nekas köp mot faktura", en: "You may be refused purchase on invoice"))
        let en = register.privacyNotice(.en).markdown
        #expect(en.contains("## Automated decisions and profiling"))
        #expect(en.contains("The logic: A credit agency's score is compared with a limit"))
        #expect(en.contains("Consequences for you: You may be refused purchase on invoice"))
        #expect(en.contains("reviewed by a person"))
        #expect(!en.contains("We make no decisions based solely on automated processing"))
        let sv = register.privacyNotice(.sv).markdown
        #expect(sv.contains("Logiken: Ett kreditupplysningsföretags betyg jämförs med en gräns"))
    }

    /// Proper names stay as they are in every language: the controller's, the recipients', addresses.
    static func withoutProperNames(_ text: String, _ register: Register) -> String {
        var names = [register.controller.name, register.controller.address ?? "", register.controller.dpo?.name ?? ""]
        names += register.recipients.map(\.name)
        return names.filter { !$0.isEmpty }.reduce(text) { $0.replacingOccurrences(of: $1, with: "") }
    }

    @Test("No Swedish left in the English notice, and no English in the Swedish one")
    func oneLanguage() {
        let swedishWords = [" och ", " av ", " för ", " efter ", " kap.", "lagen", " år", " dagar"]
        let englishWords = [" the ", " and ", " of ", " after ", " years", " days", "Section"]
        for register in Self.registers {
            let en = Self.withoutProperNames(register.privacyNotice(.en).markdown, register)
            #expect(
                en.firstMatch(of: /[åäöÅÄÖ]/) == nil, "\(en.split(separator: "\n").filter { $0.contains(/[åäöÅÄÖ]/) })")
            for word in swedishWords { #expect(!en.contains(word), "English notice: \(word)") }
            let sv = Self.withoutProperNames(register.privacyNotice(.sv).markdown, register)
            for word in englishWords { #expect(!sv.contains(word), "Swedish notice: \(word)") }
        }
    }

    @Test("Each activity of the notice can be linked to")
    func anchors() {
        let html = DocumentTests.swedish.privacyNotice(.sv).html
        #expect(html.contains(#"<h3 id="kundarenden-support">Kundärenden/Support</h3>"#))
        let ids = html.matches(of: /id="([^"]+)"/).map { String($0.1) }
        #expect(Set(ids).count == ids.count, "no anchor twice")
    }

    @Test("A text the register gives in one language only is said so in the other")
    func oneLanguageOnly() {
        var register = DocumentTests.swedish
        register.activities[0].purpose = LocalizedText(sv: "Att leverera det du har beställt")
        #expect(register.privacyNotice(.en).markdown.contains("Att leverera det du har beställt (in Swedish only)."))
    }

    @Test("A bare period is written out from the rule; the register's wording is kept when it says as much")
    func retentionFromWhen() throws {
        let register = DocumentTests.swedish
        let sv = register.privacyNotice(.sv).markdown
        // "60 dagar" names no starting point.
        let demo = Self.section(sv, try #require(register.activity("product-demo")), .sv)
        #expect(demo.contains("- **Hur länge**: 60 dagar efter att uppgifterna samlades in."))
        // "Avtalstiden + 1 år" does, and reads as the rule.
        let purchases = Self.section(sv, try #require(register.activity("customer-purchases")), .sv)
        #expect(purchases.contains("- **Hur länge**: Avtalstiden + 1 år."))
    }

    @Test("The checker warns about what a notice cannot say well")
    func warnings() throws {
        let yaml = try contents("examples/exempel-programvara.yaml")
            .replacingOccurrences(
                of:
                    "purpose: { sv: \"Att skicka erbjudanden om våra produkter per post\", en: \"Sending offers of our products by post\" }",
                with: "purpose: { sv: \"Marknadsföring\", en: \"Marketing\" }"
            )
            .replacingOccurrences(of: "  automated_decisions: none\n", with: "")
        let warnings = RegisterReader.check(yaml: yaml).problems.filter { $0.severity == .warning }.map(\.message)
        #expect(warnings.contains { $0.contains("\"direct-mail\" (\"Marknadsföring\") does not say why") })
        #expect(
            warnings.contains {
                $0.contains("\"website-visits\" sets analytics cookies on legitimate interests")
                    && $0.contains("9 kap. 28 §")
            })
        #expect(warnings.contains { $0.contains("\"newsletter\" sends a newsletter on a contract") })
        #expect(warnings.contains { $0.contains("does not say whether decisions are made by automated means alone") })
        #expect(!warnings.contains { $0.contains("\"customer-purchases\"") }, "a real purpose passes")
    }
}
