import Foundation
import GallraConnectors
import GallraCore
import GallraDatabase
import SQLKit

/// The data subjects: each a pseudonymous id, their identifiers (e-mail, phone, personnummer) sealed
/// under their own key and found through a keyed lookup index, never stored in clear.
public struct Subjects: StoreRegister {
    let store: Store
}

extension Subjects {
    /// Adds a data subject with their identifiers; returns the subject's pseudonymous id.
    public func add(
        email: String?, name: String? = nil, phone: String? = nil, personalNumber: String? = nil
    ) async throws -> String {
        try await add([NewSubject(email: email, name: name, phone: phone, personalNumber: personalNumber)])[0]
    }

    /// Adds subjects in one transaction (an import); returns their ids in order. Nothing is added
    /// when any of them is refused.
    public func add(_ subjects: [NewSubject]) async throws -> [String] {
        let today = try await calendar().localDate(of: Date())
        var prepared: [(id: String, subject: NewSubject, identifiers: [SubjectIdentifier])] = []
        var seen: Set<SubjectIdentifier> = []
        for subject in subjects {
            let identifiers = try subject.identifiers(today: today)
            for identifier in identifiers {
                if !seen.insert(identifier).inserted {
                    throw GallraError.invalidInput("Two of the subjects given have the same \(identifier.kind.label).")
                }
                // A conflict that does not name who has the identifier: the caller may not be
                // allowed to see that subject, and the answer must not become an oracle.
                if try await subjectID(for: identifier) != nil {
                    throw GallraError.conflict(
                        "A subject with this \(identifier.kind.label) is already registered; find them by it instead of adding them again."
                    )
                }
            }
            prepared.append((Store.newSubjectID(), subject, identifiers))
        }
        // The keys first: a crash after them leaves unused keys, never data without a key.
        let keys = try await store.keys.createDataKeys(for: prepared.map(\.id))
        let now = Clock.nowMillis()
        try await data.transaction { sql in
            for chunk in prepared.chunked(into: 500) {
                var subjectRows = sql.insert(into: "subjects").columns("id", "created_at", "name_sealed")
                var identifierRows = sql.insert(into: "subject_identifiers").columns(
                    "kind", "lookup", "subject_id", "value_sealed")
                for entry in chunk {
                    let cipher = SubjectCipher(dataKey: keys[entry.id]!)
                    let name = try entry.subject.name.map { try cipher.seal($0, context: "\(entry.id)/name") }
                    subjectRows = subjectRows.values(SQLBind(entry.id), SQLBind(now), SQLBind(name))
                    for identifier in entry.identifiers {
                        let kind = identifier.kind.rawValue
                        identifierRows = identifierRows.values(
                            SQLBind(kind), SQLBind(self.index.lookup(kind, identifier.value)), SQLBind(entry.id),
                            SQLBind(try cipher.seal(identifier.value, context: "\(entry.id)/\(kind)")))
                    }
                }
                try await subjectRows.run()
                try await identifierRows.run()
            }
            try await self.audit(
                prepared.map { entry in
                    let kinds = entry.identifiers.map(\.kind.rawValue) + (entry.subject.name == nil ? [] : ["name"])
                    return AuditEvent(
                        "subject.add", subject: entry.id, detail: "identifiers: \(kinds.joined(separator: ", "))")
                }, on: sql)
        }
        return prepared.map(\.id)
    }

    /// Adds the subjects not yet known and finds those who are, by the first of their identifiers
    /// registered: for a caller limited to some activities, whose answer must not tell whether a
    /// person is known under others. A known subject is taken as they are: neither the name nor
    /// the other identifiers given change them.
    public func register(_ subjects: [NewSubject]) async throws -> [String] {
        let today = try await calendar().localDate(of: Date())
        var ids: [String?] = []
        var unknown: [NewSubject] = []
        for subject in subjects {
            var known: String?
            for identifier in try subject.identifiers(today: today) where known == nil {
                known = try await subjectID(for: identifier)
            }
            ids.append(known)
            if known == nil { unknown.append(subject) }
        }
        var added = try await add(unknown).makeIterator()
        return ids.map { $0 ?? added.next()! }
    }

    /// The subject a reference names: their id, or an identifier found through the lookup index.
    public func resolve(_ reference: String) async throws -> String {
        let trimmed = reference.trimmingCharacters(in: .whitespaces)
        if UUID(uuidString: trimmed) != nil {
            let id = trimmed.lowercased()
            if try await data.read.raw("SELECT id FROM subjects WHERE id = \(bind: id)").first() != nil { return id }
            throw GallraError.notFound("No subject has the id \(id).")
        }
        return try await owner(ofGuessed: trimmed, today: try await calendar().localDate(of: Date()))
    }

    /// The subject a reference names, on the controller's day `today`: an id as given (the caller
    /// reads their row, which says whether they exist), or the owner of an identifier.
    func subjectID(of reference: String, today: CivilDate) async throws -> String {
        let trimmed = reference.trimmingCharacters(in: .whitespaces)
        if UUID(uuidString: trimmed) != nil { return trimmed.lowercased() }
        return try await owner(ofGuessed: trimmed, today: today)
    }

    /// The owner of an identifier given as text (trimmed), its kind guessed from its form.
    private func owner(ofGuessed trimmed: String, today: CivilDate) async throws -> String {
        guard let identifier = SubjectIdentifier(guessing: trimmed, today: today) else {
            throw GallraError.invalidInput(
                ErrorReason(
                    sv: "Referensen är varken ett id, en e-postadress, ett telefonnummer eller ett personnummer.",
                    en:
                        "The subject reference is neither a subject id, an e-mail address, a phone number nor a personnummer."
                ))
        }
        guard let subject = try await subjectID(for: identifier) else {
            throw GallraError.notFound("No subject has the \(identifier.kind.label) given.")
        }
        return subject
    }

    /// The subject who has `identifier`, if anyone.
    public func owner(of identifier: SubjectIdentifier) async throws -> String? {
        try await subjectID(for: identifier)
    }

    func subjectID(for identifier: SubjectIdentifier) async throws -> String? {
        let lookup = index.lookup(identifier.kind.rawValue, identifier.value)
        return try await data.read.raw(
            "SELECT subject_id FROM subject_identifiers WHERE kind = \(bind: identifier.kind.rawValue) AND lookup = \(bind: lookup)"
        ).first()?.decode(column: "subject_id", as: String.self)
    }

    /// The activities a subject has records or consents under: what decides whether a caller
    /// limited to some activities may see them.
    public func activities(of subject: String) async throws -> Set<String> {
        let rows = try await data.read.raw(
            """
            SELECT activity FROM records WHERE subject_id = \(bind: subject)
            UNION SELECT activity FROM consents WHERE subject_id = \(bind: subject)
            """
        ).all()
        return Set(try rows.map { try $0.decode(column: "activity", as: String.self) })
    }
}
