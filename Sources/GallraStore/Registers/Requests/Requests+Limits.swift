import Foundation
import GallraConnectors
import GallraCore
import GallraDatabase
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

extension Requests {
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
        // The marks in the connected databases first: should one be out of reach, the restriction
        // stays in force here too, and lifting it again clears the rest.
        _ = try await liftConnectedRestriction(
            subject: request.subject, request: id,
            activities: lifted.contains { $0.activity == nil } ? nil : Set(lifted.compactMap(\.activity)))
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
}
