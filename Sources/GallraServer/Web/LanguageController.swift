import Foundation
import GallraCore
import GallraServices
import Hummingbird

/// The admin UI's language switch: the choice is kept with the user, and the browser goes back to
/// the page it was on.
struct LanguageController: Sendable {
    typealias Context = GallraRequestContext
    let gallra: Gallra

    func add(to admin: RouterGroup<Context>) {
        admin.post("language", use: choose)
    }

    /// POST /admin/language: `language` (sv or en) and `page`, the admin page to go back to.
    @Sendable func choose(_ request: Request, context: Context) async throws -> Response {
        let form = try await context.form(request)
        guard let language = form["language"].flatMap(Language.init(rawValue:)) else {
            throw HTTPError(.unprocessableContent, message: Words(context.language)[.languageUnknown])
        }
        try await gallra.chooseLanguage(language, by: try context.person().party)
        return Response.redirect(to: Self.page(form["page"]), type: .normal)
    }

    /// An admin page of this site to go back to; any other address (another site, a scheme, a
    /// query) gives the overview.
    static func page(_ given: String?) -> String {
        guard let given, given == "/admin" || given.hasPrefix("/admin/"), given.count <= 200,
            given.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "/-_.".contains($0)) }),
            !given.contains("//"), !given.contains("..")
        else { return "/admin" }
        return given
    }
}
