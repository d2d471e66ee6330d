import Foundation
import GallraCore
import GallraStore

/// A request as its page shows it: the request, a decision for every activity, and the compelling
/// grounds recorded against an objection or erasure.
public struct RequestDetails: Sendable {
    public let request: DataSubjectRequest
    public let decisions: [RightsDecision]
    public let grounds: [String: String]
    /// What the person wrote with a request made on the public pages (what is wrong, why).
    public let message: String?
    /// Work by hand in the systems Gallra does not reach.
    public let tasks: [ManualTask]
    /// The messages about the request in the outbox, as their rows record them.
    public var mail: [MailRecord] = []
}

/// How the answer to a request reaches the person, said without personal data.
public struct RequestReply: Sendable {
    /// The form of the copy for access and portability: "json" or "html".
    public var format: String
    /// The language of an HTML copy.
    public var language: Language
    /// How the person is answered: "email" (by Gallra, through the outbox, where the request keeps
    /// the person's address), or the channel the party answers by itself: web, phone, letter.
    public var via: String

    public init(format: String, language: Language, via: String) {
        self.format = format
        self.language = language
        self.via = via
    }

}

extension Gallra {
    /// Registers a data subject request; returns its id. The deadline (Art. 12(3)) runs from
    /// `received`, today by default.
    public func openRequest(
        _ kind: RequestKind, subject: String, received: CivilDate? = nil, channel: String = "email",
        activities: [String]? = nil, verifiedHow: String? = nil, by party: Party
    ) async throws -> String {
        let activities = activities ?? (party.access.isScoped ? party.access.activities.sorted() : nil)
        for activity in activities ?? [] { try party.access.require(activity: activity) }
        // Refused before anything is written: a request of no activity reaches nothing.
        if let activities, activities.isEmpty {
            throw GallraError.invalidInput(
                ErrorReason(
                    sv: "Ett ärende gäller minst en aktivitet; ange en, eller utelämna dem för alla.",
                    en: "A request concerns at least one activity; name one, or leave them out for all."))
        }
        return try await writing(by: party, needs: .writePersonalData) {
            if party.access.isScoped { _ = try await reachableSubject(subject, by: party) }
            let reference = try await subjectFindingConnected(subject)
            return try await store.requests.open(
                kind, subject: reference, received: received, channel: channel, activities: activities,
                verifiedHow: verifiedHow)
        }
    }

    /// A person the store does not know but the connected databases do (an e-mail address, a
    /// phone number, a personnummer in a table of the systems file) is registered by that
    /// identifier, so that a request can be opened for them; otherwise the reference as given.
    func subjectFindingConnected(_ reference: String) async throws -> String {
        do {
            return try await store.subjects.resolve(reference)
        } catch GallraError.notFound {
            let today = try await calendar().localDate(of: Date())
            guard let identifier = SubjectIdentifier(guessing: reference, today: today),
                !(try await store.connectedPeople.rows(of: [identifier])).isEmpty
            else {
                throw GallraError.notFound(
                    ErrorReason(
                        sv: "Ingen registrerad är känd med den uppgiften, här eller i ett anslutet system.",
                        en: "No subject is known by that identifier, here or in a connected system."))
            }
            let person = NewSubject(
                email: identifier.kind == .email ? identifier.value : nil,
                phone: identifier.kind == .phone ? identifier.value : nil,
                personalNumber: identifier.kind == .personalNumber ? identifier.value : nil)
            return try await store.subjects.add([person])[0]
        }
    }

    /// Records that the identity of the person asking is verified, and how (Art. 12(6)).
    public func verifyRequest(_ id: String, how: String, by party: Party) async throws {
        try await acting(by: party, needs: .writePersonalData) {
            _ = try await reachableRequest(id, by: party)
            try await store.requests.verify(id, how: how)
        }
    }

    /// A request with its decisions and grounds.
    public func requestDetails(_ id: String, by party: Party) async throws -> RequestDetails {
        try await acting(by: party, needs: .readPersonalData) {
            RequestDetails(
                request: try await reachableRequest(id, by: party),
                decisions: try await store.requests.decisions(for: id),
                grounds: try await store.requests.grounds(for: id),
                message: try await store.requests.contact(of: id)?.message,
                tasks: try await store.requests.tasks(of: id), mail: try await store.outbox.records(ofRequest: id))
        }
    }

    /// Extends the deadline by two months (Art. 12(3)); returns the new deadline. Where the request
    /// keeps the person's address and `delivery` says how to write, the person is told, with the
    /// reason, in the same transaction.
    public func extendRequest(
        _ id: String, reason: String, on day: CivilDate? = nil, delivery: SelfServiceSettings? = nil, by party: Party
    ) async throws -> CivilDate {
        try await acting(by: party, needs: .writePersonalData) {
            let request = try await reachableRequest(id, by: party)
            guard let delivery, let contact = try await store.requests.contact(of: id) else {
                return try await store.requests.extend(id, reason: reason, on: day)
            }
            let controller = try await registerInForce().controller
            return try await store.transaction {
                let deadline = try await store.requests.extend(id, reason: reason, on: day)
                let message = PersonMail.extended(
                    to: contact.address, try await store.requests.request(id), reason: reason, contact.language,
                    controller: controller, settings: delivery)
                try await store.outbox.enqueue(message.rfc5322(), purpose: "extended", about: (id, request.subject))
                return deadline
            }
        }
    }

    /// Records compelling legitimate grounds that keep one activity despite an objection (Art. 21(1)).
    public func recordGrounds(_ id: String, activity: String, grounds: String, by party: Party) async throws {
        try await acting(by: party, needs: .writePersonalData) {
            _ = try await reachableRequest(id, by: party)
            try await store.requests.recordGrounds(id, activity: activity, grounds: grounds)
        }
    }

    /// Records the corrected value of a record for a rectification request (Art. 16).
    public func addCorrection(_ id: String, record: String, value: String, by party: Party) async throws {
        try await acting(by: party, needs: .writePersonalData) {
            _ = try await reachableRequest(id, by: party)
            try await store.requests.addCorrection(id, record: record, value: value)
        }
    }

    /// Records the corrected value of a column of one of the subject's rows in a connected
    /// database (`row` as `TABLE:KEY`), for a rectification request (Art. 16).
    public func addConnectedCorrection(
        _ id: String, system: String, row: String, column: String, value: String, by party: Party
    ) async throws {
        try await acting(by: party, needs: .writePersonalData) {
            _ = try await reachableRequest(id, by: party)
            try await store.requests.addConnectedCorrection(id, system: system, row: row, column: column, value: value)
        }
    }

    /// Carries the request's decisions out and records how the answer reached the person. For
    /// access and portability, the completion holds the copy to send. (The request's removals
    /// commit before the erased subjects' keys are destroyed, so this is not wrapped in an outer
    /// transaction.) A copy for a person who asked through the public pages goes to them by a
    /// download link when `delivery` says where the pages are.
    public func completeRequest(
        _ id: String, reply: RequestReply, delivery: SelfServiceSettings? = nil, by party: Party
    )
        async throws -> RequestCompletion
    {
        var completion = try await acting(by: party, needs: .writePersonalData) {
            _ = try await reachableRequest(id, by: party)
            // Gallra answers by e-mail where it has the address the request keeps and the pages'
            // settings to write from; otherwise the party answers, and the record says so.
            if let delivery, reply.via == "email", let contact = try await store.requests.contact(of: id) {
                return try await carryOut(id, answer: .mail(contact, delivery))
            }
            return try await carryOut(id, answer: .byHand(channel: reply.via, party: party))
        }
        // The copy is the person's; what the party completing it sees of it is what its activities
        // hold, as in every other answer to it.
        if party.access.isScoped {
            completion.export = completion.export?.narrowed(
                to: party.access.activities, known: completion.request.subject)
        }
        return completion
    }

    /// Marks the work by hand in one system done, by the acting party.
    public func markTaskDone(_ id: String, system: String, by party: Party) async throws {
        try await acting(by: party, needs: .writePersonalData) {
            _ = try await reachableRequest(id, by: party)
            try await store.requests.markTaskDone(id, system: system)
        }
    }

    /// What completing the request would do in the connected databases, changing nothing;
    /// `decisions`, when the caller has them (from `requestDetails`), are not worked out again.
    public func connectedPlan(_ id: String, decisions: [RightsDecision]? = nil, by party: Party) async throws
        -> [ConnectedChange]
    {
        try await acting(by: party, needs: .readPersonalData) {
            _ = try await reachableRequest(id, by: party)
            return try await store.requests.connectedPlan(id, decisions: decisions)
        }
    }

    /// Lifts the restrictions a request placed (Art. 18(3)); returns how many activities it frees.
    public func liftRestriction(request id: String, by party: Party) async throws -> Int {
        try await acting(by: party, needs: .writePersonalData) {
            _ = try await reachableRequest(id, by: party)
            return try await store.requests.liftRestriction(request: id)
        }
    }

    /// Requests not yet completed, the nearest deadline first: all of them, only those overdue on
    /// `day`, or those due within `dueWithin` days of it (overdue ones included).
    public func pendingRequests(on day: CivilDate, overdueOnly: Bool = false, dueWithin: Int? = nil, by party: Party)
        async throws -> [DataSubjectRequest]
    {
        try await acting(by: party, needs: .readPersonalData) {
            let pending = try await store.requests.pending(overdueOn: overdueOnly ? day : nil).filter {
                // try?: a request out of reach is left out of the list
                (try? requireReach($0, by: party)) != nil
            }
            guard let dueWithin else { return pending }
            return pending.filter { $0.daysLeft(on: day) <= dueWithin }
        }
    }
}
