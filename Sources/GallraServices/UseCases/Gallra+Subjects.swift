import Foundation
import GallraCore
import GallraStore

extension Gallra {
    /// Adds a data subject with their identifiers; returns their pseudonymous id. An identifier
    /// already registered is a conflict that names nobody.
    public func addSubject(_ subject: NewSubject, by party: Party) async throws -> String {
        try await acting(by: party) { try await store.subjects.add([subject])[0] }
    }

    /// Adds subjects all together or none of them (an import); returns their ids in order.
    public func addSubjects(_ subjects: [NewSubject], by party: Party) async throws -> [String] {
        try await acting(by: party) { try await store.subjects.add(subjects) }
    }

    /// Everything held on a subject (Art. 15), or what Art. 20 covers; the read is audited.
    public func exportSubject(_ reference: String, scope: SubjectExport.Scope = .access, by party: Party)
        async throws -> SubjectExport
    {
        try await acting(by: party) { try await store.subjects.export(reference, scope: scope) }
    }
}
