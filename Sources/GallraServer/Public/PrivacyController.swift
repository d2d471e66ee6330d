import Crypto
import Foundation
import GallraCore
import GallraServices
import Hummingbird

/// The public privacy pages (no login): the notice, the request form, and the confirmation of a
/// request by its e-mailed link. No answer tells whether an address is known.
struct PrivacyController: Sendable {
    typealias Context = GallraRequestContext
    let gallra: Gallra
    let settings: SelfServiceSettings
    /// Submissions per address (3 an hour: more would bombard someone's inbox) and per client.
    var perAddress: SignInThrottle { SignInThrottle(gallra: gallra, scope: "privacy-address", limit: 3, window: 3_600) }
    var perClient: SignInThrottle { SignInThrottle(gallra: gallra, scope: "privacy-client", limit: 20, window: 3_600) }
    /// Wrong addresses written for one download link, and per client, before it stops trying.
    var perLink: SignInThrottle { SignInThrottle(gallra: gallra, scope: "privacy-link", limit: 5, window: 3_600) }
    let secureCookies: Bool
    /// The public forms' anti-forgery value.
    var formToken: PreSessionForm { PreSessionForm(cookie: "gallra_door", path: "/privacy", secure: secureCookies) }

    func add(to router: Router<Context>) {
        router.get("/privacy", use: notice)
        router.get("/privacy/request", use: form)
        router.post("/privacy/request", use: submit)
        router.get("/privacy/confirm/:token", use: confirmPage)
        router.post("/privacy/confirm/:token", use: confirm)
        router.get("/privacy/download/:token", use: downloadPage)
        router.post("/privacy/download/:token", use: download)
    }

    /// GET /privacy[?lang=sv|en]: the privacy notice from the register in force.
    @Sendable func notice(_ request: Request, context: Context) async throws -> Response {
        let language = Self.language(request)
        let stored = try await gallra.register(by: .system("privacy-page"))
        let since = try await gallra.calendar().localDate(of: stored.appliedAt)
        let html = stored.register.privacyNotice(language, inForceSince: since).html
        return DocumentResponse.html(Self.linkingTheForm(html, language: language), language: language)
    }

    /// The notice with the way to act on it: a link to the request form under its opening
    /// paragraph and at its end (the notice tells people their rights; the form is where they use
    /// them). The notice itself is a document of its own (also written to files, where no server
    /// is), so the link is added here.
    static func linkingTheForm(_ html: String, language: Language) -> String {
        let link =
            "<p class=\"act\"><a href=\"/privacy/request?lang=\(language.rawValue)\">"
            + HTML.escape(Words(language)[.selfServiceHeading]) + "</a></p>\n"
        var html = html
        if let lead = html.range(of: "<p class=\"lead\">"),
            let end = html.range(of: "</p>\n", range: lead.upperBound..<html.endIndex)
        {
            html.insert(contentsOf: link, at: end.upperBound)
        }
        if let main = html.range(of: "</main>", options: .backwards) {
            html.insert(contentsOf: link, at: main.lowerBound)
        }
        return html
    }

    @Sendable func form(_ request: Request, context: Context) async throws -> Response {
        try await formPage(request: request, language: Self.language(request), error: nil, status: .ok)
    }

    /// POST /privacy/request: the same answer whether or not the address is known.
    @Sendable func submit(_ request: Request, context: Context) async throws -> Response {
        let fields: [String: String]
        do {
            fields = try await request.formFields()
        } catch let error as FormTooLarge {
            return try await tooLarge(error, request)
        }
        let language = fields["lang"].flatMap(Language.init(rawValue:)) ?? Self.language(request)
        let words = Words(language)
        guard formToken.accepts(request, fields: fields) else {
            return try await formPage(
                request: request, language: language, error: words[.selfServiceStale], status: .forbidden)
        }
        guard let kind = PublicRequestKind(rawValue: fields["kind"] ?? "") else {
            return try await formPage(
                request: request, language: language, error: words[.selfServiceChoose], status: .unprocessableContent)
        }
        let email = (fields["email"] ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        // try?: an address that does not read is refused just below
        guard (try? SubjectIdentifier.normalisedEmail(email)) != nil else {
            return try await formPage(
                request: request, language: language, error: words[.selfServiceEmail], status: .unprocessableContent)
        }
        guard try await perClient.admit(["client:\(context.clientAddress)"]) else {
            return try await formPage(
                request: request, language: language, error: words[.selfServiceThrottled], status: .tooManyRequests)
        }
        // A filled-in trap field (a robot) and an address asked too often get the same page as
        // everyone else; only no mail goes.
        let robot = !(fields["website"] ?? "").isEmpty
        if !robot, try await perAddress.admit(["address:\(email)"]) {
            try await gallra.submitPublicRequest(
                kind, email: email, language: language, details: fields["details"],
                activities: fields.ticked("activity"), settings: settings)
        }
        return try await message(
            language: language, heading: words[.selfServiceSentHeading], lines: [words[.selfServiceSent]],
            path: "/privacy/request")
    }

    /// GET /privacy/confirm/{token}: says what the link confirms; changes nothing (mail scanners
    /// open links), the button does.
    @Sendable func confirmPage(_ request: Request, context: Context) async throws -> Response {
        let language = Self.language(request)
        let words = Words(language)
        let token = try context.parameters.require("token")
        guard let pending = try await gallra.pendingPublicRequest(token: token) else {
            return try await invalidLink(language)
        }
        var lines = ["\(words[.selfServiceConfirmWhat]): \(words[.selfServiceKind(pending.kind)])."]
        if !pending.concerns.isEmpty {
            lines.append("\(words[.selfServiceConfirmActivities]): \(pending.concerns.joined(separator: ", ")).")
        }
        var response = try await message(
            language: language, heading: words[.selfServiceConfirmHeading], lines: lines,
            path: request.uri.path, confirm: token)
        response.headers[.cacheControl] = "no-store"
        return response
    }

    /// POST /privacy/confirm/{token}: registers the request (once) and says what happens next.
    @Sendable func confirm(_ request: Request, context: Context) async throws -> Response {
        let fields: [String: String]
        do {
            fields = try await request.formFields()
        } catch let error as FormTooLarge {
            return try await tooLarge(error, request)
        }
        let language = fields["lang"].flatMap(Language.init(rawValue:)) ?? Self.language(request)
        let words = Words(language)
        guard
            let receipt = try await gallra.confirmPublicRequest(
                token: try context.parameters.require("token"), settings: settings)
        else { return try await invalidLink(language) }
        var lines: [String]
        if receipt.kind == .unsubscribe {
            lines = [words[.selfServiceUnsubscribed]]
            lines += receipt.stopped.map { "– \($0)" }
        } else {
            lines = [
                "\(words[.selfServiceRegistered]) \(receipt.deadline).",
                "\(words[.selfServiceReference]): \(receipt.reference)",
            ]
            if !receipt.concerns.isEmpty {
                lines.append("\(words[.selfServiceConfirmActivities]): \(receipt.concerns.joined(separator: ", ")).")
            }
        }
        lines.append(words[.selfServiceReceiptMail])
        return try await message(
            language: language, heading: words[.selfServiceDoneHeading], lines: lines, path: "/privacy")
    }

    /// GET /privacy/download/{token}: asks for the address again; gives nothing by itself.
    @Sendable func downloadPage(_ request: Request, context: Context) async throws -> Response {
        let language = Self.language(request)
        let token = try context.parameters.require("token")
        guard try await gallra.reportIsWaiting(token: token) else { return try await invalidLink(language) }
        return try await downloadForm(token: token, language: language, error: nil, status: .ok)
    }

    /// POST /privacy/download/{token}: the copy, for the address the request was confirmed with.
    @Sendable func download(_ request: Request, context: Context) async throws -> Response {
        let fields: [String: String]
        do {
            fields = try await request.formFields()
        } catch let error as FormTooLarge {
            return try await tooLarge(error, request)
        }
        let language = fields["lang"].flatMap(Language.init(rawValue:)) ?? Self.language(request)
        let words = Words(language)
        let token = try context.parameters.require("token")
        guard formToken.accepts(request, fields: fields) else {
            return try await downloadForm(
                token: token, language: language, error: words[.selfServiceStale], status: .forbidden)
        }
        let keys = [
            "link:" + Data(SHA256.hash(data: Data(token.utf8))).base64EncodedString(),
            "client:\(context.clientAddress)",
        ]
        // Counted before the check, in one step; forgiven when the address matches.
        guard try await perLink.admit(keys) else {
            return try await downloadForm(
                token: token, language: language, error: words[.selfServiceDownloadThrottled], status: .tooManyRequests)
        }
        switch try await gallra.downloadReport(token: token, email: fields["email"] ?? "") {
        case .invalid:
            try await perLink.forgive(keys)
            return try await invalidLink(language)
        case .mismatch:
            return try await downloadForm(
                token: token, language: language, error: words[.selfServiceDownloadMismatch],
                status: .unprocessableContent)
        case .file(let name, let contentType, let body):
            try await perLink.forgive(keys)
            guard contentType.hasPrefix("text/html") else {
                return Response(
                    status: .ok,
                    headers: [.contentType: contentType, .contentDisposition: "attachment; filename=\"\(name)\""],
                    body: .init(byteBuffer: ByteBuffer(string: body)))
            }
            return DocumentResponse.html(body, language: language, filename: name)
        }
    }

    // MARK: - Pages

    private func invalidLink(_ language: Language) async throws -> Response {
        let words = Words(language)
        return try await message(
            language: language, heading: words[.selfServiceInvalidHeading], lines: [words[.selfServiceInvalid]],
            path: "/privacy/request", status: .notFound)
    }

    private func downloadForm(token: String, language: Language, error: String?, status: HTTPResponse.Status)
        async throws -> Response
    {
        let words = Words(language)
        let csrf = freshFormToken()
        let page = PrivacyDownloadPage(
            csrf: csrf, token: token, path: "/privacy/download/\(token)", controller: try await controllerName(),
            error: error)
        var response = Pages.shared.render(
            "privacy-download", title: words[.selfServiceDownloadHeading], page, language: language,
            signedIn: nil, status: status)
        formToken.attach(csrf, to: &response)
        return response
    }

    private func formPage(request: Request, language: Language, error: String?, status: HTTPResponse.Status)
        async throws -> Response
    {
        let words = Words(language)
        let token = freshFormToken()
        let chosen = request.uri.queryParameters.get("kind").map { String($0) }
        let page = PrivacyRequestPage(
            csrf: token, path: "/privacy/request", controller: try await controllerName(),
            kinds: PublicRequestKind.allCases.map { kind in
                .init(value: kind.rawValue, label: words[.selfServiceKind(kind)], checked: kind.rawValue == chosen)
            },
            activities: try await gallra.publicActivities(language), error: error)
        var response = Pages.shared.render(
            "privacy-request", title: words[.selfServiceHeading], page, language: language, signedIn: nil,
            status: status)
        formToken.attach(token, to: &response)
        return response
    }

    private func message(
        language: Language, heading: String, lines: [String], path: String, confirm token: String? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let page = PrivacyMessagePage(
            heading: heading, lines: lines, path: path, confirm: token.map { _ in true }, token: token,
            controller: try await controllerName())
        return Pages.shared.render(
            "privacy-message", title: heading, page, language: language, signedIn: nil, status: status)
    }

    /// A form too large, said on this page's frame in the language the page was asked in (the
    /// form's own `lang` field is in the part not read).
    private func tooLarge(_ error: FormTooLarge, _ request: Request) async throws -> Response {
        let language = Self.language(request)
        return try await message(
            language: language, heading: error.heading(language), lines: [error.message(language)],
            path: request.uri.path, status: error.status)
    }

    private func controllerName() async throws -> String {
        try await gallra.register(by: .system("privacy-page")).register.controller.name
    }

    /// ?lang= first, then the browser's Accept-Language, then Swedish.
    static func language(_ request: Request) -> Language {
        request.askedLanguage
    }
}
