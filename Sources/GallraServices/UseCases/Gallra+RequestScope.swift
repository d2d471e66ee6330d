import Foundation
import GallraCore
import GallraStore

extension Gallra {
    /// Narrows or widens the activities an open request names (nil: all of them), with the reason
    /// kept with it (an objection, a withdrawal or a restriction the officer reads more closely).
    /// A role limited to some activities may name only those.
    public func changeRequestScope(_ id: String, activities: [String]?, reason: String, by party: Party)
        async throws
    {
        if party.access.isScoped {
            guard let activities else {
                throw GallraError.forbidden(
                    ErrorReason(
                        sv: "Din roll når bara vissa aktiviteter; ange dem.",
                        en: "Your role reaches only some activities; name them."))
            }
            for activity in activities { try party.access.require(activity: activity) }
        }
        try await acting(by: party, needs: .writePersonalData) {
            _ = try await reachableRequest(id, by: party)
            try await store.requests.rescope(id, activities: activities, reason: reason)
        }
    }
}
