import GallraCore
import GallraServices
import Hummingbird

/// An address that leads nowhere, outside the API, answers with a page in the reader's language
/// (the signed-in user's, else the browser's) that says so and leads back, rather than an empty
/// 404. The API keeps its JSON answers.
struct NotFoundPages: RouterMiddleware {
    typealias Context = GallraRequestContext
    let gallra: Gallra

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound && request.uri.path.hasPrefix("/api/") {
            // The API's own 404s say what is missing; the router's says nothing, so say it.
            guard error.body == nil else { throw error }
            throw HTTPError(
                .notFound, message: "No endpoint answers this method and path; /api/v1/openapi.json lists them.")
        } catch let error as HTTPError where error.status == .notFound {
            var context = context
            if let cookie = request.cookies[SessionAuthentication.cookie]?.value {
                // try?: a session that cannot be read shows the page as to someone signed out
                context.signedIn = (try? await gallra.session(cookie: cookie)) ?? nil
            }
            let language = context.signedIn?.language ?? request.askedLanguage
            let words = Words(language)
            let publicPage = request.uri.path.hasPrefix("/privacy")
            let page = MessagePage(
                heading: words[.notFound], message: words[.pageNotFound],
                back: publicPage || context.signedIn == nil && !request.uri.path.hasPrefix("/admin")
                    ? "/privacy?lang=\(language.rawValue)" : "/admin")
            return Pages.shared.render(
                "message", title: words[.notFound], page, language: language, signedIn: context.view,
                status: .notFound)
        }
    }
}
