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
                ErrorReason(
                    sv:
                        "En person läggs till under dina aktiviteter med en post eller ett samtycke som anger e-postadress, telefonnummer eller personnummer; en person utan det vore utom räckhåll för dig.",
                    en:
                        "A person is added under your activities with a record or a consent that names them by their e-mail address, phone number or personnummer; a person with neither would be outside your reach."
                )
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
            let subject: String
            do {
                subject = try await reachableSubject(reference, by: party)
            } catch let refused as GallraError {
                guard case .forbidden = refused else { throw refused }
                return try await connectedOnly(reference, scope: scope, by: party, refused: refused)
            }
            let export = try await store.subjects.export(subject, scope: scope, progress: progress)
            return export.narrowed(to: party.access.activities, known: reference)
        }
    }

    /// For a caller limited to some activities, a person the store does not hold but the connected
    /// systems do, with rows under its activities: those rows. Anyone else, known to the store
    /// under other activities or to nobody, gets the same refusal as before.
    private func connectedOnly(
        _ reference: String, scope: SubjectExport.Scope, by party: Party, refused: GallraError
    ) async throws -> SubjectExport {
        let trimmed = reference.trimmingCharacters(in: .whitespaces)
        guard UUID(uuidString: trimmed) == nil else { throw refused }
        guard try await store.subjects.owner(of: try await identifier(trimmed)) == nil else { throw refused }
        let export: SubjectExport
        do {
            export = try await store.subjects.export(trimmed, scope: scope)
        } catch GallraError.notFound {
            throw refused
        }
        let narrowed = export.narrowed(to: party.access.activities, known: trimmed)
        guard !export.registered, !narrowed.records.isEmpty else { throw refused }
        return narrowed
    }

    /// The subject a reference names, when the party may read it: checked before long work
    /// starts for it elsewhere.
    public func reachableSubjectID(_ reference: String, by party: Party) async throws -> String {
        try await acting(by: party, needs: .readPersonalData) { try await reachableSubject(reference, by: party) }
    }
}
