import Foundation
import GallraCore
import GallraStore

extension Gallra {
    /// Adds a data subject with their identifiers; returns their pseudonymous id. An identifier
    /// already registered is a conflict that names nobody.
    public func addSubject(_ subject: NewSubject, by party: Party) async throws -> String {
        try await addSubjects([subject], by: party)[0]
    }

    /// Adds subjects all together or none of them (an import); returns their ids in order.
    ///
    /// A caller limited to some activities adds nobody this way: a person without a record or a
    /// consent is under none of its activities, so it could not reach them, and its answer (a
    /// new id, or the id of a person known elsewhere, or a conflict) would tell whether they are
    /// known. It adds a person with what it holds of them, naming them by an identifier.
    public func addSubjects(_ subjects: [NewSubject], by party: Party) async throws -> [String] {
        guard !party.access.isScoped else {
            throw GallraError.forbidden(
                "A person is added under your activities with a record or a consent that names them by their e-mail address, phone number or personnummer; a person with neither would be outside your reach."
            )
        }
        return try await acting(by: party, needs: .writePersonalData) { try await store.subjects.add(subjects) }
    }

    /// Everything held on a subject (Art. 15), or what Art. 20 covers; the read is audited. A
    /// caller limited to some activities sees only what is held under them.
    public func exportSubject(
        _ reference: String, scope: SubjectExport.Scope = .access, by party: Party,
        progress: (@Sendable (ExportProgress) -> Void)? = nil
    ) async throws -> SubjectExport {
        try await acting(by: party, needs: .readPersonalData) {
            // A party that sees every activity reaches whoever the reference names: the export
            // finds them itself.
            guard party.access.isScoped else {
                return try await store.subjects.export(reference, scope: scope, progress: progress)
            }
            let subject = try await reachableSubject(reference, by: party)
            let export = try await store.subjects.export(subject, scope: scope, progress: progress)
            return export.narrowed(to: party.access.activities, known: reference)
        }
    }

    /// The subject a reference names, when the party may read it: checked before long work
    /// starts for it elsewhere.
    public func reachableSubjectID(_ reference: String, by party: Party) async throws -> String {
        try await acting(by: party, needs: .readPersonalData) { try await reachableSubject(reference, by: party) }
    }
}
