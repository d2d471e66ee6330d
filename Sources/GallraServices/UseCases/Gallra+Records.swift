import Foundation
import GallraCore
import GallraStore

extension Gallra {
    /// Stores a piece of personal data under an activity of the register; returns the record id.
    /// Its subject is a subject id or an identifier.
    public func addRecord(_ record: NewRecord, by party: Party) async throws -> String {
        try await addRecords([record], by: party)[0]
    }

    /// Stores records all together or none of them (an import); returns their ids in order. Their
    /// subjects are subject ids or identifiers.
    public func addRecords(_ records: [NewRecord], by party: Party) async throws -> [String] {
        try await writing(by: party, needs: .writePersonalData) {
            var subjects: [String: String] = [:]
            var given: [String: SubjectIdentifier] = [:]
            var resolved = records
            for index in resolved.indices {
                try party.access.require(activity: resolved[index].activity)
                let reference = resolved[index].subject
                if subjects[reference] == nil {
                    let subject = try await subjectForWrite(reference, by: party)
                    subjects[reference] = subject.id
                    if case .named(let named) = subject.given { given.merge(named) { first, _ in first } }
                }
                resolved[index].subject = subjects[reference]!
            }
            return try await store.records.add(resolved, given: party.access.isScoped ? .named(given) : .all)
        }
    }

    /// Records events that retention rules count from: subject-wide, or for one activity or one
    /// record (the narrowest wins). A caller limited to some activities names one of them.
    public func addEvents(subject: String, scope: EventScope, events: [(EventName, Date)], by party: Party)
        async throws
    {
        if party.access.isScoped {
            guard case .activity(let activity) = scope else {
                throw GallraError.forbidden(
                    ErrorReason(
                        sv: "Ange aktiviteten som händelserna gäller; bara dina kan anges.",
                        en: "Name the activity the events are for; only yours can be given."))
            }
            try party.access.require(activity: activity)
        }
        try await acting(by: party, needs: .writePersonalData) {
            // A subject outside the party's activities is refused as an unknown one is.
            let subject = party.access.isScoped ? try await reachableSubject(subject, by: party) : subject
            try await store.records.addEvents(subject: subject, scope: scope, events: events)
        }
    }

    /// The records of an activity that may be used now: restricted, objected-to and unconsented
    /// data left out. The read is audited.
    public func recordsInUse(activity: String, by party: Party) async throws -> [RecordInUse] {
        try party.access.require(activity: activity)
        return try await acting(by: party, needs: .readPersonalData) {
            try await store.records.inUse(activity: activity)
        }
    }
}
