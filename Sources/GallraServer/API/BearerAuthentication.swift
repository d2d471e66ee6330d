import GallraCore
import GallraServices
import Hummingbird

/// API callers send their token as `Authorization: Bearer …`; the token register says which party
/// it is and what it may do. Only the token's SHA-256 is looked up, never the token itself.
struct BearerAuthentication: RouterMiddleware {
    typealias Context = GallraRequestContext
    let gallra: Gallra

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer ") else {
            throw HTTPError(
                .unauthorized, headers: [.wwwAuthenticate: "Bearer"],
                message: "Send an API token as \"Authorization: Bearer <token>\" (gallra token create).")
        }
        guard let party = try await gallra.party(forToken: String(header.dropFirst("Bearer ".count))) else {
            throw HTTPError(
                .unauthorized, headers: [.wwwAuthenticate: "Bearer error=\"invalid_token\""],
                message: "The API token is not valid, or it was revoked.")
        }
        var context = context
        context.party = party
        return try await next(request, context)
    }
}
