import GallraCore
import Hummingbird

/// The one edge where errors become HTTP answers, each with a readable body and no personal data:
/// not found 404, conflict 409, invalid input 422, forbidden 403, unavailable 503. Anything else
/// (the store contradicting itself, a connected database's error, a value that does not decode) is
/// a 500 that says only under which reference it was logged.
struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        do {
            return try await next(request, context)
        } catch let error as GallraError {
            if case .integrity = error {
                throw UnexpectedError.answer(error, logger: context.logger, route: context.endpointPath)
            }
            if error.isCommitInDoubt {
                // Not a 503 to try again after: the work may have been done, and done twice then.
                throw HTTPError(.internalServerError, message: error.description)
            }
            if case .unavailable = error {
                // Not now: the database is away (a failover takes some 15 s) or busy elsewhere.
                throw HTTPError(
                    error.httpStatus, headers: [.retryAfter: "\(Self.retryAfterSeconds)"], message: error.description)
            }
            throw HTTPError(error.httpStatus, message: error.description)
        } catch let error as RegisterError {
            throw HTTPError(.unprocessableContent, message: error.description)
        } catch let error as IdentifierError {
            throw HTTPError(.unprocessableContent, message: error.description)
        } catch let error as any HTTPResponseError {
            throw error
        } catch {
            throw UnexpectedError.answer(error, logger: context.logger, route: context.endpointPath)
        }
    }

    /// How long a caller told 503 waits before trying again.
    static var retryAfterSeconds: Int { 5 }
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
