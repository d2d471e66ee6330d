import Foundation
import GallraCore
import Hummingbird

/// A submitted form larger than its page takes: a 413 that a person reads as a page in the page's
/// language (the API answers its own bodies in JSON, `Request.boundedBody`).
struct FormTooLarge: HTTPResponseError {
    /// The most the form takes, in bytes.
    let limit: Int

    var status: HTTPResponse.Status { .contentTooLarge }

    /// "64 KiB", "20 MiB".
    var limitText: String {
        limit >= 1024 * 1024 ? "\(limit / 1024 / 1024) MiB" : "\(limit / 1024) KiB"
    }

    func heading(_ language: Language) -> String {
        Words(language)[.formTooLargeHeading]
    }

    func message(_ language: Language) -> String {
        Words(language)[.formTooLarge].replacingOccurrences(of: "{limit}", with: limitText)
    }

    /// The page for a form outside the admin UI's signed-in pages (the sign-in page): the language
    /// it was asked in, as the sign-in page reads it. The public pages and the signed-in pages say
    /// it in their own frame (`PrivacyController`, `AdminErrorPages`).
    func response(from request: Request, context: some RequestContext) throws -> Response {
        let language = SignInController.language(request)
        return Pages.shared.render(
            "message", title: heading(language), MessagePage(heading: heading(language), message: message(language)),
            language: language, signedIn: nil, status: status)
    }
}
