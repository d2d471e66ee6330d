import Foundation
import GallraCore

/// What a person may ask for on the public request page.
public enum PublicRequestKind: String, CaseIterable, Sendable, Codable {
    case access
    case erasure
    case rectification
    case objection
    case unsubscribe
    case withdrawConsent = "withdraw-consent"
    case restriction

    /// Whether the person names the activities it concerns (Art. 7(3), 18, 21).
    public var namesActivities: Bool { self != .unsubscribe && requestKind.namesActivities }

    /// The request it becomes in the request register (unsubscribe: an objection, Art. 21(3)).
    var requestKind: RequestKind {
        switch self {
        case .access: return .access
        case .erasure: return .erasure
        case .rectification: return .rectification
        case .objection, .unsubscribe: return .objection
        case .withdrawConsent: return .withdrawConsent
        case .restriction: return .restriction
        }
    }
}

/// What a confirmation link carries until it is used, sealed in the token register.
struct PublicRequestPayload: Codable, Sendable {
    let kind: PublicRequestKind
    let email: String
    let language: Language
    /// The day the form was sent: the request's deadline runs from it (Art. 12(3)).
    let received: String
    /// What is wrong (rectification) or why (unsubscribe), as the person wrote it.
    let details: String?
    /// The activities an objection, withdrawal or restriction concerns, as the person chose them on
    /// the form; nil or empty: all that the right covers.
    var activities: [String]? = nil
}

/// What the person is told once the request is confirmed.
public struct PublicReceipt: Sendable {
    public let kind: PublicRequestKind
    /// The request's id, for the person to refer to.
    public let reference: String
    public let deadline: CivilDate
    /// For an unsubscription: the activities that stopped, by name.
    public let stopped: [String]
    /// The activities the request concerns, by name; empty: all of them.
    public var concerns: [String] = []
}

/// What a confirmation link is for, while it works: the kind and the activities chosen, by name.
public struct PendingPublicRequest: Sendable {
    public let kind: PublicRequestKind
    public let concerns: [String]
}

/// An activity as the public form offers it.
public struct PublicActivity: Sendable, Encodable {
    public let id: String
    public let name: String
}
