import Foundation
import GallraCore
import GallraServices
import Hummingbird

/// The page of the person signed in: changing their password (the current one required) and
/// their two-step sign-in, enrolled from a QR code and confirmed by a code, with recovery codes
/// shown once.
struct AccountController: Sendable {
    typealias Context = GallraRequestContext
    let gallra: Gallra

    func add(to admin: RouterGroup<Context>) {
        admin.get("account", use: show)
        admin.post("account/password", use: changePassword)
        admin.post("account/totp", use: beginSecondFactor)
        admin.post("account/totp/confirm", use: confirmSecondFactor)
        admin.post("account/recovery-codes", use: newRecoveryCodes)
    }

    @Sendable func show(_ request: Request, context: Context) async throws -> Response {
        try await page(context)
    }

    private func page(
        _ context: Context, notice: String? = nil, passwordError: String? = nil, codeError: String? = nil,
        recoveryCodes: [String] = [], status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let words = Words(context.language)
        let signedIn = try context.person()
        let (person, left) = try await gallra.ownAccount(signedIn: signedIn)
        var page = AccountPage(
            mustChange: person.mustChangePassword, secondFactor: person.secondFactor,
            secondFactorText: person.secondFactor
                ? words.fill(.accountSecondFactorOn, ["count": "\(left)"]) : words[.accountSecondFactorOff],
            notice: notice, passwordError: passwordError, codeError: codeError, recoveryCodes: recoveryCodes,
            hasRecoveryCodes: !recoveryCodes.isEmpty)
        if !person.secondFactor, let enrolment = try await gallra.pendingSecondFactor(signedIn: signedIn) {
            page.key = enrolment.secret
            page.qr = QRCode(enrolment.address)?.svg(scale: 5, label: words[.accountQRLabel])
        }
        var response = AdminPage.render("account", title: words[.navAccount], page, context, status: status)
        response.headers[.cacheControl] = "no-store"
        return response
    }

    @Sendable func changePassword(_ request: Request, context: Context) async throws -> Response {
        let fields = try await context.form(request)
        let words = Words(context.language)
        let new = fields["new"] ?? ""
        guard new == fields["again"] ?? "" else {
            return try await page(context, passwordError: words[.accountMismatch], status: .unprocessableContent)
        }
        do {
            try await gallra.changeOwnPassword(
                current: fields["current"] ?? "", new: new, signedIn: try context.person())
        } catch GallraError.invalidInput(let message) {
            let error =
                message.english.contains("current password is not")
                ? words[.accountWrongCurrent]
                : message.english.contains("same as") ? words[.accountSame] : words[.accountWeak]
            return try await page(context, passwordError: error, status: .unprocessableContent)
        }
        return try await page(context, notice: words[.accountChanged])
    }

    @Sendable func beginSecondFactor(_ request: Request, context: Context) async throws -> Response {
        _ = try await context.form(request)
        _ = try await gallra.beginSecondFactor(signedIn: try context.person())
        return Response.redirect(to: "/admin/account#totp", type: .normal)
    }

    @Sendable func confirmSecondFactor(_ request: Request, context: Context) async throws -> Response {
        let fields = try await context.form(request)
        let words = Words(context.language)
        guard
            let codes = try await gallra.confirmSecondFactor(code: fields["code"] ?? "", signedIn: try context.person())
        else {
            return try await page(context, codeError: words[.accountCodeWrong], status: .unprocessableContent)
        }
        return try await page(context, notice: words[.accountSecondFactorDone], recoveryCodes: codes)
    }

    @Sendable func newRecoveryCodes(_ request: Request, context: Context) async throws -> Response {
        _ = try await context.form(request)
        let codes = try await gallra.newRecoveryCodes(signedIn: try context.person())
        return try await page(context, recoveryCodes: codes)
    }
}

/// The account page (`account.mustache`).
struct AccountPage: Encodable, Sendable {
    let navAccount = true
    let mustChange: Bool
    let secondFactor: Bool
    let secondFactorText: String
    let notice: String?
    let passwordError: String?
    let codeError: String?
    let recoveryCodes: [String]
    var hasRecoveryCodes: Bool = false
    /// The second factor being enrolled: its key as text and its QR code (SVG, drawn here).
    var key: String?
    var qr: String?
}

/// The invitation page, outside the admin UI's sessions: the invited person chooses their
/// password once. Its form carries the token in a hidden field and an anti-forgery value in a
/// cookie; attempts are counted per client.
struct InvitationController: Sendable {
    typealias Context = GallraRequestContext
    let gallra: Gallra
    let throttle: SignInThrottle
    let secureCookies: Bool
    var formToken: PreSessionForm {
        PreSessionForm(cookie: "gallra_invitation", path: "/invitation", secure: secureCookies)
    }

    func add(to router: Router<Context>) {
        router.get("/invitation/:token", use: show)
        router.post("/invitation/:token", use: accept)
    }

    @Sendable func show(_ request: Request, context: Context) async throws -> Response {
        let token = try context.parameters.require("token")
        let language = SignInController.language(request)
        guard try await throttle.admit(["invitation:\(context.clientAddress)": 30]) else {
            return page(language, InvitationPage(message: Words(language)[.invitationThrottled]), .tooManyRequests)
        }
        guard let person = try await gallra.invitation(token: token) else {
            return page(language, InvitationPage(message: Words(language)[.invitationGone]), .notFound)
        }
        try await throttle.forgive(["invitation:\(context.clientAddress)"])
        // The invited person's own language, as the admin chose it for them.
        return form(person.language, email: person.email)
    }

    @Sendable func accept(_ request: Request, context: Context) async throws -> Response {
        let token = try context.parameters.require("token")
        let language = SignInController.language(request)
        let words = Words(language)
        let fields = try await request.formFields()
        guard try await throttle.admit(["invitation:\(context.clientAddress)": 30]) else {
            return page(language, InvitationPage(message: words[.invitationThrottled]), .tooManyRequests)
        }
        guard formToken.accepts(request, fields: fields), let person = try await gallra.invitation(token: token) else {
            return page(language, InvitationPage(message: words[.invitationGone]), .notFound)
        }
        return try await accept(token: token, fields: fields, for: person)
    }

    /// The invitation's password set, in the invited person's language.
    private func accept(token: String, fields: [String: String], for person: Person) async throws -> Response {
        let language = person.language
        let words = Words(language)
        let password = fields["new"] ?? ""
        guard password == fields["again"] ?? "" else {
            return form(language, email: person.email, error: words[.accountMismatch])
        }
        do {
            guard try await gallra.acceptInvitation(token: token, password: password) else {
                return page(language, InvitationPage(message: words[.invitationGone]), .notFound)
            }
        } catch GallraError.invalidInput {
            return form(language, email: person.email, error: words[.accountWeak])
        }
        var response = page(language, InvitationPage(message: words[.invitationDone], done: true), .ok)
        response.setCookie(formToken.expired)
        return response
    }

    private func form(_ language: Language, email: String, error: String? = nil) -> Response {
        let token = freshFormToken()
        let words = Words(language)
        var response = page(
            language,
            InvitationPage(csrf: token, forWhom: words.fill(.invitationFor, ["email": email]), error: error),
            error == nil ? .ok : .unprocessableContent)
        formToken.attach(token, to: &response)
        return response
    }

    private func page(_ language: Language, _ model: InvitationPage, _ status: HTTPResponse.Status) -> Response {
        var response = Pages.shared.render(
            "invitation", title: Words(language)[.invitationHeading], model, language: language, signedIn: nil,
            status: status)
        response.headers[.cacheControl] = "no-store"
        return response
    }
}

/// The invitation page (`invitation.mustache`).
struct InvitationPage: Encodable, Sendable {
    var csrf: String?
    var forWhom: String?
    var error: String?
    var message: String?
    var done = false
}
