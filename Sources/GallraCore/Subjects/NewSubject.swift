import Foundation

extension SubjectIdentifier.Kind {
    /// How the kind is named in a sentence.
    public var label: String {
        switch self {
        case .email: return "e-mail address"
        case .phone: return "phone number"
        case .personalNumber: return "personnummer"
        }
    }
}

/// A data subject to add: at least one identifier, and a name if known.
public struct NewSubject: Sendable {
    public var email: String?
    public var name: String?
    public var phone: String?
    public var personalNumber: String?

    public init(email: String?, name: String? = nil, phone: String? = nil, personalNumber: String? = nil) {
        self.email = email
        self.name = name
        self.phone = phone
        self.personalNumber = personalNumber
    }

    /// A subject known by one identifier, as it was normalised.
    public init(identifier: SubjectIdentifier) {
        self.init(
            email: identifier.kind == .email ? identifier.value : nil,
            phone: identifier.kind == .phone ? identifier.value : nil,
            personalNumber: identifier.kind == .personalNumber ? identifier.value : nil)
    }

    /// The subject's identifiers, each checked and normalised; at least one.
    public func identifiers(today: CivilDate) throws -> [SubjectIdentifier] {
        var identifiers: [SubjectIdentifier] = []
        if let email { identifiers.append(try SubjectIdentifier(.email, email, today: today)) }
        if let phone { identifiers.append(try SubjectIdentifier(.phone, phone, today: today)) }
        if let personalNumber {
            identifiers.append(try SubjectIdentifier(.personalNumber, personalNumber, today: today))
        }
        guard !identifiers.isEmpty else {
            throw GallraError.invalidInput(
                "A subject needs at least one identifier: an e-mail, a phone or a personnummer.")
        }
        return identifiers
    }
}
