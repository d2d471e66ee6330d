import Foundation
import GallraCore
import GallraStore

extension Gallra {
    /// Carries a request's decisions out, the one place this is written: the rights engine decides
    /// on what the store and the connected databases hold of the person; the company's own
    /// databases are changed first, row by row (so that a completion interrupted there and run
    /// again finishes the rest before the request is marked completed); then Gallra's own store
    /// in one transaction, with `deliver` (the copy, when there is one) inside it; then the keys
    /// of a person erased whole are destroyed. `sent` says what went to the person, without
    /// personal data. The caller has checked the party's permission and reach.
    func carryOut(
        _ id: String, sent: String,
        deliver: (@Sendable (DataSubjectRequest, SubjectExport?) async throws -> Void)? = nil
    ) async throws -> RequestCompletion {
        let request = try await store.requests.completable(id)
        // The person's rows in the connected databases, read once for the decisions and the
        // changes, looked up while the rights context reads the store.
        let systems = try await store.systems.current()
        let store = self.store
        let lookup = Task {
            guard let systems else { return [ConnectedRow]() }
            return try await store.connectedPeople.rows(
                of: try await store.subjects.identifiers(of: request.subject), in: systems)
        }
        let context = try await store.requests.rightsContext(for: request, connected: { try await lookup.value })
        let connectedRows = try await lookup.value
        let decisions = RightsEngine(context).decide(request.kind)
        let export: SubjectExport? =
            decisions.contains(where: { $0.action == .provide })
            ? try await store.subjects.export(
                request.subject, scope: request.kind == .portability ? .portability : .access)
            : nil
        let connected =
            try await store.requests.carryOutConnected(
                decisions, subject: request.subject, request: id, rows: connectedRows, systems: systems)
            + store.requests.correctConnected(request, rows: connectedRows, systems: systems)
        let now = Date()
        var delivery: (@Sendable () async throws -> Void)?
        if let deliver { delivery = { try await deliver(request, export) } }
        let erased = try await store.requests.close(
            request, decisions: decisions, sent: sent, expires: Self.expiry(of: request, closedAt: now, in: context),
            at: now, deliver: delivery)
        try await store.sweep.destroyErasedSubjectKeys()
        return RequestCompletion(
            request: try await store.requests.request(id), decisions: decisions, export: export, subjectErased: erased,
            connected: connected)
    }

    /// When a completed request's own record expires: by the rule of the activity that keeps the
    /// requests, counted from the day it was received and the moment it closed.
    static func expiry(of request: DataSubjectRequest, closedAt now: Date, in context: RightsContext) -> Date? {
        let calendar = context.calendar
        return context.register.activity(keeping: .requests).flatMap { keeping in
            keeping.retention.outcome(
                events: [.collected: calendar.startOfDay(request.received), .requestClosed: now], calendar: calendar
            ).expiry
        }
    }
}
