/// The sentences of the privacy notice for what the register says of one activity or transfer.
extension ProcessingActivity {
    /// Art. 14(2)(f): where the data comes from.
    func sourceWording(_ language: Language) -> String {
        let sv = language == .sv
        let detail = sourceDetail.map { ": " + $0.said(language) } ?? ""
        switch source {
        case .dataSubject:
            return sv ? "Du själv." : "You."
        case .publicRegisters:
            return sv
                ? "Offentliga register, allmänt tillgängliga källor\(detail) (art. 14)."
                : "Public registers, publicly accessible sources\(detail) (Art. 14)."
        case .thirdParty:
            return sv
                ? "Inte från dig utan från någon annan\(detail) (art. 14)."
                : "Not from you but from someone else\(detail) (Art. 14)."
        }
    }
}

extension DataProvision {
    /// Art. 13(2)(e): whether the person must give the data, and what follows if not.
    func wording(_ activity: ProcessingActivity, _ language: Language) -> String {
        let sv = language == .sv
        let law = activity.lawWording.map { " (\($0.said(language)))" } ?? ""
        let statement: String
        let otherwise: String
        switch requirement {
        case .statutory:
            statement = sv ? "Ja, det är ett lagkrav\(law)." : "Yes, it is a statutory requirement\(law)."
            otherwise =
                sv
                ? "Utan uppgifterna kan vi inte fullgöra det som lagen kräver av oss."
                : "Without the data we cannot do what the law requires of us."
        case .contractual:
            statement =
                sv
                ? "Uppgifterna är ett krav i avtalet med dig; du är skyldig att lämna dem enligt avtalet."
                : "The data is a requirement of the contract with you; the contract obliges you to provide it."
            otherwise =
                sv
                ? "Utan dem kan vi inte fullgöra avtalet."
                : "Without it we cannot perform the contract."
        case .contractEntry:
            statement =
                sv
                ? "Uppgifterna behövs för att ingå och fullgöra ett avtal med dig. Du är inte skyldig att lämna dem."
                : "The data is needed to enter into and perform a contract with you. You are not obliged to provide it."
            otherwise =
                sv
                ? "Utan dem kan vi inte ingå eller fullgöra avtalet."
                : "Without it we cannot enter into or perform the contract."
        case .voluntary:
            statement = sv ? "Nej, det är frivilligt." : "No, it is voluntary."
            otherwise =
                sv
                ? "Lämnar du dem inte behandlar vi dem inte för det här ändamålet; det påverkar inget annat."
                : "If you do not, we do not process it for this purpose; nothing else is affected."
        }
        return statement + " " + (consequence?.said(language) ?? otherwise)
    }
}

extension AutomatedDecisions {
    /// Art. 13(2)(f): what is decided, the logic involved and the consequences.
    func wording(_ language: Language) -> [String] {
        let sv = language == .sv
        return [
            (sv ? "Vad: " : "What: ") + what.said(language),
            (sv ? "Logiken: " : "The logic: ") + logic.said(language),
            (sv ? "Följder för dig: " : "Consequences for you: ") + consequences.said(language),
        ]
    }
}

extension ThirdCountryTransfer {
    /// Art. 13(1)(f): the country, whether an adequacy decision applies, the safeguard relied on,
    /// and how to get a copy of it.
    func wording(_ register: Register, _ language: Language) -> String {
        let sv = language == .sv
        let country = CountryNames.name(self.country, language)
        guard let safeguard else {
            return sv ? "behandlar uppgifter i \(country)." : "processes data in \(country)."
        }
        if safeguard == .adequacyDecision {
            return sv
                ? "behandlar uppgifter i \(country). EU-kommissionen har beslutat att landet säkerställer en adekvat skyddsnivå (art. 45)."
                : "processes data in \(country). The European Commission has decided that the country ensures an adequate level of protection (Art. 45)."
        }
        let contact = [register.controller.email, register.controller.phone].compactMap { $0 }.first ?? ""
        let copy =
            self.copy?.said(language)
            ?? (sv
                ? "Du kan få en kopia av skyddsåtgärderna genom att kontakta oss på \(contact)."
                : "You can get a copy of the safeguards by contacting us at \(contact).")
        return sv
            ? "behandlar uppgifter i \(country). Överföringen bygger inte på ett beslut om adekvat skyddsnivå (art. 45) utan på \(safeguard.name[language]) (\(safeguard.article.replacingOccurrences(of: "Art.", with: "art."))). \(copy)"
            : "processes data in \(country). The transfer does not rely on an adequacy decision (Art. 45) but on \(safeguard.name[language]) (\(safeguard.article)). \(copy)"
    }
}

extension LegalBasis {
    /// The basis as a sentence of a notice.
    func noticeWording(_ language: Language) -> String {
        let sv = language == .sv
        switch self {
        case .consent:
            return sv
                ? "Ditt samtycke (art. 6.1 a). Du kan när som helst återkalla samtycket; återkallelsen påverkar inte lagligheten av behandlingen innan samtycket återkallades (art. 7.3)."
                : "Your consent (Art. 6(1)(a)). You can withdraw it at any time; the withdrawal does not affect the lawfulness of processing based on consent before its withdrawal (Art. 7(3))."
        case .contract:
            return sv
                ? "Avtal (art. 6.1 b): behandlingen är nödvändig för att fullgöra ett avtal med dig eller för att vidta åtgärder på din begäran innan ett avtal ingås."
                : "Contract (Art. 6(1)(b)): the processing is necessary to perform a contract with you or to take steps at your request before entering into a contract."
        case .legalObligation:
            return sv
                ? "Rättslig förpliktelse (art. 6.1 c): behandlingen är nödvändig för att vi ska fullgöra en skyldighet enligt lag."
                : "Legal obligation (Art. 6(1)(c)): the processing is necessary for us to comply with a legal obligation."
        case .vitalInterests:
            return sv
                ? "Grundläggande intresse (art. 6.1 d): för att skydda någons liv eller hälsa."
                : "Vital interests (Art. 6(1)(d)): to protect someone's life or health."
        case .publicTask:
            return sv
                ? "Allmänt intresse eller myndighetsutövning (art. 6.1 e)."
                : "A task in the public interest or official authority (Art. 6(1)(e))."
        case .legitimateInterests:
            return sv
                ? "Intresseavvägning (art. 6.1 f): vårt berättigade intresse väger tyngre än ditt intresse av skydd för uppgifterna. Du har rätt att invända."
                : "Legitimate interests (Art. 6(1)(f)): our legitimate interest outweighs your interest in protecting the data. You have the right to object."
        }
    }
}
