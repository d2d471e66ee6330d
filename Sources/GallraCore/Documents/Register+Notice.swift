/// The privacy notice (GDPR Art. 13 and 14) written from the register: what a company tells people
/// is what it enforces. Every item of Art. 13(1)–(2) and 14(1)–(2) has its place here.
extension Register {
    public func privacyNotice(_ language: Language, inForceSince: CivilDate? = nil) -> TextDocument {
        let sv = language == .sv
        var document = TextDocument(
            title: sv ? "Integritetspolicy – \(controller.name)" : "Privacy notice – \(controller.name)",
            language: language)
        document.add(
            .lead(
                sv
                    ? "Här beskriver vi hur \(controller.name) behandlar dina personuppgifter: varför, med vilken rättslig grund, hur länge och vem som får del av dem, och vilka rättigheter du har (artiklarna 13 och 14 i dataskyddsförordningen, GDPR)."
                    : "This notice explains how \(controller.name) processes your personal data: why, on which legal basis, for how long and who receives it, and what your rights are (Articles 13 and 14 of the General Data Protection Regulation, GDPR)."
            ))
        // Art. 13(1)(a)–(b).
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
        transfersSection(language, into: &document)
        automatedDecisionsSection(language, into: &document)
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
        document.add(.heading(level: 3, activity.name.said(language)))
        let purpose = activity.purpose.said(language)
        document.add(.paragraph(purpose.sentenceCased + (purpose.hasSuffix(".") ? "" : ".")))
        var basis = activity.legalBasis.map { $0.noticeWording(language) }
        if let law = activity.lawWording?.said(language) {
            basis.append(sv ? "Lagen som kräver det: \(law)." : "The law that requires it: \(law).")
        }
        if let interest = activity.legitimateInterest {
            basis.append(
                sv
                    ? "Vårt berättigade intresse: \(interest.said(language))."
                    : "Our legitimate interest: \(interest.said(language)).")
        }
        var definitions: [(String, [String])] = [
            (sv ? "Vilka uppgifter" : "What data", [categoryNames(activity, language)]),
            (sv ? "Om vem" : "About whom", [subjectNames(activity, language)]),
            (sv ? "Rättslig grund" : "Legal basis", basis),
            (
                sv ? "Hur länge" : "How long",
                [activity.peopleWording(declaredEvents: events)[language].sentenceCased + "."]
            ),
            (
                sv ? "Mottagare" : "Recipients",
                activity.recipients.isEmpty
                    ? [sv ? "Ingen utanför \(controller.name)." : "No one outside \(controller.name)."]
                    : RegisterDocuments.recipients(activity, self, language)
            ),
            (sv ? "Källa" : "Source", [activity.sourceWording(language)]),
        ]
        if let provision = activity.effectiveProvision {
            definitions.append(
                (
                    sv ? "Måste du lämna uppgifterna?" : "Must you provide the data?",
                    [
                        provision.wording(activity, language)
                    ]
                ))
        }
        if let decisions = activity.automatedDecisions {
            definitions.append(
                (sv ? "Automatiserade beslut" : "Automated decisions", decisions.wording(language)))
        }
        document.define(definitions)
    }

    /// Art. 13(1)(f), 14(1)(f): each transfer outside the EU/EEA, its ground and how to get a copy,
    /// or that there is none.
    private func transfersSection(_ language: Language, into document: inout TextDocument) {
        let sv = language == .sv
        document.add(.heading(level: 2, sv ? "Överföring till länder utanför EU/EES" : "Transfers outside the EU/EEA"))
        let transfers = recipients.filter { $0.transfer != nil }
        guard !transfers.isEmpty else {
            document.add(
                .paragraph(
                    sv
                        ? "Vi för inte över dina personuppgifter till länder utanför EU/EES."
                        : "We do not transfer your personal data to countries outside the EU/EEA."))
            return
        }
        document.add(
            .list(
                transfers.map { recipient in
                    TextDocument.Item(lead: recipient.name, text: recipient.transfer!.wording(self, language))
                }))
    }

    /// Art. 13(2)(f), 14(2)(g): automated decisions and profiling, or that there are none.
    private func automatedDecisionsSection(_ language: Language, into document: inout TextDocument) {
        let sv = language == .sv
        let deciding = activities.filter { $0.automatedDecisions != nil }
        guard !deciding.isEmpty || controller.noAutomatedDecisions else { return }
        document.add(
            .heading(level: 2, sv ? "Automatiserade beslut och profilering" : "Automated decisions and profiling"))
        guard !deciding.isEmpty else {
            document.add(
                .paragraph(
                    sv
                        ? "Vi fattar inga beslut som enbart grundas på automatiserad behandling, inbegripet profilering, och som har rättsliga följder för dig eller på liknande sätt påverkar dig i betydande grad (art. 22)."
                        : "We make no decisions based solely on automated processing, including profiling, that produce legal effects concerning you or similarly significantly affect you (Art. 22)."
                ))
            return
        }
        document.add(
            .paragraph(
                sv
                    ? "Vi fattar beslut genom automatiserad behandling i det som beskrivs nedan (art. 22). Du har rätt att få ett sådant beslut prövat av en människa, att framföra dina synpunkter och att bestrida beslutet."
                    : "We make decisions by automated processing in what is described below (Art. 22). You have the right to have such a decision reviewed by a person, to express your point of view and to contest the decision."
            ))
        document.add(
            .list(
                deciding.map { activity in
                    TextDocument.Item(
                        lead: activity.name.said(language),
                        text: activity.automatedDecisions!.wording(language).joined(separator: " "))
                }))
    }
}

extension LocalizedText {
    /// The text in `language`; a text the register gives only in the other language is said so,
    /// so that no Swedish is passed off as English and the reverse.
    func said(_ language: Language) -> String {
        switch language {
        case .sv: return sv ?? en.map { "\($0) (endast på engelska)" } ?? ""
        case .en: return en ?? sv.map { "\($0) (in Swedish only)" } ?? ""
        }
    }
}
