import Foundation
import GallraConnectors
import GallraCore
import GallraDatabase
import SQLKit

/// Data subject requests (GDPR Art. 15–22): opened, verified, extended, decided by the rights
/// engine and carried out; and the restrictions and objections they place on records.
public struct Requests: StoreRegister {
    let store: Store
}

extension Requests {
    /// Registers a request; its deadline is computed by Art. 12(3) from the day it was received.
    public func open(
        _ kind: RequestKind, subject reference: String, received: CivilDate? = nil, channel: String = "email",
        activities: [String]? = nil, verifiedHow: String? = nil
    ) async throws -> String {
        _ = try RequestChannel(naming: channel)
        let subject = try await resolveSubject(reference)
        let register = try await requireRegister()
        for activity in activities ?? [] where register.activity(activity) == nil {
            throw GallraError.notFound("The register has no activity \"\(activity)\".")
        }
        let calendar = try await calendar()
        let today = calendar.localDate(of: Date())
        let received = received ?? today
        guard received <= today else {
            throw GallraError.invalidInput("A request cannot be received in the future (\(received)).")
        }
        let deadline = LegalDeadlines.requestAnswerDue(received: received)
        let id = Store.newID()
        let now = Clock.nowMillis()
        let verifiedHow = try await sealed(
            verifiedHow?.trimmingCharacters(in: .whitespaces).nilIfEmpty, subject: subject, request: id,
            field: "verified_how")
        let manual = try await manualSystems(for: activities)
        try await data.transaction { sql in
            let reference = try await self.nextReference(in: received.year, on: sql)
            try await sql.raw(
                """
                INSERT INTO requests (id, kind, subject_id, channel, scope, received_on, deadline_on, verified_at,
                    verified_how_sealed, status, created_at, reference)
                VALUES (\(bind: id), \(bind: kind.rawValue), \(bind: subject), \(bind: channel),
                    \(bind: activities?.joined(separator: ",")), \(bind: received.description),
                    \(bind: deadline.description), \(bind: verifiedHow == nil ? nil : now), \(bind: verifiedHow),
                    \(bind: RequestStatus.open.rawValue), \(bind: now), \(bind: reference.description))
                """
            ).run()
            try await self.addTasks(id, systems: manual, on: sql)
            try await self.audit(
                [
                    AuditEvent(
                        "request.open", subject: subject,
                        detail:
                            "request \(id): \(kind.rawValue) via \(channel), received \(received), due \(deadline), reference \(reference)"
                    )
                ], on: sql)
        }
        return id
    }

    /// Art. 12(6): the identity of the person asking is confirmed, and how.
    public func verify(_ id: String, how: String) async throws {
        let request = try await pendingRequest(id)
        let how = try await sealed(
            try DataSubjectRequest.verification(how), subject: request.subject, request: id, field: "verified_how")
        try await update(request, "request.verify", detail: "identity verified") { sql in
            try await sql.raw(
                """
                UPDATE requests SET verified_at = \(bind: Clock.nowMillis()), verified_how = NULL,
                verified_how_sealed = \(bind: how) WHERE id = \(bind: id)
                """
            ).run()
        }
    }

    /// Art. 12(3): extends the deadline by two months (`DataSubjectRequest.extended`).
    public func extend(_ id: String, reason: String, on today: CivilDate? = nil) async throws -> CivilDate {
        let request = try await pendingRequest(id)
        let today = try await resolvedToday(today)
        let (deadline, given) = try request.extended(reason: reason, on: today)
        let reason = try await sealed(given, subject: request.subject, request: id, field: "extension_reason")
        try await update(request, "request.extend", detail: "deadline extended to \(deadline); reasons given") { sql in
            try await sql.raw(
                """
                UPDATE requests SET extended_at = \(bind: Clock.nowMillis()), extension_reason = NULL,
                extension_reason_sealed = \(bind: reason),
                deadline_on = \(bind: deadline.description), status = \(bind: RequestStatus.extended.rawValue)
                WHERE id = \(bind: id)
                """
            ).run()
        }
        return deadline
    }

    /// Art. 21(1): the controller records the compelling legitimate grounds that keep one
    /// activity's processing despite an objection. The grounds are sealed under the subject's key.
    public func recordGrounds(_ id: String, activity: String, grounds: String) async throws {
        let request = try await pendingRequest(id)
        guard request.kind == .objection || request.kind == .erasure else {
            throw GallraError.invalidInput(
                "Compelling grounds answer an objection or an erasure request, not \(request.kind.rawValue).")
        }
        guard let processing = try await requireRegister().activity(activity),
            processing.legalBasis.contains(.legitimateInterests) || processing.legalBasis.contains(.publicTask)
        else {
            throw GallraError.invalidInput(
                "Compelling grounds apply only to processing on legitimate interests or a public task (Art. 21(1)); \"\(activity)\" is not."
            )
        }
        guard !processing.directMarketing else {
            throw GallraError.invalidInput("No grounds override an objection to direct marketing (Art. 21(3)).")
        }
        guard let grounds = grounds.trimmingCharacters(in: .whitespaces).nilIfEmpty else {
            throw GallraError.invalidInput("Say what the compelling grounds are.")
        }
        let sealed = try await cipher(for: request.subject).seal(grounds, context: "grounds/\(id)/\(activity)")
        try await update(request, "request.grounds", activity: activity, detail: "compelling grounds recorded") { sql in
            try await sql.raw(
                "DELETE FROM request_grounds WHERE request_id = \(bind: id) AND activity = \(bind: activity)"
            )
            .run()
            try await sql.raw(
                """
                INSERT INTO request_grounds (request_id, activity, subject_id, grounds_sealed)
                VALUES (\(bind: id), \(bind: activity), \(bind: request.subject), \(bind: sealed))
                """
            ).run()
        }
    }

    /// Art. 16: the corrected value of one of the subject's records, applied on completion.
    public func addCorrection(_ id: String, record: String, value: String) async throws {
        let request = try await pendingRequest(id)
        guard request.kind == .rectification else {
            throw GallraError.invalidInput("Request \(id) is not a rectification request.")
        }
        guard
            let row = try await data.read.raw(
                "SELECT activity FROM records WHERE id = \(bind: record) AND subject_id = \(bind: request.subject)"
            ).first()
        else { throw GallraError.notFound("The subject has no record \(record).") }
        let activity = try row.decode(column: "activity", as: String.self)
        let sealed = try await cipher(for: request.subject).seal(value, context: "correction/\(id)/\(record)")
        try await update(request, "request.correct", activity: activity, detail: "correction of record \(record) noted")
        { sql in
            try await sql.raw(
                "DELETE FROM request_corrections WHERE request_id = \(bind: id) AND record_id = \(bind: record)"
            ).run()
            try await sql.raw(
                """
                INSERT INTO request_corrections (request_id, record_id, subject_id, value_sealed)
                VALUES (\(bind: id), \(bind: record), \(bind: request.subject), \(bind: sealed))
                """
            ).run()
        }
    }

    /// The decisions: as carried out once the request is completed, else as they stand now.
    public func decisions(for id: String) async throws -> [RightsDecision] {
        let request = try await request(id)
        if let decided = request.completedDecisions { return decided }
        return RightsEngine(try await rightsContext(for: request)).decide(request.kind)
    }

    /// The compelling grounds recorded with a request, by activity, opened for the controller.
    public func grounds(for id: String) async throws -> [String: String] {
        let request = try await request(id)
        let rows = try await data.read.raw(
            "SELECT activity, grounds_sealed FROM request_grounds WHERE request_id = \(bind: id) ORDER BY activity"
        ).all()
        var result: [String: String] = [:]
        for row in rows {
            let activity = try row.decode(column: "activity", as: String.self)
            result[activity] = try await cipher(for: request.subject).open(
                try row.decode(column: "grounds_sealed", as: Data.self), context: "grounds/\(id)/\(activity)")
        }
        return result
    }

    public func request(_ id: String) async throws -> DataSubjectRequest {
        guard let row = try await data.read.raw("SELECT * FROM requests WHERE id = \(bind: id)").first() else {
            throw GallraError.notFound("No request has the id \(id).")
        }
        return try await opened(row)
    }

    /// Requests not yet completed, the nearest deadline first; with `overdueOn`, only those past it.
    public func pending(overdueOn today: CivilDate? = nil) async throws -> [DataSubjectRequest] {
        let rows = try await data.read.raw(
            """
            SELECT * FROM requests WHERE status <> \(bind: RequestStatus.completed.rawValue)
            ORDER BY deadline_on, received_on, id
            """
        ).all()
        var requests: [DataSubjectRequest] = []
        for row in rows { requests.append(try await opened(row)) }
        guard let today else { return requests }
        return requests.filter { $0.isOverdue(on: today) }
    }

    /// A request that may still change.
    func pendingRequest(_ id: String) async throws -> DataSubjectRequest {
        let request = try await request(id)
        guard request.status != .completed else {
            throw GallraError.conflict("Request \(id) is completed; it no longer changes.")
        }
        return request
    }

    func update(
        _ request: DataSubjectRequest, _ action: String, activity: String? = nil, detail: String,
        _ change: @escaping @Sendable (any SQLDatabase) async throws -> Void
    ) async throws {
        try await data.transaction { sql in
            try await change(sql)
            try await self.audit(
                [
                    AuditEvent(
                        action, subject: request.subject, activity: activity, detail: "request \(request.id): \(detail)"
                    )
                ],
                on: sql)
        }
    }
}

extension Requests {
    /// `today` when given, otherwise today on the controller's calendar.
    func resolvedToday(_ today: CivilDate?) async throws -> CivilDate {
        if let today { return today }
        return try await calendar().localDate(of: Date())
    }
}

extension DataSubjectRequest {
    init(row: any SQLRow) throws {
        let id = try row.decode(column: "id", as: String.self)
        func date(_ column: String) throws -> CivilDate {
            let text = try row.decode(column: column, as: String.self)
            guard let date = CivilDate(iso: text) else {
                throw GallraError.integrity("Request \(id) has an unreadable \(column) \"\(text)\".")
            }
            return date
        }
        func instant(_ column: String) throws -> Date? {
            try row.decode(column: column, as: Int64?.self).map(Date.init(millis:))
        }
        let kindText = try row.decode(column: "kind", as: String.self)
        guard let kind = RequestKind(rawValue: kindText),
            let status = RequestStatus(rawValue: try row.decode(column: "status", as: String.self))
        else { throw GallraError.integrity("Request \(id) has an unknown kind or status.") }
        self.init(
            id: id, kind: kind, subject: try row.decode(column: "subject_id", as: String.self),
            channel: try row.decode(column: "channel", as: String.self),
            scope: try row.decode(column: "scope", as: String?.self).map { $0.split(separator: ",").map(String.init) },
            received: try date("received_on"), deadline: try date("deadline_on"),
            verifiedAt: try instant("verified_at"),
            verifiedHow: try row.decode(column: "verified_how", as: String?.self),
            extendedAt: try instant("extended_at"),
            extensionReason: try row.decode(column: "extension_reason", as: String?.self), status: status,
            completedAt: try instant("completed_at"), sent: try row.decode(column: "sent", as: String?.self),
            completedDecisions: try row.decode(column: "decisions", as: String?.self).map(StoredDecisions.decode))
        reference = try row.decode(column: "reference", as: String?.self)
        if let ground = try row.decode(column: "refusal", as: String?.self) {
            guard let ground = RequestRefusal.Ground(rawValue: ground) else {
                throw GallraError.integrity("Request \(id) has an unknown ground of refusal.")
            }
            refusal = RequestRefusal(restoring: ground, reason: "")
        }
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
