import Foundation
import GallraCore
import SQLKit

extension Store {
    /// Adds a data subject with their identifiers; returns the subject's pseudonymous id.
    public func addSubject(
        email: String?, name: String? = nil, phone: String? = nil, personalNumber: String? = nil
    ) async throws -> String {
        let today = try await calendar().localDate(of: Date())
        var identifiers: [SubjectIdentifier] = []
        if let email { identifiers.append(try SubjectIdentifier(.email, email, today: today)) }
        if let phone { identifiers.append(try SubjectIdentifier(.phone, phone, today: today)) }
        if let personalNumber {
            identifiers.append(try SubjectIdentifier(.personalNumber, personalNumber, today: today))
        }
        guard !identifiers.isEmpty else {
            throw StoreError.invalidInput(
                "A subject needs at least one identifier: an e-mail, a phone or a personnummer.")
        }
        for identifier in identifiers {
            if let existing = try await subjectID(for: identifier) {
                throw StoreError.invalidInput(
                    "A subject with this \(identifier.kind.label) already exists: \(existing).")
            }
        }
        let subject = Store.newID()
        // The key first: a crash after it leaves an unused key, never data without a key.
        let cipher = SubjectCipher(dataKey: try await createDataKey(for: subject))
        let sealedName = try name.map { try cipher.seal($0, context: "\(subject)/name") }
        let rows = try identifiers.map { identifier in
            (
                identifier.kind.rawValue, index.lookup(identifier.kind.rawValue, identifier.value),
                try cipher.seal(identifier.value, context: "\(subject)/\(identifier.kind.rawValue)")
            )
        }
        try await transaction(data) { sql in
            try await sql.raw(
                "INSERT INTO subjects (id, created_at, name_sealed) VALUES (\(bind: subject), \(bind: Clock.nowMillis()), \(bind: sealedName))"
            ).run()
            for (kind, lookup, sealed) in rows {
                try await sql.raw(
                    """
                    INSERT INTO subject_identifiers (kind, lookup, subject_id, value_sealed)
                    VALUES (\(bind: kind), \(bind: lookup), \(bind: subject), \(bind: sealed))
                    """
                ).run()
            }
            let kinds = identifiers.map(\.kind.rawValue).joined(separator: ", ") + (name == nil ? "" : ", name")
            try await self.audit(
                [AuditEvent("subject.add", subject: subject, detail: "identifiers: \(kinds)")], on: sql)
        }
        return subject
    }

    /// The subject a reference names: their id, or an identifier found through the lookup index.
    public func resolveSubject(_ reference: String) async throws -> String {
        let trimmed = reference.trimmingCharacters(in: .whitespaces)
        if UUID(uuidString: trimmed) != nil {
            let id = trimmed.lowercased()
            if try await data.sql.raw("SELECT id FROM subjects WHERE id = \(bind: id)").first() != nil { return id }
            throw StoreError.notFound("No subject has the id \(id).")
        }
        let today = try await calendar().localDate(of: Date())
        guard let identifier = SubjectIdentifier(guessing: trimmed, today: today) else {
            throw StoreError.invalidInput(
                "The subject reference is neither a subject id, an e-mail address, a phone number nor a personnummer.")
        }
        guard let subject = try await subjectID(for: identifier) else {
            throw StoreError.notFound("No subject has the \(identifier.kind.label) given.")
        }
        return subject
    }

    func subjectID(for identifier: SubjectIdentifier) async throws -> String? {
        let lookup = index.lookup(identifier.kind.rawValue, identifier.value)
        return try await data.sql.raw(
            "SELECT subject_id FROM subject_identifiers WHERE kind = \(bind: identifier.kind.rawValue) AND lookup = \(bind: lookup)"
        ).first()?.decode(column: "subject_id", as: String.self)
    }

    /// The controller's calendar, or Stockholm's before a register is applied.
    func calendar() async throws -> ZonedCalendar {
        if let register = try? await requireRegister(),
            let calendar = ZonedCalendar(timeZoneIdentifier: register.controller.timeZone)
        {
            return calendar
        }
        return .stockholm
    }
}

extension SubjectIdentifier.Kind {
    var label: String {
        switch self {
        case .email: return "e-mail address"
        case .phone: return "phone number"
        case .personalNumber: return "personnummer"
        }
    }
}
