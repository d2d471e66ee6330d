/// The privacy notice (GDPR Art. 13 and 14) written from the register: what a company tells people
/// is what it enforces.
extension Register {
    public func privacyNotice(_ language: Language, inForceSince: CivilDate? = nil) -> TextDocument {
        let sv = language == .sv
        var document = TextDocument(
            title: sv ? "Integritetspolicy – \(controller.name)" : "Privacy notice – \(controller.name)",
            language: language)
        document.add(
            .lead(
                sv
                    ? "Här beskriver vi hur \(controller.name) behandlar dina personuppgifter: varför, med vilket stöd i lag, hur länge och vem som får del av dem, och vilka rättigheter du har (artiklarna 13 och 14 i dataskyddsförordningen, GDPR)."
                    : "This notice explains how \(controller.name) processes your personal data: why, on which legal basis, for how long and who receives it, and what your rights are (Articles 13 and 14 of the General Data Protection Regulation, GDPR)."
            ))
        document.add(.heading(level: 2, sv ? "Personuppgiftsansvarig" : "Who is responsible"))
        document.add(
            .paragraph(
                sv
                    ? "\(controller.name) är personuppgiftsansvarig för behandlingen som beskrivs här."
                    : "\(controller.name) is the controller of the processing described here."))
        document.define(controllerDefinitions(language).filter { !$0.1.isEmpty && $0.0 != (sv ? "Namn" : "Name") })

        document.add(
            .heading(level: 2, sv ? "Hur vi behandlar dina personuppgifter" : "How we process your personal data"))
        for activity in activities { noticeSection(activity, language, into: &document) }

        let transfers = recipients.filter { $0.transfer != nil }
        if !transfers.isEmpty {
            document.add(
                .heading(level: 2, sv ? "Överföring till länder utanför EU/EES" : "Transfers outside the EU/EEA"))
            document.add(
                .list(
                    transfers.map { recipient in
                        let transfer = recipient.transfer!
                        let safeguard =
                            transfer.safeguard.map { "\($0.name[language]) (\($0.article))" } ?? "—"
                        return TextDocument.Item(
                            lead: recipient.name,
                            text: sv
                                ? "behandlar uppgifter i \(CountryNames.name(transfer.country, .sv)). Överföringen bygger på \(safeguard)."
                                : "processes data in \(CountryNames.name(transfer.country, .en)). The transfer relies on \(safeguard)."
                        )
                    }))
        }
        RegisterDocuments.rightsSection(self, language, into: &document)
        if let inForceSince {
            document.add(
                .paragraph(
                    sv ? "Denna information gäller från \(inForceSince)." : "This notice applies from \(inForceSince).")
            )
        }
        return document
    }

    private func noticeSection(_ activity: ProcessingActivity, _ language: Language, into document: inout TextDocument)
    {
        let sv = language == .sv
        document.add(.heading(level: 3, activity.name[language]))
        document.add(
            .paragraph(
                activity.purpose[language].sentenceCased + (activity.purpose[language].hasSuffix(".") ? "" : ".")))
        var basis = activity.legalBasis.map { $0.noticeWording(language) }
        if let law = activity.law {
            basis.append(sv ? "Lagen som kräver det: \(law)." : "The law that requires it: \(law).")
        }
        if let interest = activity.legitimateInterest {
            basis.append(
                sv
                    ? "Vårt berättigade intresse: \(interest[language])."
                    : "Our legitimate interest: \(interest[language]).")
        }
        var source: [String] = []
        switch activity.source {
        case .dataSubject: break
        case .publicRegisters:
            source.append(
                sv
                    ? "Uppgifterna kommer inte från dig utan från offentliga register (art. 14)."
                    : "The data does not come from you but from public registers (Art. 14).")
        case .thirdParty:
            source.append(
                sv
                    ? "Uppgifterna kommer inte från dig utan från någon annan (art. 14)."
                    : "The data does not come from you but from someone else (Art. 14).")
        }
        document.define([
            (sv ? "Vilka uppgifter" : "What data", [categoryNames(activity, language)]),
            (sv ? "Om vem" : "About whom", [subjectNames(activity, language)]),
            (sv ? "Rättslig grund" : "Legal basis", basis),
            (
                sv ? "Hur länge" : "How long",
                [activity.peopleWording(declaredEvents: events)[language].sentenceCased + "."]
            ),
            (sv ? "Mottagare" : "Recipients", RegisterDocuments.recipients(activity, self, language)),
            (sv ? "Källa" : "Source", source),
        ])
    }
}

extension LegalBasis {
    /// The basis as a sentence of a notice.
    func noticeWording(_ language: Language) -> String {
        let sv = language == .sv
        switch self {
        case .consent:
            return sv
                ? "Ditt samtycke (art. 6.1 a), som du när som helst kan återkalla."
                : "Your consent (Art. 6(1)(a)), which you can withdraw at any time."
        case .contract:
            return sv
                ? "Avtal (art. 6.1 b): behandlingen behövs för att fullgöra ett avtal med dig."
                : "Contract (Art. 6(1)(b)): the processing is needed to perform a contract with you."
        case .legalObligation:
            return sv
                ? "Rättslig förpliktelse (art. 6.1 c): vi är skyldiga enligt lag."
                : "Legal obligation (Art. 6(1)(c)): the law requires it of us."
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
                ? "Intresseavvägning (art. 6.1 f): vårt berättigade intresse väger tyngre än ditt intresse av skydd för uppgifterna. Du kan invända."
                : "Legitimate interests (Art. 6(1)(f)): our legitimate interest outweighs your interest in protecting the data. You can object."
        }
    }
}
