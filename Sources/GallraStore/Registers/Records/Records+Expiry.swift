import Foundation
import GallraConnectors
import GallraCore
import GallraDatabase
import SQLKit

/// An event as stored, with its scope.
struct StoredEvent: Sendable {
    let name: EventName
    let activity: String?
    let record: String?
    let occurred: Date
    let recorded: Int64

    /// The events that apply to one record: subject-wide, then the activity's, then the record's
    /// own, each overriding the wider one; within a scope the latest recorded wins. Without a
    /// record (a row of a connected table): the subject's and the activity's.
    static func applicable(_ events: [StoredEvent], activity: String, record: String?) -> [EventName: Date] {
        var result: [EventName: Date] = [:]
        let ordered = events.sorted { $0.recorded < $1.recorded }
        for event in ordered where event.activity == nil && event.record == nil { result[event.name] = event.occurred }
        for event in ordered where event.activity == activity && event.record == nil {
            result[event.name] = event.occurred
        }
        for event in ordered where record != nil && event.record == record { result[event.name] = event.occurred }
        return result
    }
}

extension Records {
    func storedEvents(subject: String, on sql: (any SQLDatabase)? = nil) async throws -> [StoredEvent] {
        try await storedEvents(subjects: [subject], on: sql)[subject] ?? []
    }

    /// The events of many subjects in one query, by subject.
    func storedEvents(subjects: [String], on sql: (any SQLDatabase)? = nil) async throws -> [String: [StoredEvent]] {
        guard !subjects.isEmpty else { return [:] }
        let rows = try await (sql ?? data.read).select()
            .columns("subject_id", "name", "activity", "record_id", "occurred_at", "recorded_at")
            .from("events").where("subject_id", .in, subjects).all()
        var result: [String: [StoredEvent]] = [:]
        for row in rows {
            guard let name = EventName(validating: try row.decode(column: "name", as: String.self)) else { continue }
            let event = StoredEvent(
                name: name, activity: try row.decode(column: "activity", as: String?.self),
                record: try row.decode(column: "record_id", as: String?.self),
                occurred: Date(millis: try row.decode(column: "occurred_at", as: Int64.self)),
                recorded: try row.decode(column: "recorded_at", as: Int64.self))
            result[try row.decode(column: "subject_id", as: String.self), default: []].append(event)
        }
        return result
    }

    /// Computes again, and stores, the expiry of a subject's records (all, one activity's, or one).
    /// With `shortenedBy`, a record whose expiry moves earlier is marked as shortened by that
    /// register version, so the sweep keeps it until a dry run has reported it.
    func recomputeExpiries(
        subject: String, activity: String?, record: String?, shortenedBy version: Int64? = nil, on sql: any SQLDatabase
    ) async throws {
        let register = try await requireRegister()
        let calendar = try await calendar()
        let events = try await storedEvents(subject: subject, on: sql)
        var query = SQLQueryString(
            "SELECT id, activity, collected_at, expires_at FROM records WHERE subject_id = \(bind: subject)")
        if let record {
            query = "\(query) AND id = \(bind: record)"
        } else if let activity {
            query = "\(query) AND activity = \(bind: activity)"
        }
        var waitingChange = 0
        for row in try await sql.raw(query).all() {
            let id = try row.decode(column: "id", as: String.self)
            let activityID = try row.decode(column: "activity", as: String.self)
            let collected = Date(millis: try row.decode(column: "collected_at", as: Int64.self))
            guard let rule = register.activity(activityID)?.retention else { continue }
            var known = StoredEvent.applicable(events, activity: activityID, record: id)
            known[.collected] = collected
            let outcome = rule.outcome(events: known, calendar: calendar)
            let old = try row.decode(column: "expires_at", as: Int64?.self)
            let new = outcome.expiry?.millis
            waitingChange += (new == nil ? 1 : 0) - (old == nil ? 1 : 0)
            if let version, let new, old.map({ new < $0 }) ?? true {
                try await sql.raw(
                    """
                    UPDATE records SET expires_at = \(bind: new), waiting_for = \(bind: outcome.waitingText),
                    shortened_by = \(bind: version) WHERE id = \(bind: id)
                    """
                ).run()
            } else {
                try await sql.raw(
                    "UPDATE records SET expires_at = \(bind: new), waiting_for = \(bind: outcome.waitingText) WHERE id = \(bind: id)"
                ).run()
            }
        }
        try await Records.countWaiting(waitingChange, on: sql)
    }

    /// After a register changes an activity's rule: every record of it, subject by subject.
    func recomputeExpiries(activity: String, version: Int64) async throws {
        let subjects = try await data.read.raw(
            "SELECT DISTINCT subject_id FROM records WHERE activity = \(bind: activity)"
        ).all()
            .map { try $0.decode(column: "subject_id", as: String.self) }
        for chunk in subjects.chunked(into: 200) {
            try await data.transaction { sql in
                for subject in chunk {
                    try await self.recomputeExpiries(
                        subject: subject, activity: activity, record: nil, shortenedBy: version, on: sql)
                }
            }
        }
    }
}
