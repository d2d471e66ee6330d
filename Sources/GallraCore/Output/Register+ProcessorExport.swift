/// The record kept as a processor (Art. 30(2)) as data: in the register's JSON export, and as a
/// CSV of its own (one row a controller the company processes for), beside the controller's record.
extension Register {
    /// The `processor` member of `exportJSON`, or nil when the register keeps no processor's record.
    func processorJSON(language: Language) -> JSONText? {
        guard let record = processorRecord else { return nil }
        func contact(_ contact: Contact?) -> JSONText {
            guard let contact else { return .null }
            return .object([
                ("name", .optional(contact.name)), ("email", .optional(contact.email)),
                ("phone", .optional(contact.phone)), ("address", .optional(contact.address)),
            ])
        }
        let processor = record.processor
        let controllers: [JSONText] = record.controllers.map { client in
            .object([
                ("id", .string(client.id)),
                ("name", .string(client.name)),
                ("organisation_number", .optional(client.organisationNumber)),
                ("address", .optional(client.address)),
                ("email", .optional(client.email)),
                ("phone", .optional(client.phone)),
                ("representative", contact(client.representative)),
                ("dpo", contact(client.dpo)),
                (
                    "agreement",
                    client.agreement.map { agreement -> JSONText in
                        .object([
                            ("signed", .optional(agreement.signed?.description)),
                            ("reference", .optional(agreement.reference)),
                            ("expires", .optional(agreement.expires?.description)),
                        ])
                    } ?? .null
                ),
                ("processing", .array(client.processing.map { .string($0[language]) })),
                (
                    "transfers",
                    .array(
                        client.transfers.map { transfer -> JSONText in
                            .object([
                                ("country", .optional(transfer.country)),
                                ("organisation", .optional(transfer.organisation)),
                                ("recipient", .optional(transfer.recipient)),
                                ("safeguard", .string(transfer.safeguard.rawValue)),
                                ("compelling_legitimate_interests", .bool(transfer.compellingLegitimateInterests)),
                                ("documentation", .optional(transfer.documentation?[language])),
                            ])
                        })
                ),
            ])
        }
        return .object([
            ("name", .string(processor.name)),
            ("organisation_number", .optional(processor.organisationNumber)),
            ("address", .optional(processor.address)),
            ("email", .optional(processor.email)),
            ("phone", .optional(processor.phone)),
            ("representative", contact(processor.representative)),
            ("dpo", contact(processor.dpo)),
            ("security", .optional(record.security?[language])),
            ("controllers", .array(controllers)),
        ])
    }

    public static let processorCSVColumns = [
        "controller_id", "controller_name", "controller_organisation_number", "controller_contact",
        "controller_representative", "controller_dpo", "agreement", "processing", "transfers", "security",
        "processor_name", "processor_contact", "processor_representative", "processor_dpo",
    ]

    /// The processor's record (Art. 30(2)) as RFC 4180 CSV with a header row, one row a controller
    /// the company processes for; lists are joined with "; ". Only the header when there is none.
    public func exportProcessorCSV(language: Language) -> String {
        var lines = [Self.processorCSVColumns.joined(separator: ",")]
        if let record = processorRecord {
            let processor = record.processor
            let processorContact = [processor.email, processor.phone, processor.address].compactMap { $0 }
            for client in record.controllers {
                let fields: [String] = [
                    client.id, client.name, client.organisationNumber ?? "",
                    [client.email, client.phone, client.address].compactMap { $0 }.joined(separator: "; "),
                    Self.contactLine(client.representative) ?? "", Self.contactLine(client.dpo) ?? "",
                    client.agreement.map { Self.agreementWording($0, language) } ?? "",
                    client.processing.map { $0[language] }.joined(separator: "; "),
                    client.transfers.map { $0.wording(language) }.joined(separator: "; "),
                    record.security?[language] ?? "",
                    processor.name, processorContact.joined(separator: "; "),
                    Self.contactLine(processor.representative) ?? "", Self.contactLine(processor.dpo) ?? "",
                ]
                lines.append(fields.map(Self.csvField).joined(separator: ","))
            }
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }
}
