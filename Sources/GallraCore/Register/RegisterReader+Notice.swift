import Yams

/// What the register says for the privacy notice alone (Art. 13(2)(e)–(f), 14(2)(f)), and the
/// warnings about what a notice could not say well.
extension RegisterParse {
    mutating func provision(_ fields: Fields) -> DataProvision? {
        guard let node = fields["provision"],
            let provision = nodes.fields(
                node,
                of: .init(sv: "uppgiftskravet för \(fields.what[.sv])", en: "the provision of \(fields.what[.en])"),
                allowed: ["requirement", "consequence"])
        else { return nil }
        guard let requirement = nodes.enumValue(provision, "requirement", as: DataProvision.Requirement.self) else {
            if provision["requirement"] == nil {
                nodes.error(
                    provision.line,
                    sv:
                        "uppgiftskravet för \(fields.what[.sv]) behöver \"requirement\": statutory, contractual, contract_entry eller voluntary (art. 13.2 e)",
                    en:
                        "the provision of \(fields.what[.en]) needs a \"requirement\": statutory, contractual, contract_entry or voluntary (Art. 13(2)(e))"
                )
            }
            return nil
        }
        return DataProvision(
            requirement: requirement, consequence: nodes.localized(provision, "consequence", required: false))
    }

    mutating func automatedDecisions(_ fields: Fields) -> AutomatedDecisions? {
        guard let node = fields["automated_decisions"],
            let decisions = nodes.fields(
                node,
                of: .init(
                    sv: "de automatiserade besluten i \(fields.what[.sv])",
                    en: "the automated decisions of \(fields.what[.en])"),
                allowed: ["what", "logic", "consequences"])
        else { return nil }
        // Art. 13(2)(f): "meaningful information about the logic involved, as well as the
        // significance and the envisaged consequences".
        let what = nodes.localized(decisions, "what", required: true)
        let logic = nodes.localized(decisions, "logic", required: true)
        let consequences = nodes.localized(decisions, "consequences", required: true)
        guard let what, let logic, let consequences else { return nil }
        return AutomatedDecisions(what: what, logic: logic, consequences: consequences)
    }

    /// `automated_decisions: none` under the controller.
    mutating func statesNoAutomatedDecisions(_ fields: Fields) -> Bool {
        guard let node = fields["automated_decisions"], let text = nodes.string(node, "automated_decisions") else {
            return false
        }
        guard text == "none" else {
            nodes.error(
                node.line,
                sv:
                    "den personuppgiftsansvariges \"automated_decisions\" kan bara vara \"none\"; beskriv automatiserade beslut på aktiviteten som fattar dem",
                en:
                    "the controller's \"automated_decisions\" can only be \"none\"; describe automated decisions on the activity that makes them"
            )
            return false
        }
        return true
    }

    /// What a notice built from the activity could not say well.
    mutating func noticeWarnings(_ activity: ProcessingActivity, line: Int) {
        let what = LocalizedText(sv: "aktiviteten \"\(activity.id)\"", en: "activity \"\(activity.id)\"")
        for language in Language.allCases {
            guard let purpose = language == .sv ? activity.purpose.sv : activity.purpose.en else { continue }
            if !Self.statesAPurpose(purpose, name: activity.name[language], language) {
                nodes.warning(
                    line,
                    sv:
                        "ändamålet för \(what[.sv]) (\"\(purpose)\") säger inte varför uppgifterna behandlas; skriv vad de används till, t.ex. \(language == .sv ? "\"Att leverera det du har beställt\"" : "\"To deliver what you ordered\"") (art. 5.1 b, 13.1 c)",
                    en:
                        "the purpose of \(what[.en]) (\"\(purpose)\") does not say why the data is processed; write what it is for, e.g. \(language == .sv ? "\"Att leverera det du har beställt\"" : "\"To deliver what you ordered\"") (Art. 5(1)(b), 13(1)(c))"
                )
            }
        }
        let words = Self.words(of: [activity.name, activity.purpose])
        let analytics =
            activity.data.contains("cookie_id")
            && ["analys", "statistik", "analytics", "statistics"]
                .contains { words.contains($0) }
        if analytics && activity.legalBasis == [.legitimateInterests] {
            nodes.warning(
                line,
                sv:
                    "\(what[.sv]) sätter analyskakor med stöd av berättigat intresse; svensk lag kräver samtycke för kakor som inte är strikt nödvändiga (lagen om elektronisk kommunikation 9 kap. 28 §)",
                en:
                    "\(what[.en]) sets analytics cookies on legitimate interests; Swedish law requires consent for cookies that are not strictly necessary (lagen om elektronisk kommunikation 9 kap. 28 §)"
            )
        }
        let newsletter =
            activity.dataSubjects.contains("newsletter_subscribers")
            || ["nyhetsbrev", "newsletter"].contains { words.contains($0) }
        if newsletter && activity.legalBasis.contains(.contract) {
            nodes.warning(
                line,
                sv:
                    "\(what[.sv]) skickar nyhetsbrev med stöd av avtal; ett nyhetsbrev behövs sällan för att fullgöra ett avtal — samtycke (eller, till befintliga kunder, berättigat intresse) är den vanliga grunden (art. 6.1)",
                en:
                    "\(what[.en]) sends a newsletter on a contract; a newsletter is rarely needed to perform a contract — consent (or, to existing customers, legitimate interests) is the usual basis (Art. 6(1))"
            )
        }
    }

    /// A purpose says what the processing is for: more than a name or a category of data.
    static func statesAPurpose(_ purpose: String, name: String, _ language: Language) -> Bool {
        let words = purpose.lowercased().split { !$0.isLetter }.map(String.init)
        if purpose.lowercased() == name.lowercased() || words.count < 2 { return false }
        let administrative: Set<String> =
            language == .sv
            ? ["lagring", "lagra", "databas", "register", "registrering", "arkiv", "personuppgifter", "uppgifter"]
            : ["storage", "storing", "database", "register", "records", "archive", "personal", "data"]
        // "Lagring av personuppgifter", "Data storage": what is done, not why.
        return !(words.count <= 3 && words.allSatisfy { administrative.contains($0) || $0.count <= 3 })
    }

    private static func words(of texts: [LocalizedText]) -> String {
        texts.map { "\($0.sv ?? "") \($0.en ?? "")" }.joined(separator: " ").lowercased()
    }
}
