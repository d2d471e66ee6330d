import Foundation
import GallraCore

extension DatabaseLocation {
    /// A PostgreSQL URL with its `?password=` moved into the userinfo, where the driver reads it
    /// (it ignores the query's): libpq takes either form, and the systems file's example once gave
    /// the query's. The value is percent-encoded once, whichever way it came.
    package static func passwordInUserinfo(_ url: String) throws(GallraError) -> String {
        guard let question = url.firstIndex(of: "?") else { return url }
        let base = url[..<question]
        var query = url[url.index(after: question)...].split(separator: "&", omittingEmptySubsequences: false)
        let passwords = query.filter { $0.hasPrefix("password=") }
        guard let given = passwords.last else { return url }
        query.removeAll { $0.hasPrefix("password=") }
        guard let scheme = base.range(of: "://") else { return url }
        let authorityEnd = base[scheme.upperBound...].firstIndex(of: "/") ?? base.endIndex
        let authority = base[scheme.upperBound..<authorityEnd]
        guard let at = authority.lastIndex(of: "@") else {
            throw GallraError.invalidInput(
                "The PostgreSQL URL gives ?password= but no user; write it as postgres://USER:${NAME}@HOST/DB.")
        }
        let user = authority[..<at]
        guard !user.contains(":"), passwords.count == 1 else {
            throw GallraError.invalidInput(
                "The PostgreSQL URL gives its password twice; write it once, as postgres://USER:${NAME}@HOST/DB.")
        }
        let raw = String(given.dropFirst("password=".count))
        let password = raw.removingPercentEncoding ?? raw
        let encoded = password.addingPercentEncoding(withAllowedCharacters: .urlPasswordAllowed) ?? ""
        let rest = query.isEmpty ? "" : "?" + query.joined(separator: "&")
        return String(base[..<scheme.upperBound]) + user + ":" + encoded + String(authority[at...])
            + String(base[authorityEnd...]) + rest
    }

    /// The URL as it may be shown: no userinfo, and no `password=` in the query.
    package static func withoutSecrets(_ url: String) -> String {
        var shown = url
        if let question = shown.firstIndex(of: "?") {
            let query = shown[shown.index(after: question)...].split(separator: "&", omittingEmptySubsequences: false)
                .map { $0.lowercased().hasPrefix("password=") ? "password=…" : String($0) }
            shown = String(shown[..<question]) + "?" + query.joined(separator: "&")
        }
        guard let scheme = shown.range(of: "://") else { return shown }
        let authorityEnd = shown[scheme.upperBound...].firstIndex(where: { $0 == "/" || $0 == "?" }) ?? shown.endIndex
        guard let at = shown[scheme.upperBound..<authorityEnd].lastIndex(of: "@") else { return shown }
        return String(shown[..<scheme.upperBound]) + "…" + String(shown[at...])
    }
}
