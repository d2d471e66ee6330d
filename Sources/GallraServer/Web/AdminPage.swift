import Foundation
import GallraCore
import GallraServices
import Hummingbird

/// What the admin UI's controllers share: a page's model rendered in the frame of the person
/// signed in (their language, their CSRF token), an instant as people read it, and leaving out
/// what a role may not see. Each controller parses, calls the use cases as that person, and
/// renders; the CSRF check itself is in `context.form(_:)`.
enum AdminPage {
    typealias Context = GallraRequestContext

    static func render(
        _ template: String, title: String, _ model: some Encodable & Sendable, _ context: Context,
        status: HTTPResponse.Status = .ok
    ) -> Response {
        Pages.shared.render(
            template, title: title, model, language: context.language, signedIn: context.view, status: status)
    }

    /// An instant as people read it, in the controller's time zone: "2026-12-02 11:36".
    static func moment(_ instant: Date, _ calendar: ZonedCalendar) -> String {
        String(calendar.rfc3339(instant).prefix(16)).replacingOccurrences(of: "T", with: " ")
    }

    /// What the role may see; nil where it may not, so that the overview leaves the part out.
    static func allowed<T>(_ body: () async throws -> T) async throws -> T? {
        do {
            return try await body()
        } catch GallraError.forbidden {
            return nil
        }
    }
}
