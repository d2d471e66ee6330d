import GallraCore
import GallraServices
import Hummingbird

/// A request's context: who acts, once the request is authenticated.
public struct GallraRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The party the request acts for, set by the authentication middleware.
    public var party: Party?
    /// The person signed in to the admin UI, set by the session middleware.
    public var signedIn: SignedIn?
    /// The admin page asked for, to come back to after choosing a language (set with `signedIn`).
    public var page: String?

    /// The client's address, for counting failed sign-ins (never logged): the peer, or behind a
    /// trusted proxy the client it names (`ClientAddressMiddleware`).
    public var clientAddress: String

    public init(source: Source) {
        self.coreContext = .init(source: source)
        self.party = nil
        self.signedIn = nil
        self.clientAddress = source.channel.remoteAddress?.ipAddress ?? "unknown"
    }

    /// The party the request acts for; 401 when it was not authenticated.
    func actingParty() throws -> Party {
        guard let party else { throw HTTPError(.unauthorized, message: "Sign in or send an API token.") }
        return party
    }
}
