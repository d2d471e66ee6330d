/// The record a processor keeps (GDPR Art. 30(2)): for a company that also processes personal
/// data on behalf of its customers, each controller it acts for, the categories of processing
/// done for each, the transfers to third countries with their safeguards, and a general
/// description of the security measures (Art. 32(1)).
public struct ProcessorRecord: Hashable, Sendable {
    /// Art. 30(2)(a): the processor itself, with its representative and its DPO.
    public var processor: Controller
    public var controllers: [ClientController]
    /// Art. 30(2)(d): the technical and organisational security measures referred to in Art. 32(1).
    public var security: LocalizedText?

    public init(processor: Controller, controllers: [ClientController], security: LocalizedText? = nil) {
        self.processor = processor
        self.controllers = controllers
        self.security = security
    }

    public func controller(_ id: String) -> ClientController? { controllers.first { $0.id == id } }
}

/// A controller the company processes personal data for (Art. 30(2)(a)), with the Art. 28(3)
/// agreement, the categories of processing (b) and the transfers (c).
public struct ClientController: Hashable, Sendable {
    public var id: String
    public var name: String
    public var organisationNumber: String?
    public var address: String?
    public var email: String?
    public var phone: String?
    public var representative: Contact?
    public var dpo: Contact?
    public var agreement: ProcessorAgreement?
    /// Art. 30(2)(b): the categories of processing carried out on behalf of this controller.
    public var processing: [LocalizedText]
    /// Art. 30(2)(c).
    public var transfers: [ProcessorTransfer]

    public init(
        id: String, name: String, organisationNumber: String? = nil, address: String? = nil, email: String? = nil,
        phone: String? = nil, representative: Contact? = nil, dpo: Contact? = nil,
        agreement: ProcessorAgreement? = nil, processing: [LocalizedText], transfers: [ProcessorTransfer] = []
    ) {
        self.id = id
        self.name = name
        self.organisationNumber = organisationNumber
        self.address = address
        self.email = email
        self.phone = phone
        self.representative = representative
        self.dpo = dpo
        self.agreement = agreement
        self.processing = processing
        self.transfers = transfers
    }
}

/// A transfer of a controller's data to a third country or an international organisation
/// (Art. 30(2)(c)), on the ground that makes it lawful.
public struct ProcessorTransfer: Hashable, Sendable {
    /// The third country (ISO 3166-1 alpha-2), or nil when the data goes to an international organisation.
    public var country: String?
    /// The international organisation, when the data goes to one.
    public var organisation: String?
    /// Who receives the data there (a sub-processor, say).
    public var recipient: String?
    public var safeguard: TransferSafeguard
    /// A transfer under the second subparagraph of Art. 49(1) (compelling legitimate interests;
    /// not repetitive, few people), which must be documented with its suitable safeguards.
    public var compellingLegitimateInterests: Bool
    /// The documentation of the suitable safeguards (Art. 30(2)(c), Art. 49(6)).
    public var documentation: LocalizedText?

    public init(
        country: String?, organisation: String? = nil, recipient: String? = nil, safeguard: TransferSafeguard,
        compellingLegitimateInterests: Bool = false, documentation: LocalizedText? = nil
    ) {
        self.country = country
        self.organisation = organisation
        self.recipient = recipient
        self.safeguard = safeguard
        self.compellingLegitimateInterests = compellingLegitimateInterests
        self.documentation = documentation
    }
}
