import Foundation
import GallraCore
import SQLKit

/// A limit a request placed on processing: a restriction (Art. 18), lifted only on purpose, or an
/// objection (Art. 21), which stays.
struct ProcessingLimit: Sendable {
    let id: String
    let subject: String
    let activity: String?
    let kind: SubjectExport.Limit.Kind
    let request: String
    let since: Date
}

/// A record handed to a system that processes it: only what may still be used.
public struct RecordInUse: Sendable {
    public let subject: String
    public let record: String
    public let category: String
    public let value: String
}

extension Store {
    /// Limits in force on any of `subjects`.
    func activeLimits(subjects: [String], on sql: (any SQLDatabase)? = nil) async throws -> [ProcessingLimit] {
        guard !subjects.isEmpty else { return [] }
        let sql = sql ?? data.read
        return try await sql.raw(
            """
            SELECT id, subject_id, activity, kind, request_id, since FROM processing_limits
            WHERE \(sql.member("subject_id", of: subjects)) AND lifted_at IS NULL ORDER BY since, id
            """
        ).all().compactMap { row in
            guard let kind = SubjectExport.Limit.Kind(rawValue: try row.decode(column: "kind", as: String.self)) else {
                return nil
            }
            return ProcessingLimit(
                id: try row.decode(column: "id", as: String.self),
                subject: try row.decode(column: "subject_id", as: String.self),
                activity: try row.decode(column: "activity", as: String?.self), kind: kind,
                request: try row.decode(column: "request_id", as: String.self),
                since: Date(millis: try row.decode(column: "since", as: Int64.self)))
        }
    }

    func placeLimit(
        _ kind: SubjectExport.Limit.Kind, subject: String, activity: String?, request: String, at now: Int64,
        on sql: any SQLDatabase
    ) async throws {
        try await sql.raw(
            """
            INSERT INTO processing_limits (id, subject_id, activity, kind, request_id, since, lifted_at)
            VALUES (\(bind: Store.newID()), \(bind: subject), \(bind: activity), \(bind: kind.rawValue),
                    \(bind: request), \(bind: now), NULL)
            """
        ).run()
    }

    /// GDPR Art. 18(3): lifts the restrictions a request placed (the person is told first).
    public func liftRestriction(request id: String) async throws -> Int {
        let request = try await request(id)
        let lifted = try await activeLimits(subjects: [request.subject]).filter {
            $0.request == id && $0.kind == .restriction
        }
        guard !lifted.isEmpty else { throw GallraError.notFound("Request \(id) placed no restriction in force.") }
        try await data.transaction { sql in
            try await sql.update("processing_limits").set("lifted_at", to: SQLBind(Clock.nowMillis()))
                .where("id", .in, lifted.map(\.id)).run()
            try await self.audit(
                lifted.map {
                    AuditEvent(
                        "processing.lift", subject: request.subject, activity: $0.activity,
                        detail: "restriction of request \(id) lifted (Art. 18(3))")
                }, on: sql)
        }
        return lifted.count
    }

    /// The records of one activity that may be used now: not restricted, not objected to, and for
    /// an activity resting only on consent, only while the consent is in force. The read is audited.
    public func recordsInUse(activity: String) async throws -> [RecordInUse] {
        let register = try await requireRegister()
        guard let processing = register.activity(activity) else {
            throw GallraError.notFound("The register has no activity \"\(activity)\".")
        }
        let now = Date()
        let rows = try await data.read.raw(
            """
            SELECT id, subject_id, category, value_sealed FROM records WHERE activity = \(bind: activity)
            AND subject_id NOT IN (SELECT subject_id FROM processing_limits
                WHERE lifted_at IS NULL AND (activity IS NULL OR activity = \(bind: activity)))
            ORDER BY subject_id, collected_at, id
            """
        ).all()
        // Consent-only processing: the subjects with a consent in force, in one read.
        var consenting: Set<String>?
        if processing.legalBasis == [.consent] {
            let nowMillis = now.millis
            consenting = Set(
                try await data.read.raw(
                    """
                    SELECT subject_id FROM consents WHERE activity = \(bind: activity) AND given_at <= \(bind: nowMillis)
                    AND (withdrawn_at IS NULL OR withdrawn_at > \(bind: nowMillis))
                    """
                ).all().map { try $0.decode(column: "subject_id", as: String.self) })
        }
        var result: [RecordInUse] = []
        for row in rows {
            let subject = try row.decode(column: "subject_id", as: String.self)
            if let consenting, !consenting.contains(subject) { continue }
            let id = try row.decode(column: "id", as: String.self)
            result.append(
                RecordInUse(
                    subject: subject, record: id, category: try row.decode(column: "category", as: String.self),
                    value: try await cipher(for: subject).open(
                        try row.decode(column: "value_sealed", as: Data.self), context: "record/\(id)")))
        }
        try await data.transaction { sql in
            try await self.audit(
                [AuditEvent("records.use", activity: activity, detail: "\(result.count) records read for processing")],
                on: sql)
        }
        return result
    }
}
