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

    /// A page: `template` with `values`, the UI's words in `language`, and the signed-in person.
    func render(
        _ template: String, title: String, _ values: [String: Any], language: Language, signedIn: SignedInView?,
        status: HTTPResponse.Status = .ok, refresh: Int? = nil
    ) -> Response {
        var context = values
        if let refresh { context["refresh"] = refresh }
        context["t"] = UIText.words(language)
        context["title"] = title
        if let signedIn {
            context["signedIn"] = true
            context["email"] = signedIn.email
            context["csrf"] = signedIn.csrf
        }
        let html = library.render(context, withTemplate: template) ?? ""
        return Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}

/// What a page shows of the person signed in.
struct SignedInView: Sendable {
    let email: String
    let csrf: String
}
