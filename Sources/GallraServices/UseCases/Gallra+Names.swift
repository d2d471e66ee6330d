import Foundation
import GallraCore
import GallraStore

extension Gallra {
    /// People found by their name (bounded: see `Subjects.named`). A caller limited to some
    /// activities is never shown a name (a person's name is not given under one activity), so it
    /// may not search by one either.
    public func subjectsNamed(_ query: String, by party: Party) async throws -> NameSearch {
        try await acting(by: party, needs: .readPersonalData) {
            guard !party.access.isScoped else {
                throw GallraError.forbidden(
                    ErrorReason(
                        sv: "Att söka på namn kräver en roll som ser alla aktiviteter.",
                        en: "Searching by name needs a role that sees every activity."))
            }
            return try await store.subjects.named(query)
        }
    }

    /// The names of `subjects`, for a page that lists people (a dry run of the sweep); the names
    /// read are audited. Refused to a caller limited to some activities, as names are.
    public func subjectNames(_ subjects: [String], by party: Party) async throws -> [String: String] {
        try await acting(by: party, needs: .readPersonalData) {
            guard !party.access.isScoped else {
                throw GallraError.forbidden(
                    ErrorReason(
                        sv: "Namn visas inte för en roll som är begränsad till vissa aktiviteter.",
                        en: "Names are not shown to a role limited to some activities."))
            }
            return try await store.subjects.names(of: subjects)
        }
    }
}
