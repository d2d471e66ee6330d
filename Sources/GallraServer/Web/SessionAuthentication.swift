import Foundation
import GallraCore
import GallraServices
import Hummingbird

/// The admin UI's pages need a session: its cookie names the person, whose party then acts.
/// Without one, a page sends the browser to the sign-in page.
struct SessionAuthentication: RouterMiddleware {
    typealias Context = GallraRequestContext
    static let cookie = "gallra_session"
    let gallra: Gallra

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        guard let value = request.cookies[Self.cookie]?.value, let signedIn = try await gallra.session(cookie: value)
        else {
            return Response.redirect(to: "/admin/login", type: .normal)
        }
        // A reset password is changed before anything else (OWASP ASVS 2.1.x): every page but the
        // account's password form and signing out leads there.
        if signedIn.mustChangePassword, request.method == .get, request.uri.path != "/admin/account" {
            return Response.redirect(to: "/admin/account", type: .normal)
        }
        if signedIn.mustChangePassword, request.method == .post,
            !["/admin/account/password", "/admin/logout"].contains(request.uri.path)
        {
            return Response.redirect(to: "/admin/account", type: .normal)
        }
        var context = context
        context.party = signedIn.party
        context.signedIn = signedIn
        context.page = request.uri.path
        return try await next(request, context)
    }
}

extension GallraRequestContext {
    /// The person signed in (set by `SessionAuthentication`).
    func person() throws -> SignedIn {
        guard let signedIn else { throw HTTPError(.unauthorized, message: "Sign in first.") }
        return signedIn
    }

    /// A submitted form's fields, once its anti-forgery token matches the session's.
    func form(_ request: Request, limit: Int? = nil) async throws -> [String: String] {
        let fields = try await request.formFields(limit: limit)
        guard constantTimeEquals(fields["csrf"] ?? "", try person().csrf) else {
            throw HTTPError(.forbidden, message: "The form is stale or did not come from this site; reload the page.")
        }
        return fields
    }

    var view: SignedInView? {
        signedIn.map {
            SignedInView(
                email: $0.email, csrf: $0.csrf, mayReadAudit: $0.party.access.role.grants(.readAudit),
                page: page ?? "/admin",

                mayManageAccess: $0.party.access.role.grants(.manageAccess))
        }
    }
    var language: Language { signedIn?.language ?? .sv }
}
