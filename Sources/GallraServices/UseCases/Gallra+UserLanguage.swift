import Foundation
import GallraCore
import GallraStore

extension Gallra {
    /// A signed-in user chooses the language the admin UI speaks to them; it is kept with the
    /// user, so every later page and sign-in uses it. Any role may choose its own, and only its own.
    public func chooseLanguage(_ language: Language, by party: Party) async throws {
        guard party.kind == .user else {
            throw GallraError.forbidden(
                ErrorReason(
                    sv: "Bara en användare av administrationen har ett eget språk.",
                    en: "Only a user of the admin UI has a language of their own."))
        }
        try await store.work(by: party) {
            guard try await store.users.setLanguage(language, of: party.name) else {
                throw GallraError.notFound(ErrorReason(sv: "Ingen användare har det id:t.", en: "No user has that id."))
            }
        }
    }
}
