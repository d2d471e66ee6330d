import Foundation
import GallraConnectors
import GallraCore
import GallraDatabase
import SQLKit

extension Subjects {
    /// Reads and decrypts everything held on the subject, for the subject (Art. 15, or Art. 20
    /// narrowed with `scope`); restricted data is included, as it may be given to the person.
    /// The read is audited. A person erased since (`erasedReadsAsNothing`: a request of theirs
    /// still open when another erased them) reads as holding nothing; else their id is not found.
    /// `progress` hears how far it has come (every 500 records, then each step after).
    public func export(
        _ reference: String, scope: SubjectExport.Scope = .access, erasedReadsAsNothing: Bool = false,
        progress: (@Sendable (ExportProgress) -> Void)? = nil
    ) async throws -> SubjectExport {
        // One statement says which register and systems file are in force; the subject is then
        // found (an id, what the use cases pass having checked the caller's reach, is not looked
        // up: the row read below says whether it exists).
        // The reference is read on the day of the register parsed last, beside that statement,
        // and read again should the register in force have another day.
        let now = Date()
        let assumedToday = store.versions.lastParsedCalendar().localDate(of: now)
        async let versions = store.versions.inForce()
        async let assumedSubject = subjectID(of: reference, today: assumedToday)
        let inForce = try await versions
        let register = try await store.versions.requireRegister(inForce)
        let calendar = try RegisterVersions.calendar(of: register)
        let today = calendar.localDate(of: now)
        let subject: String
        do {
            subject =
                today == assumedToday ? try await assumedSubject : try await subjectID(of: reference, today: today)
        } catch let unknown as GallraError {
            guard case .notFound = unknown else { throw unknown }
            // Not in the store: perhaps a person only the company's connected systems know.
            return try await connectedOnly(
                reference, scope: scope, systems: try await store.systems.current(inForce), register: register,
                calendar: calendar, notFound: unknown, progress: progress)
        }
        // What is held on them is read side by side, each on a reader of its own (or in the
        // caller's transaction): the time of one read rather than of seven.
        async let subjectRow = data.read.raw("SELECT name_sealed FROM subjects WHERE id = \(bind: subject)").first()
        async let sealedIdentifiers = sealedIdentifiers(of: subject)
        async let recordRows = data.read.raw(
            """
            SELECT id, activity, category, system, value_sealed, collected_at, expires_at, waiting_for
            FROM records WHERE subject_id = \(bind: subject) ORDER BY collected_at, id
            """
        ).all()
        async let storedEvents = store.records.storedEvents(subject: subject)
        async let consentEntries = store.consents.entries(of: subject)
        async let activeLimits = store.requests.activeLimits(subjects: [subject])
        async let incidents = store.incidents.list(affecting: subject)
        async let systems = store.systems.current(inForce)
        guard let subjectRow = try await subjectRow else {
            guard erasedReadsAsNothing, UUID(uuidString: subject) != nil else {
                throw GallraError.notFound("No subject has the id \(subject).")
            }
            return SubjectExport(
                scope: scope, generated: now, register: register, subject: subject, name: nil, identifiers: [],
                records: [],
                events: [], consents: [], limits: [], incidents: try await incidents, calendar: calendar)
        }
        let cipher = try await cipher(for: subject)
        let name = try subjectRow.decode(column: "name_sealed", as: Data?.self).map {
            try cipher.open($0, context: "\(subject)/name")
        }
        let identifiers = try Self.opened(try await sealedIdentifiers, of: subject, with: cipher)
        let rows = try await recordRows
        progress?(.records(done: 0, total: rows.count))
        let records = try rows.enumerated().compactMap { index, row -> SubjectExport.Record? in
            if index > 0 && index % 500 == 0 { progress?(.records(done: index, total: rows.count)) }
            let id = try row.decode(column: "id", as: String.self)
            guard let activity = register.activity(try row.decode(column: "activity", as: String.self)) else {
                return nil
            }
            return SubjectExport.Record(
                id: id, activity: activity, category: try row.decode(column: "category", as: String.self),
                system: try row.decode(column: "system", as: String?.self),
                value: try cipher.open(try row.decode(column: "value_sealed", as: Data.self), context: "record/\(id)"),
                collected: Date(millis: try row.decode(column: "collected_at", as: Int64.self)),
                expires: try row.decode(column: "expires_at", as: Int64?.self).map(Date.init(millis:)),
                waitingFor: (try row.decode(column: "waiting_for", as: String?.self))?.split(separator: ",").map(
                    String.init) ?? [])
        }
        let stored = try await storedEvents
        let events = stored.sorted { $0.occurred < $1.occurred }.map {
            SubjectExport.Event(name: $0.name.rawValue, activity: $0.activity, record: $0.record, occurred: $0.occurred)
        }
        let consents = try await consentEntries.map {
            SubjectExport.Consent(
                activity: $0.activity, wordingVersion: $0.wordingVersion, channel: $0.channel, given: $0.given,
                withdrawn: $0.withdrawn)
        }
        let limits = try await activeLimits.map {
            SubjectExport.Limit(activity: $0.activity, kind: $0.kind, since: $0.since)
        }
        progress?(.connected)
        let connected = try await connectedRecords(
            of: identifiers, in: try await systems, events: stored, register: register, calendar: calendar)
        progress?(.finishing)
        let export = SubjectExport(
            generated: Date(), register: register, subject: subject, name: name, identifiers: identifiers,
            records: records + connected, events: events, consents: consents, limits: limits,
            incidents: try await incidents, calendar: calendar)
        let given = scope == .portability ? export.narrowedToPortable() : export
        try await auditRead([
            AuditEvent(
                "subject.export", subject: subject, detail: "\(scope.rawValue): \(given.records.count) records read")
        ])
        return given
    }
}

extension Subjects {
    /// The export of a person the store does not hold but the connected systems do, found by the
    /// identifier `reference` gives: their rows only, under the pseudonym `pseudonym(of:)`. Nobody
    /// is registered by it: a lookup creates no data but its audit entry. Anyone else is
    /// `notFound`, the store's own answer, unchanged.
    private func connectedOnly(
        _ reference: String, scope: SubjectExport.Scope, systems: SystemsVersion?, register: Register,
        calendar: ZonedCalendar, notFound: GallraError, progress: (@Sendable (ExportProgress) -> Void)?
    ) async throws -> SubjectExport {
        let trimmed = reference.trimmingCharacters(in: .whitespaces)
        guard UUID(uuidString: trimmed) == nil, let systems,
            let identifier = SubjectIdentifier(guessing: trimmed, today: calendar.localDate(of: Date()))
        else { throw notFound }
        progress?(.connected)
        let records = try await connectedRecords(
            of: [SubjectExport.Identifier(kind: identifier.kind.rawValue, value: identifier.value)], in: systems,
            events: [], register: register, calendar: calendar)
        guard !records.isEmpty else { throw notFound }
        progress?(.finishing)
        let pseudonym = self.pseudonym(of: identifier)
        var export = SubjectExport(
            scope: .access, generated: Date(), register: register, subject: pseudonym, name: nil,
            identifiers: [SubjectExport.Identifier(kind: identifier.kind.rawValue, value: identifier.value)],
            records: records, events: [], calendar: calendar)
        export.registered = false
        let given = scope == .portability ? export.narrowedToPortable() : export
        try await auditRead([
            AuditEvent(
                "subject.export", subject: pseudonym,
                detail: "\(scope.rawValue): \(given.records.count) records read, in the connected systems only")
        ])
        return given
    }

    /// How a person the store does not hold, found in the connected systems by `identifier`, is
    /// named in their export and its audit entry: `connected-` and 32 hex digits of the lookup
    /// index's keyed hash of the identifier (apart from the hashes the index stores), so the same
    /// identifier gives the same name each time, and the name gives nothing back without the key.
    public func pseudonym(of identifier: SubjectIdentifier) -> String {
        "connected-" + index.lookup("connected", "\(identifier.kind.rawValue):\(identifier.value)").prefix(32)
    }
}

extension Subjects {
    /// The person's rows in the company's own databases, each personal column a record named
    /// `TABLE:KEY`, with its activity's rule (and its expiry by the row's columns and the
    /// person's `events` in the store).
    func connectedRecords(
        of identifiers: [SubjectExport.Identifier], in systems: SystemsVersion?, events stored: [StoredEvent],
        register: Register, calendar: ZonedCalendar
    ) async throws -> [SubjectExport.Record] {
        let today = calendar.localDate(of: Date())
        let known = identifiers.compactMap { $0.identifier(today: today) }
        guard let systems, !known.isEmpty else { return [] }
        return try await store.connectedPeople.rows(of: known, in: systems, calendar: calendar).flatMap {
            row -> [SubjectExport.Record] in
            guard let activity = register.activity(row.table.activity) else { return [] }
            let outcome = activity.retention.outcome(events: row.events(with: stored), calendar: calendar)
            let collected = row.events[.collected] ?? row.events.values.min() ?? Date()
            return row.values.map { value in
                SubjectExport.Record(
                    id: row.reference, activity: activity, category: value.category, system: row.system,
                    value: value.value, collected: collected, expires: outcome.expiry,
                    waitingFor: outcome.waitingFor.map(\.rawValue), table: row.table.table,
                    column: value.column)
            }
        }
    }
}

extension Subjects {
    /// The subject's identifiers, opened, as stored.
    /// None for a subject erased, whose identifiers went with them: their key is not needed then.
    /// A subject who has identifiers but whose key cannot be read is an error, never "no one".
    func openedIdentifiers(of subject: String) async throws -> [SubjectExport.Identifier] {
        let rows = try await sealedIdentifiers(of: subject)
        guard !rows.isEmpty else { return [] }
        return try Self.opened(rows, of: subject, with: try await cipher(for: subject))
    }

    private func sealedIdentifiers(of subject: String) async throws -> [any SQLRow] {
        try await data.read.raw(
            "SELECT kind, value_sealed FROM subject_identifiers WHERE subject_id = \(bind: subject) ORDER BY kind"
        ).all()
    }

    private static func opened(
        _ rows: [any SQLRow], of subject: String, with cipher: SubjectCipher
    ) throws -> [SubjectExport.Identifier] {
        try rows.map { row in
            let kind = try row.decode(column: "kind", as: String.self)
            return SubjectExport.Identifier(
                kind: kind,
                value: try cipher.open(
                    try row.decode(column: "value_sealed", as: Data.self), context: "\(subject)/\(kind)"))
        }
    }

    /// The subject's identifiers, as the store normalised them (to look the person up elsewhere).
    public func identifiers(of subject: String) async throws -> [SubjectIdentifier] {
        let today = try await calendar().localDate(of: Date())
        return try await openedIdentifiers(of: subject).compactMap { $0.identifier(today: today) }
    }

    /// The identifiers of many subjects, by subject, read in one query (the subjects at most a
    /// thousand); a subject erased has none. As `identifiers(of:)`, a key that cannot be read is
    /// an error.
    func identifiers(ofEach subjects: [String]) async throws -> [String: [SubjectIdentifier]] {
        guard !subjects.isEmpty else { return [:] }
        let today = try await calendar().localDate(of: Date())
        let rows = try await data.read.select().columns("subject_id", "kind", "value_sealed")
            .from("subject_identifiers").where("subject_id", .in, subjects).orderBy("kind").all()
        var bySubject: [String: [any SQLRow]] = [:]
        for row in rows { bySubject[try row.decode(column: "subject_id", as: String.self), default: []].append(row) }
        var found: [String: [SubjectIdentifier]] = [:]
        for (subject, sealed) in bySubject {
            found[subject] = try Self.opened(sealed, of: subject, with: try await cipher(for: subject)).compactMap {
                $0.identifier(today: today)
            }
        }
        return found
    }
}

extension SubjectExport.Identifier {
    /// The identifier as the store normalises it; nil for a kind it does not know.
    func identifier(today: CivilDate) -> SubjectIdentifier? {
        // try?: an identifier of a kind this version does not read is not used to find rows
        SubjectIdentifier.Kind(rawValue: kind).flatMap { try? SubjectIdentifier($0, value, today: today) }
    }
}
