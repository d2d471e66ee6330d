import Foundation
import GallraCore
import GallraStore

extension Gallra {
    /// Places a legal hold (Art. 17(3)(e)) on a subject, for one activity or all; returns its id.
    public func placeHold(subject: String, activity: String?, reason: String, until: Date?, by party: Party)
        async throws -> String
    {
        try await acting(by: party, needs: .placeHolds) {
            try await store.holds.add(subject: subject, activity: activity, reason: reason, until: until)
        }
    }

    /// Ends a hold; what it kept is swept at the next sweep if its retention has expired.
    public func releaseHold(_ id: String, by party: Party) async throws {
        try await acting(by: party, needs: .placeHolds) { try await store.holds.release(id) }
    }

    /// The holds in force on a subject.
    public func holds(subject: String, by party: Party) async throws -> [LegalHold] {
        try await acting(by: party, needs: .placeHolds) {
            try await store.holds.inForce(subject: try await store.subjects.resolve(subject))
        }
    }

    /// Every hold in force, on anyone (named by their pseudonymous id; the reasons are not read).
    public func holdsInForce(by party: Party) async throws -> [LegalHold] {
        try await acting(by: party, needs: .placeHolds) { try await store.holds.allInForce() }
    }

    /// A hold by id, in force or released, with its reason: what a page asks about before it
    /// releases one, and what it shows after, read from the hold's row.
    public func hold(_ id: String, by party: Party) async throws -> LegalHold {
        try await acting(by: party, needs: .placeHolds) { try await store.holds.hold(id) }
    }
}
