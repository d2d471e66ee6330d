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
    public func addSubjects(_ subjects: [NewSubject], by party: Party) async throws -> [String] {
        // A caller limited to some activities gets the same answer for a person known under others
        // as for a new one: see `Subjects.register`.
        try await acting(by: party, needs: .writePersonalData) {
            party.access.isScoped ? try await store.subjects.register(subjects) : try await store.subjects.add(subjects)
        }
    }

    /// Everything held on a subject (Art. 15), or what Art. 20 covers; the read is audited. A
    /// caller limited to some activities sees only what is held under them.
    public func exportSubject(
        _ reference: String, scope: SubjectExport.Scope = .access, by party: Party,
        progress: (@Sendable (ExportProgress) -> Void)? = nil
    ) async throws -> SubjectExport {
        try await acting(by: party, needs: .readPersonalData) {
            let subject = try await reachableSubject(reference, by: party)
            let export = try await store.subjects.export(subject, scope: scope, progress: progress)
            return party.access.isScoped ? export.narrowed(to: party.access.activities, known: reference) : export
        }
    }

    /// The subject a reference names, when the party may read it: checked before long work
    /// starts for it elsewhere.
    public func reachableSubjectID(_ reference: String, by party: Party) async throws -> String {
        try await acting(by: party, needs: .readPersonalData) { try await reachableSubject(reference, by: party) }
    }
}
