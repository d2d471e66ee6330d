import Foundation
import GallraCore
import GallraDatabase
import SQLKit

extension Users {
    /// Sets the language the admin UI speaks to a user, with an entry in the audit chain; false
    /// when no user has the id.
    public func setLanguage(_ language: Language, of id: String) async throws -> Bool {
        try await data.transaction { sql in
            let changed = try await sql.raw(
                "UPDATE users SET lang = \(bind: language.rawValue) WHERE id = \(bind: id) RETURNING id"
            ).all()
            guard !changed.isEmpty else { return false }
            try await audit(
                [AuditEvent("user.language", detail: "user \(id) reads the admin UI in \(language.rawValue)")], on: sql)
            return true
        }
    }
}
