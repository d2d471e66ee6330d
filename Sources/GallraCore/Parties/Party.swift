import Foundation

/// Who acts: the person or program every audit entry names (GDPR Art. 5(2), accountability).
///
/// A use case takes the acting party and the store writes it on each entry of the audit log, so
/// that the log tells the privacy officer from the support agent, a program's API token from the
/// data subject on the self-service page, and both from the scheduled sweep.
public struct Party: Hashable, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable, CaseIterable {
        /// A person signed in: in the admin UI, or at a shell (`cli:` names).
        case user
        /// A program calling the API with a token, named by the token's name (never its secret).
        case token
        /// The data subject, on the public pages, named by pseudonymous id (never an address).
        case subject
        /// Gallra itself: the scheduled sweep, the mail sender.
        case system
    }

    public let kind: Kind
    public let name: String
    /// What the party may do; a shell user holding the key file and the system may do everything.
    public let access: Access

    public init(_ kind: Kind, _ name: String, access: Access = .full) {
        self.kind = kind
        self.name = name
        self.access = access
    }

    public static func user(_ name: String, access: Access = .full) -> Party { Party(.user, name, access: access) }
    public static func token(_ name: String, access: Access = .full) -> Party { Party(.token, name, access: access) }
    /// The data subject on the public pages: no reach into the registers beyond the self-service
    /// use cases written for them.
    public static func subject(_ id: String) -> Party {
        Party(.subject, id, access: Access(role: .support, activities: []))
    }
    public static func system(_ name: String) -> Party { Party(.system, name) }

    /// The scheduled or command-line sweep.
    public static let sweep = Party.system("sweep")

    /// As written in the audit log's actor column: "user:anna", "token:ticketing", "system:sweep".
    public var description: String { "\(kind.rawValue):\(name)" }

    /// Reads who acts from a command line or its environment: "user:anna", "token:ticketing",
    /// "system:sweep"; a bare name is a user. The data subject acts on the public pages only, so
    /// "subject:…" is refused, as is any other kind and an empty name: a misspelt actor would
    /// otherwise be written on every audit entry as a user of that odd name.
    public init(parsing text: String) throws(GallraError) {
        let actingKinds: [Kind] = [.user, .token, .system]
        guard let colon = text.firstIndex(of: ":") else {
            guard !text.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw GallraError.invalidInput("The actor is empty; name it as user:NAME, token:NAME or system:NAME.")
            }
            self.init(.user, text)
            return
        }
        let name = String(text[text.index(after: colon)...])
        guard let kind = Kind(rawValue: String(text[..<colon])), actingKinds.contains(kind),
            !name.trimmingCharacters(in: .whitespaces).isEmpty
        else {
            throw GallraError.invalidInput(
                "The actor \"\(text)\" is not user:NAME, token:NAME or system:NAME; the data subject acts only on the public pages."
            )
        }
        self.init(kind, name)
    }
}
