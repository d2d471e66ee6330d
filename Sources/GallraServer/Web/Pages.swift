import Foundation
import GallraCore
import Hummingbird
import Mustache

/// The admin UI's templates (Mustache, HTML-escaped by default) and its stylesheet, read once
/// from the module's resources.
struct Pages: Sendable {
    let library: MustacheLibrary
    let stylesheet: ByteBuffer
    let script: ByteBuffer

    static let shared: Pages = {
        guard let root = Bundle.module.resourceURL else { fatalError("GallraServer's resources are missing") }
        var library = MustacheLibrary()
        let templates = root.appendingPathComponent("Templates")
        // try?: missing templates fail every page render with a 500, loudly, not silently
        let names = (try? FileManager.default.contentsOfDirectory(atPath: templates.path)) ?? []
        for name in names where name.hasSuffix(".mustache") {
            do {
                let text = try String(contentsOf: templates.appendingPathComponent(name), encoding: .utf8)
                try library.register(text, named: String(name.dropLast(".mustache".count)))
            } catch {
                fatalError("The template \(name) does not parse: \(error)")
            }
        }
        // try?: a missing stylesheet or script leaves the pages unstyled, not wrong
        let css = (try? Data(contentsOf: root.appendingPathComponent("Static/gallra.css"))) ?? Data()
        let js = (try? Data(contentsOf: root.appendingPathComponent("Static/gallra.js"))) ?? Data()
        return Pages(library: library, stylesheet: ByteBuffer(bytes: css), script: ByteBuffer(bytes: js))
    }()

    /// A page: `template` with the page's model, the UI's words in `language`, and the signed-in
    /// person.
    func render(
        _ template: String, title: String, _ model: some Encodable & Sendable, language: Language,
        signedIn: SignedInView?,
        status: HTTPResponse.Status = .ok, refresh: Int? = nil
    ) -> Response {
        let html = html(template, title: title, model, language: language, signedIn: signedIn, refresh: refresh)
        return Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// The page's HTML: the model under the frame every page shares (`PageContext`). It takes a
    /// dictionary too, as the pages were written before they had models, for the tests that
    /// compare the two.
    func html(
        _ template: String, title: String, _ model: Any, language: Language, signedIn: SignedInView?,
        refresh: Int? = nil
    ) -> String {
        var frame: [String: Any] = ["t": Words(language).byKey, "title": title]
        if let refresh { frame["refresh"] = refresh }
        if let signedIn {
            frame["signedIn"] = true
            frame["email"] = signedIn.email
            frame["csrf"] = signedIn.csrf
            if signedIn.mayReadAudit { frame["mayReadAudit"] = true }
            frame["page"] = signedIn.page
            if signedIn.mayManageAccess { frame["mayManageAccess"] = true }
        }
        return library.render(PageContext(frame: frame, model: model), withTemplate: template) ?? ""
    }
}

/// What a page shows of the person signed in.
struct SignedInView: Sendable {
    let email: String
    let csrf: String
    /// Whether the audit log is theirs to read (the nav links to it).
    var mayReadAudit = false
    /// The page shown, which the language switch comes back to.
    var page = "/admin"
    /// Whether users are theirs to manage (the nav links to them).
    var mayManageAccess = false
}
