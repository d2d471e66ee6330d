import Foundation
import GallraCore
import GallraStore

/// What the privacy officers' daily reminder did, as the outbox records it.
public struct ReminderRun: Sendable {
    public enum Outcome: Sendable {
        /// One message for each officer, as its outbox row records it.
        case queued([MailRecord])
        /// The day's reminder was queued already (by another server, or an earlier run).
        case queuedBefore
        /// Nothing is due: no mail.
        case nothingDue
        /// Something is due, but no user has the role privacy_officer (or all are disabled).
        case noOfficers
    }

    /// The local day the reminder is for.
    public let day: CivilDate
    /// What was due; empty when the day's reminder was queued before this run.
    public let digest: ReminderDigest?
    public let outcome: Outcome
}

extension Gallra {
    /// Who queues the reminder from the server's schedule.
    public static let reminderParty = Party.system("reminders")

    /// The privacy officers' daily reminder (issue 31, item 5): the requests overdue or due within
    /// `window` days and the incidents on their 72-hour clock, one message to each privacy officer
    /// who is not disabled, in the language they chose, through the outbox. Once a day: the day is
    /// recorded in the transaction that queues the messages, and a second run that day (another
    /// server, a restart, `gallra reminders send`) queues nothing. Nothing is queued when nothing
    /// is due. The messages name requests by their reference and incidents by their id's start,
    /// never a person.
    public func remindOfficers(
        now: Date = Date(), within window: Int = 7, settings: SelfServiceSettings, by party: Party = reminderParty
    ) async throws -> ReminderRun {
        // The requests and the incidents, both: what a privacy officer may see.
        try party.access.require(.readPersonalData)
        return try await acting(by: party, needs: .handleIncidents) {
            let calendar = try await store.versions.calendar()
            let day = calendar.localDate(of: now)
            if try await store.reminders.queued(on: day) {
                return ReminderRun(day: day, digest: nil, outcome: .queuedBefore)
            }
            let digest = ReminderDigest(
                day: day, now: now, window: window, pending: try await store.requests.pending(),
                open: try await store.incidents.list(openOnly: true))
            guard !digest.isEmpty else { return ReminderRun(day: day, digest: digest, outcome: .nothingDue) }
            let officers = try await store.reminders.officers()
            guard !officers.isEmpty else { return ReminderRun(day: day, digest: digest, outcome: .noOfficers) }
            let controller = try await registerInForce().controller
            let messages = try officers.map { officer in
                let mail = OfficerMail.reminder(
                    to: officer.email, digest, Language(rawValue: officer.language) ?? .sv, calendar: calendar,
                    controller: controller, settings: settings)
                return (to: officer.id, message: try mail.rfc5322())
            }
            let summary =
                "\(digest.requests.count) requests due within \(window) days (\(digest.overdueRequests) overdue), "
                + "\(digest.incidents.count) incidents on the 72-hour clock (\(digest.lateIncidents) late)"
            guard let ids = try await store.reminders.queue(on: day, messages, summary: summary) else {
                return ReminderRun(day: day, digest: nil, outcome: .queuedBefore)
            }
            return ReminderRun(day: day, digest: digest, outcome: .queued(try await store.outbox.records(ids: ids)))
        }
    }
}
