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
            if case .integrity = error { return unexpected(error, context) }
            return page(error.httpStatus, error.message(in: context.language), context)
        } catch let error as FormTooLarge {
            return page(error.status, error.message(context.language), context)
        } catch let error as HTTPError {
            return page(error.status, error.body ?? error.status.reasonPhrase, context)
        } catch let error as any HTTPResponseError {
            throw error
        } catch let error as RegisterError {
            return page(.unprocessableContent, error.message(in: context.language), context)
        } catch let error as IdentifierError {
            return page(.unprocessableContent, error.message(in: context.language), context)
        } catch {
            return unexpected(error, context)
        }
    }

    /// A page that says only under which reference the error was logged (see `UnexpectedError`).
    private func unexpected(_ error: any Error, _ context: Context) -> Response {
        let reference = UnexpectedError.log(error, logger: context.logger, route: context.endpointPath)
        let message = Words(context.language).fill(.unexpectedLogged, ["reference": reference])
        return page(.internalServerError, message, context)
    }

    private func page(_ status: HTTPResponse.Status, _ message: String, _ context: Context) -> Response {
        let words = Words(context.language)
        let heading: String =
            switch status.code {
            case 403: words[.forbidden]
            case 404: words[.notFound]
            case 409: words[.conflictHeading]
            case 503: words[.unavailableHeading]
            case 400..<500: words[.refusedHeading]
            default: words[.failedHeading]
            }
        return Pages.shared.render(
            "message", title: heading, MessagePage(heading: heading, message: message), language: context.language,
            signedIn: context.view, status: status)
    }
}
