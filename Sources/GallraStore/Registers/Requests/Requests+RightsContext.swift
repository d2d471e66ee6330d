import Foundation
import GallraConnectors
import GallraCore
import GallraDatabase
import SQLKit

extension Requests {
    /// What the rights engine needs to decide a request on the subject, read now.
    /// `connected`: the subject's rows in the connected databases, when the caller looks them up
    /// (nil: looked up here). They are looked up while the store is read.
    public func rightsContext(
        for request: DataSubjectRequest, connected: (@Sendable () async throws -> [ConnectedRow])? = nil
    ) async throws -> RightsContext {
        let subject = request.subject
        let now = Date()
        let store = self.store
        let lookup = Task {
            if let connected { return try await connected() }
            // The subject's identifiers are opened only when a systems file connects anything.
            guard try await store.systems.current() != nil else { return [ConnectedRow]() }
            return try await store.connectedPeople.rows(of: try await store.subjects.identifiers(of: subject))
        }
        var holdings: [String: ActivityHolding] = [:]
        var waiting: Set<String> = []
        for row in try await data.read.raw(
            "SELECT activity, expires_at, waiting_for FROM records WHERE subject_id = \(bind: subject)"
        ).all() {
            let activity = try row.decode(column: "activity", as: String.self)
            let expires = try row.decode(column: "expires_at", as: Int64?.self).map(Date.init(millis:))
            let events = (try row.decode(column: "waiting_for", as: String?.self) ?? "").split(separator: ",")
                .compactMap { EventName(validating: String($0)) }
            var holding = holdings[activity] ?? ActivityHolding(activity: activity, records: 0, expires: expires)
            holding.records += 1
            holding.waitingFor.formUnion(events)
            if expires == nil { waiting.insert(activity) }
            if let expires, let latest = holding.expires, expires > latest { holding.expires = expires }
            holdings[activity] = holding
        }
        let calendar = try await calendar()
        let register = try await requireRegister()
        let holds = try await store.holds.legalHolds(subjects: [subject], at: now.millis).map {
            HoldScope(activity: $0.activity, until: $0.until)
        }
        let consents = try await store.consents.entries(of: subject).filter { $0.isInForce(at: now) }.map(\.activity)
        let grounds = try await data.read.raw(
            "SELECT activity FROM request_grounds WHERE request_id = \(bind: request.id)"
        ).all().map { try $0.decode(column: "activity", as: String.self) }
        // What a rectification request has noted to correct, by activity (in the store and in
        // connected rows); other requests have none.
        var corrections: [String: Int] = [:]
        if request.kind == .rectification {
            for row in try await data.read.raw(
                """
                SELECT records.activity FROM request_corrections
                JOIN records ON records.id = request_corrections.record_id
                WHERE request_corrections.request_id = \(bind: request.id)
                UNION ALL SELECT activity FROM request_connected_corrections WHERE request_id = \(bind: request.id)
                """
            ).all() {
                corrections[try row.decode(column: "activity", as: String.self), default: 0] += 1
            }
        }
        // The person's rows in the company's own databases count as holdings of their activities,
        // each expiring by its columns and the person's events in the store.
        let stored = try await store.records.storedEvents(subject: subject)
        for row in try await lookup.value {
            guard let rule = register.activity(row.table.activity)?.retention else { continue }
            let outcome = rule.outcome(events: row.events(with: stored), calendar: calendar)
            let activity = row.table.activity
            var holding = holdings[activity] ?? ActivityHolding(activity: activity, records: 0, expires: outcome.expiry)
            holding.records += 1
            holding.waitingFor.formUnion(outcome.waitingFor)
            if let expires = outcome.expiry {
                if let latest = holding.expires, expires > latest { holding.expires = expires }
            } else {
                waiting.insert(activity)
            }
            holdings[activity] = holding
        }
        for activity in waiting { holdings[activity]?.expires = nil }
        return RightsContext(
            register: register, calendar: calendar, holdings: Array(holdings.values),
            holds: holds, consentsInForce: Set(consents), compellingGrounds: Set(grounds), corrections: corrections,
            scope: request.scope.map(Set.init))
    }
}
