import Foundation
import GallraCore
import GallraStore

extension Gallra {
    /// The subject a reference names, within the party's reach. A caller limited to some
    /// activities (support) reaches the subjects with records or consents under them, by their id
    /// or by an identifier given under one of them (not by a personnummer given to accounting);
    /// any other reference, known or not, is refused with the same words, so that the answer does
    /// not tell whether it is known.
    func reachableSubject(_ reference: String, by party: Party) async throws -> String {
        guard party.access.isScoped else { return try await store.subjects.resolve(reference) }
        let refused = GallraError.forbidden(
            ErrorReason(
                sv: "Ingen registrerad inom de aktiviteter du har tilldelats har den referensen.",
                en: "No subject within the activities assigned to you has this reference."))
        let trimmed = reference.trimmingCharacters(in: .whitespaces)
        let subject: String
        let given: Set<String>?
        if UUID(uuidString: trimmed) != nil {
            do {
                subject = try await store.subjects.resolve(trimmed)
            } catch GallraError.notFound {
                throw refused
            }
            given = nil
        } else {
            let named = try await identifier(trimmed)
            guard let owner = try await store.subjects.owner(of: named) else { throw refused }
            subject = owner
            given = try await store.subjects.activities(givenFor: named)
        }
        if let given, given.isDisjoint(with: party.access.activities) { throw refused }
        guard !(try await store.subjects.activities(of: subject)).isDisjoint(with: party.access.activities) else {
            throw refused
        }
        return subject
    }

    /// The subject a write by `party` is for, and which identifiers the write gives under its
    /// activity. A caller limited to some activities writes for a subject within them, or for a
    /// person it names by an identifier: registered when unknown, and taken as they are when known
    /// under other activities, so that the answer is the same either way; the write gives only
    /// that identifier. What it may read stays what its activities hold (`SubjectExport.narrowed`).
    /// Any other party knows the person whole: the write gives all their identifiers.
    func subjectForWrite(_ reference: String, by party: Party) async throws -> (id: String, given: IdentifiersGiven) {
        guard party.access.isScoped else { return (try await store.subjects.resolve(reference), .all) }
        let trimmed = reference.trimmingCharacters(in: .whitespaces)
        if UUID(uuidString: trimmed) != nil { return (try await reachableSubject(trimmed, by: party), .named([:])) }
        let named = try await identifier(trimmed)
        let id = try await store.subjects.register([NewSubject(identifier: named)])[0]
        return (id, .named([id: named]))
    }

    /// The identifier a reference gives, or a refusal that says what a reference is.
    func identifier(_ reference: String) async throws -> SubjectIdentifier {
        let today = try await calendar().localDate(of: Date())
        guard let identifier = SubjectIdentifier(guessing: reference, today: today) else {
            throw GallraError.invalidInput(
                ErrorReason(
                    sv: "Referensen är varken ett id, en e-postadress, ett telefonnummer eller ett personnummer.",
                    en:
                        "The subject reference is neither a subject id, an e-mail address, a phone number nor a personnummer."
                ))
        }
        return identifier
    }

    /// Refuses a request outside the party's reach: for a caller limited to some activities, a
    /// request must name only those.
    func requireReach(_ request: DataSubjectRequest, by party: Party) throws {
        guard party.access.isScoped else { return }
        guard let scope = request.scope, !scope.isEmpty, scope.allSatisfy(party.access.reaches(activity:)) else {
            throw GallraError.forbidden(
                ErrorReason(
                    sv: "Ärende \(request.id) gäller aktiviteter som du inte har tilldelats.",
                    en: "Request \(request.id) concerns activities not assigned to you."))
        }
    }

    /// A request by id, once the party may reach it.
    func reachableRequest(_ id: String, by party: Party) async throws -> DataSubjectRequest {
        let request = try await store.requests.request(id)
        try requireReach(request, by: party)
        return request
    }
}
