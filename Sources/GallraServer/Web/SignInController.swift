import Foundation
import GallraCore
import GallraServices
import Hummingbird

/// Signing in and out of the admin UI. The sign-in form is protected against forgery by a
/// random value in both a cookie and the form; failures are counted per login and address.
struct SignInController: Sendable {
    typealias Context = GallraRequestContext
    let gallra: Gallra
    let throttle: SignInThrottle
    let secureCookies: Bool
    let adminsNeedSecondFactor: Bool
    /// The sign-in form's anti-forgery value.
    var formToken: PreSessionForm {
        PreSessionForm(cookie: "gallra_signin", path: "/admin/login", secure: secureCookies)
    }

    func add(to router: Router<Context>) {
        router.get("/admin/login", use: form)
        router.post("/admin/login", use: signIn)
    }

    func add(toAdmin admin: RouterGroup<Context>) {
        admin.post("logout", use: signOut)
    }

    @Sendable func form(_ request: Request, context: Context) async throws -> Response {
        page(language: Self.language(request), error: nil, email: "", status: .ok)
    }

    @Sendable func signIn(_ request: Request, context: Context) async throws -> Response {
        let language = Self.language(request)
        let fields = try await request.formFields()
        guard formToken.accepts(request, fields: fields) else {
            return page(
                language: language, error: Words(language)[.signInFailed], email: "", status: .forbidden)
        }
        let email = (fields["email"] ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        // Counted before the password is checked, in one step: parallel attempts each count. Five
        // per account, and twenty per client (the proxy's client when one is trusted), so that one
        // account's lockout never locks another out.
        let keys = ["account:\(email)": 5, "client:\(context.clientAddress)": 20]
        guard try await throttle.admit(keys) else {
            return page(
                language: language, error: Words(language)[.signInThrottled], email: email,
                status: .tooManyRequests)
        }
        guard
            let signedIn = try await gallra.signIn(
                email: email, password: fields["password"] ?? "", code: fields["code"] ?? "",
                adminsNeedSecondFactor: adminsNeedSecondFactor)
        else {
            return page(
                language: language, error: Words(language)[.signInFailed], email: email,
                status: .unauthorized)
        }
        try await throttle.forgive(Array(keys.keys))
        try await throttle.reset(["account:\(email)"])
        var response = Response.redirect(to: "/admin", type: .normal)
        response.setCookie(
            Cookie(
                name: SessionAuthentication.cookie, value: signedIn.cookie, path: "/", secure: secureCookies,
                httpOnly: true, sameSite: .strict))
        response.setCookie(formToken.expired)
        return response
    }

    @Sendable func signOut(_ request: Request, context: Context) async throws -> Response {
        _ = try await context.form(request)
        try await gallra.signOut(cookie: try context.person().cookie)
        var response = Response.redirect(to: "/admin/login", type: .normal)
        response.setCookie(expired(SessionAuthentication.cookie, path: "/"))
        return response
    }

    /// The sign-in page, with a fresh anti-forgery value in its cookie and its form.
    private func page(language: Language, error: String?, email: String, status: HTTPResponse.Status) -> Response {
        let token = freshFormToken()
        var response = Pages.shared.render(
            "login", title: Words(language)[.signIn], LoginPage(csrf: token, emailTyped: email, error: error),
            language: language, signedIn: nil,
            status: status)
        formToken.attach(token, to: &response)
        return response
    }

    private func expired(_ name: String, path: String) -> Cookie {
        Cookie(name: name, value: "", maxAge: 0, path: path, secure: secureCookies, httpOnly: true, sameSite: .strict)
    }

    /// `?lang=`, then the browser's language, then Swedish.
    static func language(_ request: Request) -> Language {
        request.askedLanguage
    }
}

/// The sign-in page (`login.mustache`).
struct LoginPage: Encodable, Sendable {
    /// The anti-forgery value of the form (the page has no session yet).
    let csrf: String
    /// What the person typed, given back after a refusal.
    let emailTyped: String
    let error: String?
}
