import GallraCore
import GallraStore

extension Gallra {
    /// The subject a reference names, within the party's reach. A caller limited to some
    /// activities (support) reaches the subjects with records or consents under them; any other
    /// reference, known or not, is refused with the same words, so that the answer does not tell
    /// whether it is known.
    func reachableSubject(_ reference: String, by party: Party) async throws -> String {
        guard party.access.isScoped else { return try await store.subjects.resolve(reference) }
        let refused = GallraError.forbidden("No subject within the activities assigned to you has this reference.")
        let subject: String
        do {
            subject = try await store.subjects.resolve(reference)
        } catch GallraError.notFound {
            throw refused
        }
        guard !(try await store.subjects.activities(of: subject)).isDisjoint(with: party.access.activities) else {
            throw refused
        }
        return subject
    }

    /// Refuses a request outside the party's reach: for a caller limited to some activities, a
    /// request must name only those.
    func requireReach(_ request: DataSubjectRequest, by party: Party) throws {
        guard party.access.isScoped else { return }
        guard let scope = request.scope, !scope.isEmpty, scope.allSatisfy(party.access.reaches(activity:)) else {
            throw GallraError.forbidden("Request \(request.id) concerns activities not assigned to you.")
        }
    }

    /// A request by id, once the party may reach it.
    func reachableRequest(_ id: String, by party: Party) async throws -> DataSubjectRequest {
        let request = try await store.requests.request(id)
        try requireReach(request, by: party)
        return request
    }
}
