import GallraCore
import Hummingbird

/// A request's context: who acts, once the request is authenticated.
public struct GallraRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The party the request acts for, set by the authentication middleware.
    public var party: Party?

    public init(source: Source) {
        self.coreContext = .init(source: source)
        self.party = nil
    }

    /// The party the request acts for; 401 when it was not authenticated.
    func actingParty() throws -> Party {
        guard let party else { throw HTTPError(.unauthorized, message: "Sign in or send an API token.") }
        return party
    }
}
