import Foundation

/// What the privacy officers' daily reminder lists (issue 31, item 5): the requests overdue or due
/// within `window` days (Art. 12(3): one month, extended at most by two), and the incidents whose
/// 72-hour clock to notify IMY runs (Art. 33(1)), late ones included. Pure: it names a request by
/// its reference and deadline and an incident by when it became known and its clock, never the
/// person either is about (an incident's description is free text and may name someone).
public struct ReminderDigest: Sendable, Equatable {
    /// A request by its short reference, with its kind and deadline.
    public struct DueRequest: Sendable, Equatable {
        public let id: String
        /// The reference people quote (`2026-0042`).
        public let reference: String
        public let kind: RequestKind
        public let deadline: CivilDate
        /// Days until the deadline; negative when overdue.
        public let daysLeft: Int

        public var isOverdue: Bool { daysLeft < 0 }
    }

    /// An incident whose notification to IMY is still owed.
    public struct ClockIncident: Sendable, Equatable {
        public let id: String
        public let aware: Date
        public let notificationDue: Date
        /// Whole hours left on the clock, rounded down: negative when late, so that an incident
        /// late by ten minutes is late by one hour, never by none.
        public let hoursLeft: Int

        public var isLate: Bool { hoursLeft < 0 }
    }

    /// The local day the reminder is for.
    public let day: CivilDate
    /// How many days ahead a request counts as due.
    public let window: Int
    /// The most overdue first.
    public let requests: [DueRequest]
    /// The least time left first.
    public let incidents: [ClockIncident]

    /// `pending`: the requests not completed; `open`: the incidents not closed.
    public init(
        day: CivilDate, now: Date, window: Int, pending: [DataSubjectRequest], open: [Incident]
    ) {
        self.day = day
        self.window = window
        requests = pending.filter { $0.status != .completed && $0.daysLeft(on: day) <= window }.map {
            DueRequest(
                id: $0.id, reference: $0.reference ?? $0.id, kind: $0.kind, deadline: $0.deadline,
                daysLeft: $0.daysLeft(on: day))
        }.sorted { ($0.daysLeft, $0.reference) < ($1.daysLeft, $1.reference) }
        incidents = open.filter { $0.closed == nil && $0.awaitsNotification }.map {
            let left = $0.timeLeft(at: now) / 3_600
            return ClockIncident(
                id: $0.id, aware: $0.aware, notificationDue: $0.notificationDue,
                hoursLeft: Int(left.rounded(.down)))
        }.sorted { ($0.notificationDue, $0.id) < ($1.notificationDue, $1.id) }
    }

    /// Nothing to remind of: no mail is sent.
    public var isEmpty: Bool { requests.isEmpty && incidents.isEmpty }

    public var overdueRequests: Int { requests.count { $0.isOverdue } }
    public var lateIncidents: Int { incidents.count { $0.isLate } }
}
