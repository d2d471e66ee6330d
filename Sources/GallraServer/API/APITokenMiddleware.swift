import Crypto
import Foundation
import GallraCore
import Hummingbird

/// Every API call carries the token as `Authorization: Bearer …`; it is compared by its SHA-256,
/// in constant time.
struct APITokenMiddleware: RouterMiddleware {
    typealias Context = GallraRequestContext
    let digest: [UInt8]
    /// The party a caller with the token acts as, on every audit entry of its requests.
    let party: Party

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer ") else {
            throw HTTPError(.unauthorized, message: "Send the API token as \"Authorization: Bearer <token>\".")
        }
        let given = Array(SHA256.hash(data: Data(header.dropFirst("Bearer ".count).utf8)))
        // Every byte is compared, whatever the first difference, so timing tells nothing.
        let difference = zip(given, digest).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) }
        guard given.count == digest.count && difference == 0 else {
            throw HTTPError(.unauthorized, message: "The API token is not valid.")
        }
        var context = context
        context.party = party
        return try await next(request, context)
    }
}
