import Hummingbird

/// Headers every answer carries: a Content-Security-Policy without inline script or style, no
/// framing, no referrer, no content sniffing, and no caching of pages that may hold personal data.
struct SecurityHeaders<Context: RequestContext>: RouterMiddleware {
    /// Whether browsers are told to use only https from now on (the base URL is https).
    var strictTransportSecurity = false

    static var policy: String {
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'"
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as HTTPResponseError {
            response = try error.response(from: request, context: context)
        }
        // A document with its own style keeps the policy that admits exactly that style.
        if response.headers[.contentSecurityPolicy] == nil { response.headers[.contentSecurityPolicy] = Self.policy }
        response.headers[HTTPFields.frameOptions] = "DENY"
        response.headers[HTTPFields.referrerPolicy] = "no-referrer"
        response.headers[.xContentTypeOptions] = "nosniff"
        if strictTransportSecurity {
            response.headers[HTTPFields.strictTransportSecurity] = "max-age=31536000; includeSubDomains"
        }
        if !request.uri.path.hasPrefix("/static/") { response.headers[.cacheControl] = "no-store" }
        return response
    }
}

extension HTTPFields {
    static let frameOptions = HTTPFields.Element.Name("X-Frame-Options")!
    static let referrerPolicy = HTTPFields.Element.Name("Referrer-Policy")!
    static let strictTransportSecurity = HTTPFields.Element.Name("Strict-Transport-Security")!
}
