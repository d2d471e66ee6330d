import Foundation
import GallraCore
import GallraStore

/// How the person hears what became of their request.
enum RequestAnswer: Sendable {
    /// Gallra e-mails it (and a copy's download link) to the address the request keeps, through
    /// the outbox, in the completion's own transaction.
    case mail(RequestContact, SelfServiceSettings)
    /// The party completing it answers the person outside Gallra, by `channel`: Gallra sends nothing.
    case byHand(channel: String, party: Party)
    /// A message written already (the public pages' receipt of an unsubscription), queued as the
    /// request completes.
    case prepared(MailMessage, purpose: String)

    /// What the request records of an answer Gallra queued: the outbox row says whether it went.
    static let queued = "answer queued in the outbox"

    static func byHand(_ channel: String, _ party: Party) -> String {
        "left to \(party) to answer by \(channel); Gallra sent nothing"
    }
}

extension Gallra {
    /// Carries a request's decisions out, the one place this is written: the rights engine decides
    /// on what the store and the connected databases hold of the person; the company's own
    /// databases are changed first, row by row (so that a completion interrupted there and run
    /// again finishes the rest before the request is marked completed); then Gallra's own store
    /// in one transaction, with the answer to the person (`answer`) queued inside it; then the keys
    /// of a person erased whole are destroyed. What went to the person is then read from the
    /// outbox. The caller has checked the party's permission and reach.
    func carryOut(_ id: String, answer: RequestAnswer) async throws -> RequestCompletion {
        // A completion killed between its commit and the keys' destruction left the keys of the
        // person it erased: they go now, before the request is read (run again, a completed
        // request is refused).
        try await store.sweep.destroyErasedSubjectKeys()
        let request = try await store.requests.completable(id)
        if request.kind == .rectification, try await store.requests.correctionsNoted(id) == 0 {
            throw GallraError.invalidInput(
                "A rectification is completed by correcting something: note the corrected value first (in Gallra's store or in a connected row)."
            )
        }
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
                request.subject, scope: request.kind == .portability ? .portability : .access,
                erasedReadsAsNothing: true)
            : nil
        let connected =
            try await store.requests.carryOutConnected(
                decisions, subject: request.subject, request: id, rows: connectedRows, systems: systems)
            + store.requests.correctConnected(request, rows: connectedRows, systems: systems)
        let correctedConnected = connected.filter { $0.action == .corrected }.map { change in
            // The column's data category, as the systems file names it; else the column.
            let category = change.column.flatMap { column in
                connectedRows.first { $0.system == change.system && $0.reference == change.record }?.table.columns[
                    column]
            }
            return RequestCompletion.Correction(
                activity: change.activity, what: category ?? change.column ?? change.row)
        }
        let now = Date()
        let register = context.register
        let sent: String
        var deliver: (@Sendable ([RequestCompletion.Correction]) async throws -> Void)?
        switch answer {
        case .prepared(let message, let purpose):
            sent = RequestAnswer.queued
            deliver = { _ in
                try await store.outbox.enqueue(message.rfc5322(), purpose: purpose, about: (id, request.subject))
            }
        case .byHand(let channel, let party):
            sent = RequestAnswer.byHand(channel, party)
        case .mail(let contact, let settings):
            sent = RequestAnswer.queued
            deliver = { corrected in
                let outcome = RequestOutcome(
                    kind: request.kind, decisions: decisions, connected: connected,
                    corrected: corrected + correctedConnected, holdsData: !(export?.records.isEmpty ?? true),
                    register: register)
                try await self.answer(request, outcome, export: export, to: contact, settings: settings)
            }
        }
        let closed = try await store.requests.close(
            request, decisions: decisions, sent: sent, expires: Self.expiry(of: request, closedAt: now, in: context),
            at: now, deliver: deliver)
        try await store.sweep.destroyErasedSubjectKeys()
        return RequestCompletion(
            request: try await store.requests.request(id), decisions: decisions, export: export,
            subjectErased: closed.erasedWhole, connected: connected, corrected: closed.corrected + correctedConnected,
            mail: try await store.outbox.records(ofRequest: id))
    }

    /// When a completed request's own record expires: by the rule of the activity that keeps the
    /// requests, counted from the day it was received and the moment it closed.
    static func expiry(of request: DataSubjectRequest, closedAt now: Date, in context: RightsContext) -> Date? {
        expiry(of: request, closedAt: now, register: context.register, calendar: context.calendar)
    }

    static func expiry(of request: DataSubjectRequest, closedAt now: Date, register: Register, calendar: ZonedCalendar)
        -> Date?
    {
        register.activity(keeping: .requests).flatMap { keeping in
            keeping.retention.outcome(
                events: [.collected: calendar.startOfDay(request.received), .requestClosed: now], calendar: calendar
            ).expiry
        }
    }
}
