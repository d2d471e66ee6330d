/// The record a processor keeps (Art. 30(2)), set beside the controller's own record (Art. 30(1))
/// in the Art. 30 document: the processor (a), each controller it acts for with the categories of
/// processing (b) and the transfers (c), and the security measures (d).
extension Register {
    func addProcessorRecord(to document: inout TextDocument, _ language: Language) {
        guard let record = processorRecord else { return }
        let sv = language == .sv
        document.add(
            .heading(
                level: 2,
                sv
                    ? "Register som personuppgiftsbiträde (artikel 30.2)"
                    : "Record as a processor (Article 30(2))"))
        document.add(
            .paragraph(
                sv
                    ? "Förteckning över alla kategorier av behandling som utförs för en personuppgiftsansvarigs räkning, enligt artikel 30.2 i dataskyddsförordningen."
                    : "Record of all categories of processing activities carried out on behalf of a controller, under Article 30(2) of the General Data Protection Regulation."
            ))
        document.add(.heading(level: 3, sv ? "Personuppgiftsbiträde (art. 30.2 a)" : "Processor (Art. 30(2)(a))"))
        let processor = record.processor
        document.define([
            (sv ? "Namn" : "Name", [processor.name]),
            (sv ? "Organisationsnummer" : "Organisation number", processor.organisationNumber.map { [$0] } ?? []),
            (sv ? "Adress" : "Address", processor.address.map { [$0] } ?? []),
            (sv ? "E-post" : "E-mail", processor.email.map { [$0] } ?? []),
            (sv ? "Telefon" : "Phone", processor.phone.map { [$0] } ?? []),
            (sv ? "Dataskyddsombud" : "Data protection officer", Self.contactLine(processor.dpo).map { [$0] } ?? []),
            (
                sv ? "Företrädare (art. 27)" : "Representative (Art. 27)",
                Self.contactLine(processor.representative).map { [$0] } ?? []
            ),
        ])
        document.add(
            .heading(
                level: 3,
                sv
                    ? "Personuppgiftsansvariga som biträdet behandlar för (art. 30.2 a–c)"
                    : "Controllers the processor acts for (Art. 30(2)(a)–(c))"))
        document.add(
            .table(
                headers: sv
                    ? [
                        "Personuppgiftsansvarig (art. 30.2 a)", "Kontaktuppgifter", "Företrädare", "Dataskyddsombud",
                        "Personuppgiftsbiträdesavtal (art. 28.3)", "Kategorier av behandling (art. 30.2 b)",
                        "Överföringar till tredje land (art. 30.2 c)",
                    ]
                    : [
                        "Controller (Art. 30(2)(a))", "Contact details", "Representative", "Data protection officer",
                        "Processing agreement (Art. 28(3))", "Categories of processing (Art. 30(2)(b))",
                        "Transfers to third countries (Art. 30(2)(c))",
                    ],
                rows: record.controllers.map { processorRow($0, language) }))
        document.add(
            .heading(level: 3, sv ? "Säkerhetsåtgärder (art. 30.2 d)" : "Security measures (Art. 30(2)(d))"))
        document.add(
            .paragraph(
                (sv
                    ? "Allmän beskrivning av de tekniska och organisatoriska säkerhetsåtgärder som avses i artikel 32.1: "
                    : "General description of the technical and organisational security measures referred to in Article 32(1): ")
                    + (record.security?[language] ?? (sv ? "inte beskrivna." : "not described."))))
    }

    /// "Name, e-mail, phone, address" of a contact, or nil when there is none.
    public static func contactLine(_ contact: Contact?) -> String? {
        guard let contact else { return nil }
        let parts = [contact.name, contact.email, contact.phone, contact.address].compactMap { $0 }
        return parts.isEmpty ? nil : parts.joined(separator: ", ")
    }

    private func processorRow(_ client: ClientController, _ language: Language) -> [String] {
        let sv = language == .sv
        let name = client.organisationNumber.map { "\(client.name) (\($0))" } ?? client.name
        return [
            name,
            [client.email, client.phone, client.address].compactMap { $0 }.joined(separator: "\n"),
            Self.contactLine(client.representative) ?? "",
            Self.contactLine(client.dpo) ?? "",
            client.agreement.map { Self.agreementWording($0, language) } ?? (sv ? "saknas" : "missing"),
            client.processing.map { $0[language] }.joined(separator: "\n"),
            client.transfers.isEmpty
                ? (sv ? "Inga" : "None") : client.transfers.map { $0.wording(language) }.joined(separator: "\n"),
        ]
    }

    public static func agreementWording(_ agreement: ProcessorAgreement, _ language: Language) -> String {
        let sv = language == .sv
        return [
            agreement.reference,
            agreement.signed.map { sv ? "undertecknat \($0)" : "signed \($0)" },
            agreement.expires.map { sv ? "gäller till \($0)" : "expires \($0)" },
        ].compactMap { $0 }.joined(separator: ", ")
    }
}

extension ProcessorTransfer {
    /// "USA (Supportverktyg Inc.): standardavtalsklausuler (Art. 46(2)(c))", with the documentation
    /// of a transfer under the second subparagraph of Art. 49(1).
    public func wording(_ language: Language) -> String {
        let sv = language == .sv
        let destination = country.map { CountryNames.name($0, language) } ?? organisation ?? ""
        var text = destination + (recipient.map { " (\($0))" } ?? "")
        text += ": \(safeguard.name[language]) (\(safeguard.article))"
        if compellingLegitimateInterests {
            text +=
                sv
                ? "; enligt artikel 49.1 andra stycket (tvingande berättigade intressen)"
                : "; under the second subparagraph of Article 49(1) (compelling legitimate interests)"
        }
        if let documentation {
            text +=
                (sv ? "; dokumentation av lämpliga skyddsåtgärder: " : "; documentation of suitable safeguards: ")
                + documentation[language]
        }
        return text
    }
}
