import Foundation
import GallraConnectors
import GallraCore
import GallraDatabase
import SQLKit

/// Personal data records, each under an activity of the register, sealed under its subject's key,
/// with the expiry its activity's retention rule gives; and the events those rules count from.
public struct Records: StoreRegister {
    let store: Store
}

extension Records {
    /// Stores one record; `subject` is a subject id or identifier. Returns the record id.
    public func add(
        subject reference: String, activity: String, category: String, value: String, collected: Date? = nil,
        system: String? = nil
    ) async throws -> String {
        let subject = try await resolveSubject(reference)
        return try await add([
            NewRecord(
                subject: subject, activity: activity, category: category, value: value, collected: collected ?? Date(),
                system: system)
        ])[0]
    }

    /// Stores a batch of records in one transaction (subjects given by id), each sealed under its
    /// subject's key, its expiry computed, and each audited. Returns the record ids, in order.
    /// Inside a use case's transaction it joins that; otherwise it is committed with the writes of
    /// the same moment (a group commit), so that many callers at once do not queue one by one.
    /// `given` says which of each subject's identifiers were given under the records' activities.
    public func add(_ records: [NewRecord], given: IdentifiersGiven = .all) async throws -> [String] {
        let rows = try await prepare(records)
        if data.gate.isHeld {
            try await data.transaction { sql in try await self.insert(rows, given: given, on: sql) }
        } else {
            try await store.groupCommit.commit { sql in try await self.insert(rows, given: given, on: sql) }
        }
        return rows.map(\.id)
    }

    /// A record ready to be written: sealed, its expiry computed.
    struct PreparedRecord: Sendable {
        let id: String
        let record: NewRecord
        let sealed: Data
        let expiry: RetentionOutcome
    }

    /// Checks the records against the register and the consents in force, seals each and computes
    /// its expiry, before any transaction is opened.
    private func prepare(_ records: [NewRecord]) async throws -> [PreparedRecord] {
        let register = try await requireRegister()
        let calendar = try await calendar()
        for record in records { try Self.validate(record, in: register) }
        try await store.consents.requireConsent(for: records, in: register)
        var rows: [PreparedRecord] = []
        let eventsBySubject = try await storedEvents(subjects: Array(Set(records.map(\.subject))))
        for record in records {
            let id = Store.newID()
            let sealed = try await cipher(for: record.subject).seal(record.value, context: "record/\(id)")
            let rule = register.activity(record.activity)!.retention
            let known = StoredEvent.applicable(
                eventsBySubject[record.subject] ?? [], activity: record.activity, record: id)
            let outcome = rule.outcome(
                events: known.merging([.collected: record.collected]) { _, new in new }, calendar: calendar)
            rows.append(PreparedRecord(id: id, record: record, sealed: sealed, expiry: outcome))
        }
        return rows
    }

    /// Writes prepared records and their audit entries in the caller's transaction.
    private func insert(_ rows: [PreparedRecord], given: IdentifiersGiven, on sql: any SQLDatabase) async throws {
        let now = Clock.nowMillis()
        for chunk in rows.chunked(into: 500) {
            var insert = sql.insert(into: "records").columns(
                "id", "subject_id", "activity", "category", "system", "value_sealed", "collected_at", "expires_at",
                "waiting_for", "created_at")
            for row in chunk {
                insert = insert.values(
                    SQLBind(row.id), SQLBind(row.record.subject), SQLBind(row.record.activity),
                    SQLBind(row.record.category), SQLBind(row.record.system), SQLBind(row.sealed),
                    SQLBind(row.record.collected.millis), SQLBind(row.expiry.expiry?.millis),
                    SQLBind(row.expiry.waitingText), SQLBind(now))
            }
            try await insert.run()
        }
        try await store.subjects.give(given, rows.map { ($0.record.subject, $0.record.activity) }, on: sql)
        try await Records.countWaiting(rows.filter { $0.expiry.expiry == nil }.count, on: sql)
        // One entry per subject and activity in the batch, naming every record it wrote.
        var groups: [(key: String, subject: String, activity: String, records: [String])] = []
        var positions: [String: Int] = [:]
        for row in rows {
            let key = row.record.subject + "/" + row.record.activity
            if let position = positions[key] {
                groups[position].records.append("\(row.id) (\(row.record.category))")
            } else {
                positions[key] = groups.count
                groups.append((key, row.record.subject, row.record.activity, ["\(row.id) (\(row.record.category))"]))
            }
        }
        try await self.audit(
            groups.map {
                AuditEvent(
                    "record.add", subject: $0.subject, activity: $0.activity,
                    detail: "records " + $0.records.joined(separator: ", "))
            }, on: sql)
    }

    /// Records events for a subject; the narrowest scope wins when they name the same event.
    public func addEvents(subject reference: String, scope: EventScope, events: [(EventName, Date)]) async throws {
        let register = try await requireRegister()
        let subject = try await resolveSubject(reference)
        let known = Set(register.knownEvents.map(\.name))
        for (name, _) in events where !known.contains(name) {
            throw GallraError.invalidInput("The register knows no event \"\(name)\".")
        }
        var activity: String?
        var record: String?
        switch scope {
        case .subject: break
        case .activity(let id):
            guard register.activity(id) != nil else {
                throw GallraError.notFound("The register has no activity \"\(id)\".")
            }
            activity = id
        case .record(let id):
            guard
                let row = try await data.read.raw(
                    "SELECT activity FROM records WHERE id = \(bind: id) AND subject_id = \(bind: subject)"
                ).first()
            else { throw GallraError.notFound("The subject has no record \(id).") }
            record = id
            activity = try row.decode(column: "activity", as: String.self)
        }
        try await data.transaction { sql in
            try await self.insertEvents(subject: subject, activity: activity, record: record, events: events, on: sql)
        }
    }

    /// Inserts events inside the caller's transaction, audits them, and computes again the expiry
    /// of the records they reach.
    func insertEvents(
        subject: String, activity: String?, record: String?, events: [(EventName, Date)], on sql: any SQLDatabase
    ) async throws {
        let now = Clock.nowMillis()
        for (name, date) in events {
            try await sql.raw(
                """
                INSERT INTO events (id, subject_id, activity, record_id, name, occurred_at, recorded_at)
                VALUES (\(bind: Store.newID()), \(bind: subject), \(bind: activity), \(bind: record),
                        \(bind: name.rawValue), \(bind: date.millis), \(bind: now))
                """
            ).run()
        }
        let names = events.map(\.0.rawValue).joined(separator: ", ")
        let target = record.map { "record \($0)" } ?? activity.map { "activity \($0)" } ?? "subject"
        try await audit(
            [AuditEvent("event.add", subject: subject, activity: activity, detail: "\(names) for \(target)")], on: sql)
        try await recomputeExpiries(subject: subject, activity: activity, record: record, on: sql)
    }

    static func validate(_ record: NewRecord, in register: Register) throws(GallraError) {
        guard let activity = register.activity(record.activity) else {
            throw GallraError.notFound("The register has no activity \"\(record.activity)\".")
        }
        guard register.category(record.category) != nil else {
            throw GallraError.notFound("The register knows no data category \"\(record.category)\".")
        }
        guard activity.data.contains(record.category) else {
            throw GallraError.invalidInput(
                "Activity \"\(activity.id)\" does not process \"\(record.category)\"; the register lists \(activity.data.joined(separator: ", "))."
            )
        }
        if let system = record.system, !activity.systems.contains(system) {
            throw GallraError.invalidInput("Activity \"\(activity.id)\" does not use system \"\(system)\".")
        }
    }
}

extension RetentionOutcome {
    var waitingText: String? {
        waitingFor.isEmpty ? nil : waitingFor.map(\.rawValue).joined(separator: ",")
    }
}
