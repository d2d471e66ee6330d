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

    /// The request it becomes in the request register (unsubscribe: an objection, Art. 21(3)).
    var requestKind: RequestKind {
        switch self {
        case .access: return .access
        case .erasure: return .erasure
        case .rectification: return .rectification
        case .objection, .unsubscribe: return .objection
        case .withdrawConsent: return .withdrawConsent
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
}

/// What the person is told once the request is confirmed.
public struct PublicReceipt: Sendable {
    public let kind: PublicRequestKind
    /// The request's id, for the person to refer to.
    public let reference: String
    public let deadline: CivilDate
    /// For an unsubscription: the activities that stopped, by name.
    public let stopped: [String]
}
