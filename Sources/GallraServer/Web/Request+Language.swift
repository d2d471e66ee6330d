import Foundation
import GallraCore
import Hummingbird

extension Request {
    /// The language a page without a signed-in user speaks: `?lang=` first, then the browser's
    /// Accept-Language (the first language Gallra speaks, in the browser's order), then Swedish.
    var askedLanguage: Language {
        if let asked = uri.queryParameters.get("lang").flatMap({ Language(rawValue: String($0)) }) {
            return asked
        }
        let accepted = (headers[.acceptLanguage] ?? "").lowercased()
        for part in accepted.split(separator: ",").prefix(20) {
            let code = part.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).prefix(2) ?? ""
            if let language = Language(rawValue: String(code)) { return language }
        }
        return .sv
    }
}
