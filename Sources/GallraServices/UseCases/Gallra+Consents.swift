import Foundation
import GallraCore
import GallraStore

extension Gallra {
    /// Records a consent (Art. 7(1)) with the version of the wording agreed to; returns its id.
    public func giveConsent(
        subject: String, activity: String, wordingVersion: String, channel: String, at instant: Date, by party: Party
    ) async throws -> String {
        try party.access.require(activity: activity)
        return try await writing(by: party, needs: .writePersonalData) {
            let subject = try await subjectForWrite(subject, by: party)
            return try await store.consents.give(
                subject: subject.id, activity: activity, wordingVersion: wordingVersion, channel: channel, at: instant,
                given: subject.given)
        }
    }

    /// Withdraws a consent (Art. 7(3)): the processing resting on it stops.
    public func withdrawConsent(subject: String, activity: String, channel: String, at instant: Date, by party: Party)
        async throws
    {
        try party.access.require(activity: activity)
        try await acting(by: party, needs: .writePersonalData) {
            let subject = party.access.isScoped ? try await reachableSubject(subject, by: party) : subject
            try await store.consents.withdraw(subject: subject, activity: activity, channel: channel, at: instant)
        }
    }

    /// A subject's consents, given and withdrawn (for a caller limited to some activities, theirs).
    public func consents(subject: String, by party: Party) async throws -> [ConsentEntry] {
        try await acting(by: party, needs: .readPersonalData) {
            let id = try await reachableSubject(subject, by: party)
            return try await store.consents.list(subject: id).filter { party.access.reaches(activity: $0.activity) }
        }
    }
}
