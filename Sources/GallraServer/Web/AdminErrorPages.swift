import GallraCore
import Hummingbird

/// Refusals in the admin UI as pages, not JSON: the same statuses as the API (403, 404, 422 …),
/// with the message in the page's language and a way back.
struct AdminErrorPages: RouterMiddleware {
    typealias Context = GallraRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        do {
            return try await next(request, context)
        } catch let error as GallraError {
            if case .integrity = error { throw error }
            return page(ErrorMiddleware<Context>.status(of: error, context: context), error.description, context)
        } catch let error as HTTPError {
            return page(error.status, error.body ?? error.status.reasonPhrase, context)
        }
    }

    private func page(_ status: HTTPResponse.Status, _ message: String, _ context: Context) -> Response {
        let words = UIText.words(context.language)
        let heading = status == .forbidden ? words["forbidden"] : status == .notFound ? words["not_found"] : nil
        return Pages.shared.render(
            "message", title: heading ?? status.reasonPhrase,
            ["heading": heading ?? status.reasonPhrase, "message": message], language: context.language,
            signedIn: context.view, status: status)
    }
}
