/// The record of processing activities (GDPR Art. 30(1)) as a document a company hands IMY on
/// request, laid out like the seed registers' tables.
extension Register {
    /// `version` and `inForceSince` say which version of the register this is.
    public func art30Document(_ language: Language, version: Int64? = nil, inForceSince: CivilDate? = nil)
        -> TextDocument
    {
        let sv = language == .sv
        var document = TextDocument(
            title: sv
                ? "Register över behandlingar – \(controller.name)"
                : "Record of processing activities – \(controller.name)",
            language: language, layout: .landscape)
        let articles =
            processorRecord == nil
            ? (sv ? "artikel 30.1" : "Article 30(1)") : (sv ? "artikel 30.1 och 30.2" : "Article 30(1) and (2)")
        var lead =
            sv
            ? "Förteckning över behandlingar enligt \(articles) i dataskyddsförordningen (GDPR)"
            : "Record of processing activities under \(articles) of the General Data Protection Regulation (GDPR)"
        if let version { lead += sv ? ", version \(version)" : ", version \(version)" }
        if let inForceSince { lead += sv ? ", gällande från \(inForceSince)" : ", in force from \(inForceSince)" }
        document.add(.lead(lead + "."))
        document.add(.heading(level: 2, sv ? "Personuppgiftsansvarig" : "Controller"))
        document.define(controllerDefinitions(language))
        document.add(.heading(level: 2, sv ? "Behandlingar" : "Processing activities"))
        document.add(
            .table(
                headers: sv
                    ? [
                        "Behandling", "Ändamål", "Personuppgifter", "Registrerade", "Rättslig grund", "Lagringstid",
                        "Mottagare", "Överföring till tredje land", "Säkerhetsåtgärder",
                    ]
                    : [
                        "Activity", "Purpose", "Personal data", "Data subjects", "Legal basis", "Retention",
                        "Recipients",
                        "Transfers to third countries", "Security measures",
                    ],
                rows: activities.map { art30Row($0, language) }))
        if !recipients.isEmpty {
            document.add(.heading(level: 2, sv ? "Mottagare och biträden" : "Recipients and processors"))
            document.add(
                .table(
                    headers: sv
                        ? ["Mottagare", "Roll", "Land", "Personuppgiftsbiträdesavtal", "Överföring"]
                        : ["Recipient", "Role", "Country", "Processing agreement", "Transfer"],
                    rows: recipients.map { recipientRow($0, language) }))
        }
        addProcessorRecord(to: &document, language)
        return document
    }

    func controllerDefinitions(_ language: Language) -> [(String, [String])] {
        let sv = language == .sv
        func contact(_ contact: Contact?) -> [String] {
            guard let contact else { return [] }
            return [
                [contact.name, contact.email, contact.phone, contact.address].compactMap { $0 }.joined(separator: ", ")
            ]
        }
        return [
            (sv ? "Namn" : "Name", [controller.name]),
            (sv ? "Organisationsnummer" : "Organisation number", controller.organisationNumber.map { [$0] } ?? []),
            (sv ? "Adress" : "Address", controller.address.map { [$0] } ?? []),
            (sv ? "E-post" : "E-mail", controller.email.map { [$0] } ?? []),
            (sv ? "Telefon" : "Phone", controller.phone.map { [$0] } ?? []),
            (sv ? "Dataskyddsombud" : "Data protection officer", contact(controller.dpo)),
            (sv ? "Företrädare (art. 27)" : "Representative (Art. 27)", contact(controller.representative)),
        ]
    }

    func categoryNames(_ activity: ProcessingActivity, _ language: Language) -> String {
        activity.data.map { id in
            let category = category(id)
            let name = category?.name[language] ?? id
            return category?.isSpecial == true ? "\(name) (\(language == .sv ? "art. 9" : "Art. 9"))" : name
        }.joined(separator: ", ")
    }

    func subjectNames(_ activity: ProcessingActivity, _ language: Language) -> String {
        activity.dataSubjects.map { id in knownSubjectCategories.first { $0.id == id }?.name[language] ?? id }
            .joined(separator: ", ")
    }

    private func art30Row(_ activity: ProcessingActivity, _ language: Language) -> [String] {
        let transfers = activity.recipients.compactMap(recipient).compactMap { recipient -> String? in
            guard let transfer = recipient.transfer else { return nil }
            let safeguard = transfer.safeguard.map { "\($0.name[language]) (\($0.article))" } ?? "—"
            return "\(CountryNames.name(transfer.country, language)): \(safeguard)"
        }
        return [
            activity.name[language],
            activity.purpose[language],
            categoryNames(activity, language),
            subjectNames(activity, language),
            RegisterDocuments.basis(activity, language).joined(separator: "\n"),
            activity.peopleWording(declaredEvents: events)[language].sentenceCased,
            activity.recipients.compactMap(recipient).map(\.name).joined(separator: ", "),
            transfers.joined(separator: "\n"),
            activity.security?[language] ?? "",
        ]
    }

    private func recipientRow(_ recipient: Recipient, _ language: Language) -> [String] {
        let sv = language == .sv
        let agreement = recipient.agreement.map { agreement in
            [
                agreement.reference,
                agreement.signed.map { sv ? "undertecknat \($0)" : "signed \($0)" },
                agreement.expires.map { sv ? "gäller till \($0)" : "expires \($0)" },
            ].compactMap { $0 }.joined(separator: ", ")
        }
        let transfer = recipient.transfer.map { transfer in
            "\(CountryNames.name(transfer.country, language)): "
                + (transfer.safeguard.map { "\($0.name[language]) (\($0.article))" } ?? "—")
        }
        return [
            recipient.name, recipient.kind.described[language], recipient.country ?? "",
            agreement
                ?? (recipient.kind == .processor || recipient.kind == .subProcessor ? (sv ? "saknas" : "missing") : ""),
            transfer ?? "",
        ]
    }
}

extension Recipient.Kind {
    var described: LocalizedText {
        switch self {
        case .processor: return .init(sv: "Personuppgiftsbiträde", en: "Processor")
        case .subProcessor: return .init(sv: "Underbiträde", en: "Sub-processor")
        case .controller: return .init(sv: "Självständigt personuppgiftsansvarig", en: "Independent controller")
        case .authority: return .init(sv: "Myndighet", en: "Public authority")
        }
    }
}
