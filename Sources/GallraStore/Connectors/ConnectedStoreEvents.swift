import Foundation
import GallraConnectors
import GallraCore
import GallraDatabase
import SQLKit

/// A connected row whose rule needs an event its own column leaves empty (NULL) and the person's
/// events in Gallra's store give: those stand in for the empty columns, and a filled column wins,
/// as a record's own events win in the store (the narrowest scope wins).
struct StoreEventRow: Sendable {
    let subject: String
    let system: String
    let table: String
    let key: [KeyValue]
    /// The person's events that apply to the table's activity: subject-wide, then the activity's.
    let standIns: [EventName: Date]
    /// The row's expiry with the store's events, and by its own columns alone (nil: not yet).
    let expiry: Date?
    let ownExpiry: Date?

    /// Whether the store's events make the row expired at `instant` where its columns alone do not.
    func expiredByStoreEvents(at instant: Date) -> Bool {
        guard let expiry, expiry <= instant else { return false }
        return ownExpiry.map { $0 > instant } ?? true
    }
}

extension ConnectedRow {
    /// The row's events with the person's events in Gallra's store: subject-wide, then those for
    /// the table's activity, then the row's own columns, each overriding the wider.
    func events(with stored: [StoredEvent]) -> [EventName: Date] {
        events(standingIn: standIns(stored))
    }

    /// The person's events that apply to the row: subject-wide, then those for its activity.
    func standIns(_ stored: [StoredEvent]) -> [EventName: Date] {
        StoredEvent.applicable(stored, activity: table.activity, record: nil)
    }

    /// The row's own columns, with `standIns` for those it leaves empty.
    func events(standingIn standIns: [EventName: Date]) -> [EventName: Date] {
        standIns.merging(events) { _, own in own }
    }
}

extension RetentionSweep {
    /// The connected rows whose expiry the events of their person in Gallra's store change: the
    /// rows of every subject with an event (subject-wide or for an activity) that a connected
    /// table's rule names, found by the subject's identifiers.
    func storeEventRows(calendar: ZonedCalendar) async throws -> [StoreEventRow] {
        guard let systems = try await store.systems.current() else { return [] }
        let register = try await requireRegister()
        var needed: Set<String> = []
        for table in systems.file.systems.flatMap(\.tables) {
            needed.formUnion(register.activity(table.activity)?.retention.events.map(\.rawValue) ?? [])
        }
        guard !needed.isEmpty else { return [] }
        let subjects = try await data.read.select().distinct().column("subject_id").from("events")
            .where("record_id", .is, SQLLiteral.null).where("name", .in, Array(needed)).all()
            .map { try $0.decode(column: "subject_id", as: String.self) }
        var found: [StoreEventRow] = []
        for chunk in subjects.chunked(into: 1_000) {
            let stored = try await store.records.storedEvents(subjects: Array(chunk))
            // A person erased from the store has no identifiers left to find their rows by; any
            // other failure to read them stops the sweep rather than miss their events.
            var people = try await store.subjects.identifiers(ofEach: Array(chunk))
            for subject in chunk where people[subject] == nil { people[subject] = [] }
            let rowsByPerson = try await store.connectedPeople.rows(ofEach: people, in: systems)
            for subject in chunk {
                for row in rowsByPerson[subject] ?? [] {
                    guard let rule = register.activity(row.table.activity)?.retention else { continue }
                    let standIns = row.standIns(stored[subject] ?? [])
                    let events = row.events(standingIn: standIns)
                    guard rule.events.contains(where: { row.events[$0] == nil && events[$0] != nil }) else { continue }
                    let expiry = rule.outcome(events: events, calendar: calendar).expiry
                    let own = rule.outcome(events: row.events, calendar: calendar).expiry
                    guard expiry != own else { continue }
                    found.append(
                        StoreEventRow(
                            subject: subject, system: row.system, table: row.table.table, key: row.key,
                            standIns: standIns, expiry: expiry, ownExpiry: own))
                }
            }
        }
        return found
    }

    /// Sweeps the rows of one table that the store's events have expired (see `storeEventRows`),
    /// person by person: each person's rows re-read with the rule's predicate, the store's events
    /// standing in for their empty columns, then changed as a batch, counted into `report`.
    func sweepByStoreEvents(
        _ due: [StoreEventRow], into report: inout ConnectedTableSweep, rows: ConnectedRows,
        system: ConnectedSystem, activity: ProcessingActivity, now: Date, dryRun: Bool, calendar: ZonedCalendar,
        listing: Bool, afterBatch: (@Sendable (Int) throws -> Void)?
    ) async throws {
        let table = rows.table
        for person in Dictionary(grouping: due, by: \.subject).values {
            let condition = rows.expired(
                by: activity.retention, at: now, calendar: calendar, standIns: person[0].standIns)
            // Only what the database agrees has expired (a row anonymised already, or given its
            // event since, is not).
            let expiries = Dictionary(person.map { ($0.key, $0.expiry) }) { first, _ in first }
            let keys = try await rows.connection.sql.raw(
                try rows.select(where: .keys(person.map(\.key)) && condition, limit: nil)
            ).all().map { try rows.typedKey(of: $0) }
            guard !keys.isEmpty else { continue }
            let batch = keys.map { ExpiredRow(key: $0, expiry: expiries[$0] ?? nil) }
            if dryRun {
                report.add(.dryRun(batch, table.onExpiry), of: batch, in: table, listing: listing)
                continue
            }
            let outcome = try await sweepBatch(
                batch, rows: rows, system: system.id, activity: activity, condition: condition, calendar: calendar)
            report.add(outcome, of: batch, in: table, listing: listing)
            try afterBatch?(outcome.changed)
        }
    }
}
