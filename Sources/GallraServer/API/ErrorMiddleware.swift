import GallraCore
import Hummingbird

/// The one edge where errors become HTTP answers, each with a readable body and no personal data:
/// not found 404, conflict 409, invalid input 422, forbidden 403, unavailable 503.
struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        do {
            return try await next(request, context)
        } catch let error as GallraError {
            throw HTTPError(Self.status(of: error, context: context), message: error.description)
        } catch let error as RegisterError {
            throw HTTPError(.unprocessableContent, message: error.description)
        } catch let error as IdentifierError {
            throw HTTPError(.unprocessableContent, message: error.description)
        } catch is DecodingError {
            throw HTTPError(.badRequest, message: "The request body is not the JSON this endpoint takes.")
        }
    }

    static func status(of error: GallraError, context: Context) -> HTTPResponse.Status {
        if case .integrity = error {
            context.logger.error("store integrity failure", metadata: ["error": "\(error)"])
        }
        return error.httpStatus
    }
}

extension GallraError {
    /// The one mapping of error kinds to HTTP statuses, for the API and the pages alike.
    var httpStatus: HTTPResponse.Status {
        switch self {
        case .notFound: return .notFound
        case .conflict: return .conflict
        case .invalidInput: return .unprocessableContent
        case .forbidden: return .forbidden
        case .unavailable: return .serviceUnavailable
        case .integrity: return .internalServerError
        }
    }
}
