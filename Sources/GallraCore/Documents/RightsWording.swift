/// The rights of the data subject as Gallra's documents state them (GDPR Art. 13(2)(b)-(d),
/// 14(2)(c)-(e), 15(1)(e)-(f)), and the right to complain to IMY.
enum RightsWording {
    struct Right {
        let article: String
        let title: LocalizedText
        let text: LocalizedText
    }

    static let rights: [Right] = [
        Right(
            article: "15",
            title: .init(sv: "Rätt till tillgång", en: "Right of access"),
            text: .init(
                sv: "Du kan få veta vilka uppgifter vi har om dig och få en kopia av dem (registerutdrag).",
                en: "You can find out what data we hold on you and get a copy of it.")),
        Right(
            article: "16",
            title: .init(sv: "Rätt till rättelse", en: "Right to rectification"),
            text: .init(
                sv: "Du kan begära att felaktiga uppgifter rättas och att ofullständiga uppgifter kompletteras.",
                en: "You can have inaccurate data corrected and incomplete data completed.")),
        Right(
            article: "17",
            title: .init(sv: "Rätt till radering", en: "Right to erasure"),
            text: .init(
                sv:
                    "Du kan begära att uppgifter raderas, utom när vi måste spara dem, till exempel enligt bokföringslagen.",
                en: "You can have data erased, except where we must keep it, for example under accounting law.")),
        Right(
            article: "18",
            title: .init(sv: "Rätt till begränsning", en: "Right to restriction"),
            text: .init(
                sv:
                    "Du kan begära att vi sparar men inte använder uppgifterna, till exempel medan deras riktighet utreds.",
                en: "You can have us keep but not use the data, for example while its accuracy is checked.")),
        Right(
            article: "20",
            title: .init(sv: "Rätt till dataportabilitet", en: "Right to data portability"),
            text: .init(
                sv:
                    "Uppgifter du själv lämnat och som vi behandlar med stöd av samtycke eller avtal kan du få i ett maskinläsbart format.",
                en:
                    "Data you gave us that we process on consent or contract can be given to you in a machine-readable format."
            )),
        Right(
            article: "21",
            title: .init(sv: "Rätt att invända", en: "Right to object"),
            text: .init(
                sv:
                    "Du kan invända mot behandling som bygger på intresseavvägning. Mot direktmarknadsföring kan du alltid invända, och då upphör den.",
                en:
                    "You can object to processing based on legitimate interests. You can always object to direct marketing, and it then stops."
            )),
        Right(
            article: "7.3",
            title: .init(sv: "Rätt att återkalla samtycke", en: "Right to withdraw consent"),
            text: .init(
                sv: "Ett samtycke kan du när som helst återkalla; det påverkar inte behandlingen innan.",
                en: "You can withdraw a consent at any time; this does not affect the processing before.")),
    ]

    static let complaint = LocalizedText(
        sv:
            "Du har rätt att lämna klagomål till Integritetsskyddsmyndigheten (IMY), Box 8114, 104 20 Stockholm, imy.se, om du anser att vi behandlar dina personuppgifter i strid med dataskyddsförordningen.",
        en:
            "You have the right to complain to the Swedish Authority for Privacy Protection (Integritetsskyddsmyndigheten, IMY), Box 8114, 104 20 Stockholm, Sweden, imy.se, if you think we process your personal data in breach of the GDPR."
    )

    /// "art. 15", "art. 7.3" in Swedish; "Art. 15", "Art. 7(3)" in English.
    static func article(_ number: String, _ language: Language) -> String {
        guard language == .en else { return "art. \(number)" }
        let parts = number.split(separator: ".")
        return "Art. " + parts[0] + parts.dropFirst().map { "(\($0))" }.joined()
    }
}

extension LegalBasis {
    /// "Avtal (art. 6.1 b)", "Contract (Art. 6(1)(b))".
    func described(_ language: Language) -> String {
        guard language == .sv else { return "\(name[.en]) (\(article))" }
        let point = article.dropFirst("Art. 6(1)(".count).dropLast()
        return "\(name[.sv]) (art. 6.1 \(point))"
    }
}

extension TransferSafeguard {
    var name: LocalizedText {
        switch self {
        case .adequacyDecision: return .init(sv: "beslut om adekvat skyddsnivå", en: "adequacy decision")
        case .standardContractualClauses:
            return .init(sv: "standardavtalsklausuler", en: "standard contractual clauses")
        case .bindingCorporateRules: return .init(sv: "bindande företagsbestämmelser", en: "binding corporate rules")
        case .codeOfConduct: return .init(sv: "uppförandekod", en: "code of conduct")
        case .certification: return .init(sv: "certifiering", en: "certification")
        case .derogation:
            return .init(sv: "undantag för särskilda situationer", en: "derogation for specific situations")
        }
    }
}

extension DataSource {
    var described: LocalizedText {
        switch self {
        case .dataSubject: return .init(sv: "Från dig", en: "From you")
        case .publicRegisters: return .init(sv: "Från offentliga register", en: "From public registers")
        case .thirdParty: return .init(sv: "Från annan än dig", en: "From someone other than you")
        }
    }
}
