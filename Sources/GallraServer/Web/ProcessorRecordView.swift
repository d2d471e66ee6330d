import GallraCore

/// The record kept as a processor (Art. 30(2)) on the register page, under the controller's own
/// record: the processor (a), each controller it acts for with the categories of processing (b)
/// and the transfers (c), and the security measures (d).
struct ProcessorRecordView: Encodable, Sendable {
    struct Fact: Encodable, Sendable {
        let term: String
        let value: String
    }

    struct Client: Encodable, Sendable {
        let name: String
        let contact: String
        let representative: String
        let dpo: String
        let agreement: String
        let processing: [String]
        let transfers: [String]
    }

    let processor: [Fact]
    let clients: [Client]
    let security: String

    init(_ record: ProcessorRecord, words: Words) {
        let language = words.language
        let own = record.processor
        let facts: [(Word, String?)] = [
            (.processorName, own.organisationNumber.map { "\(own.name) (\($0))" } ?? own.name),
            (.contactDetails, Self.joined([own.email, own.phone, own.address])),
            (.dataProtectionOfficer, Register.contactLine(own.dpo)),
            (.representativeArt27, Register.contactLine(own.representative)),
        ]
        processor = facts.compactMap { word, value in value.map { Fact(term: words[word], value: $0) } }
        clients = record.controllers.map { client in
            Client(
                name: client.organisationNumber.map { "\(client.name) (\($0))" } ?? client.name,
                contact: Self.joined([client.email, client.phone, client.address]) ?? "",
                representative: Register.contactLine(client.representative) ?? "—",
                dpo: Register.contactLine(client.dpo) ?? "—",
                agreement: client.agreement.map { Register.agreementWording($0, language) }
                    ?? words[.agreementMissing],
                processing: client.processing.map { $0[language] },
                transfers: client.transfers.isEmpty
                    ? [words[.noneListed]] : client.transfers.map { $0.wording(language) })
        }
        security = record.security?[language] ?? words[.notDescribed]
    }

    private static func joined(_ parts: [String?]) -> String? {
        let kept = parts.compactMap { $0 }
        return kept.isEmpty ? nil : kept.joined(separator: ", ")
    }
}
