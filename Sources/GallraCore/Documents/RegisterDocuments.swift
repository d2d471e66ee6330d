/// The parts the access report, the Art. 30 record and the privacy notice say alike.
enum RegisterDocuments {
    /// "Avtal (art. 6.1 b)", with the law and the legitimate interest where they apply.
    static func basis(_ activity: ProcessingActivity, _ language: Language) -> [String] {
        var lines = [activity.legalBasis.map { $0.described(language) }.joined(separator: ", ")]
        if let law = activity.lawWording { lines.append(law.said(language)) }
        if let interest = activity.legitimateInterest {
            lines.append("\(language == .sv ? "Berättigat intresse" : "Legitimate interest"): \(interest[language])")
        }
        return lines
    }

    /// Each recipient, with the transfer and its safeguard where data leaves the EU/EEA.
    static func recipients(_ activity: ProcessingActivity, _ register: Register, _ language: Language) -> [String] {
        activity.recipients.compactMap(register.recipient).map { recipient in
            let name = "\(recipient.name) (\(recipient.kind.category[language]))"
            guard let transfer = recipient.transfer else { return name }
            let safeguard = transfer.safeguard.map { "\($0.name[language]), \($0.article)" } ?? "—"
            return
                "\(name), \(language == .sv ? "överföring till" : "transfer to") \(CountryNames.name(transfer.country, language)): \(safeguard)"
        }
    }

    static func rightsSection(_ register: Register, _ language: Language, into document: inout TextDocument) {
        let sv = language == .sv
        let controller = register.controller
        document.add(.heading(level: 2, sv ? "Dina rättigheter" : "Your rights"))
        document.add(
            .list(
                RightsWording.rights.map {
                    TextDocument.Item(
                        lead: $0.title[language],
                        text: "(\(RightsWording.article($0.article, language))). \($0.text[language])")
                }))
        let contact = [controller.email, controller.phone, controller.address].compactMap { $0 }
        document.add(
            .paragraph(
                "\(sv ? "Kontakta oss för att använda dina rättigheter" : "To use your rights, contact us"): "
                    + "\(controller.name), \(contact.joined(separator: ", "))."))
        if let dpo = controller.dpo, let email = dpo.email {
            document.add(
                .paragraph(
                    "\(sv ? "Vårt dataskyddsombud" : "Our data protection officer"): \(dpo.name.map { "\($0), " } ?? "")\(email)."
                ))
        }
        document.add(.paragraph(RightsWording.complaint[language]))
    }
}

extension Recipient.Kind {
    /// The category of recipient, as Art. 13(1)(e) asks it said.
    var category: LocalizedText {
        switch self {
        case .processor: return LocalizedText(sv: "personuppgiftsbiträde", en: "processor")
        case .subProcessor: return LocalizedText(sv: "underbiträde", en: "sub-processor")
        case .controller: return LocalizedText(sv: "självständigt personuppgiftsansvarig", en: "independent controller")
        case .authority: return LocalizedText(sv: "myndighet", en: "public authority")
        }
    }
}
