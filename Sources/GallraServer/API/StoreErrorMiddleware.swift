import GallraCore
import GallraStore
import Hummingbird

/// The store's errors as HTTP answers with a readable body; no personal data is in them.
struct StoreErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        do {
            return try await next(request, context)
        } catch let error as StoreError {
            switch error {
            case .notFound(let message): throw HTTPError(.notFound, message: message)
            case .invalidInput(let message): throw HTTPError(.unprocessableContent, message: message)
            case .keyFile, .integrity, .database:
                context.logger.error("store failure", metadata: ["error": "\(error)"])
                throw HTTPError(.internalServerError, message: "The store failed; the server log says why.")
            }
        } catch is DecodingError {
            throw HTTPError(.badRequest, message: "The request body is not the JSON this endpoint takes.")
        }
    }
}
