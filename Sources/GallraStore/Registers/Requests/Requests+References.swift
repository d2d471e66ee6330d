import Foundation
import GallraCore
import GallraDatabase
import SQLKit

extension Requests {
    /// The next short reference of `year`, taken in the opening transaction: the upsert holds the
    /// year's row until the transaction ends, so a second opening at the same moment waits and
    /// takes the number after (the unique index on `requests.reference` stands behind it).
    func nextReference(in year: Int, on sql: any SQLDatabase) async throws -> RequestReference {
        guard
            let row = try await sql.raw(
                """
                INSERT INTO request_sequences (year, last_number) VALUES (\(bind: year), 1)
                ON CONFLICT (year) DO UPDATE SET last_number = request_sequences.last_number + 1
                RETURNING last_number
                """
            ).first()
        else { throw GallraError.integrity("The request number of \(year) could not be taken.") }
        return RequestReference(year: year, number: try row.decode(column: "last_number", as: Int.self))
    }

    /// The request a short reference names (`2026-0042` or `2026-42`), or nil.
    public func request(reference: RequestReference) async throws -> DataSubjectRequest? {
        guard
            let row = try await data.read.raw(
                "SELECT * FROM requests WHERE reference = \(bind: reference.description)"
            ).first()
        else { return nil }
        return try await opened(row)
    }

    /// Every request, completed or not, the nearest deadline first: the queue filters, sorts and
    /// pages them (a controller's requests number in the hundreds a year, not the millions).
    public func all() async throws -> [DataSubjectRequest] {
        let rows = try await data.read.raw("SELECT * FROM requests ORDER BY deadline_on, received_on, id").all()
        var requests: [DataSubjectRequest] = []
        for row in rows { requests.append(try await opened(row)) }
        return requests
    }

    /// The subject's requests not yet completed, the oldest first.
    public func pending(of subject: String) async throws -> [DataSubjectRequest] {
        let rows = try await data.read.raw(
            """
            SELECT * FROM requests WHERE subject_id = \(bind: subject)
            AND status <> \(bind: RequestStatus.completed.rawValue) ORDER BY received_on, id
            """
        ).all()
        var requests: [DataSubjectRequest] = []
        for row in rows { requests.append(try await opened(row)) }
        return requests
    }
}

extension Requests {
    /// What the audit chain says about one request, in the order it was written: every entry of
    /// its subject whose detail names the request first (opened, verified, extended, grounds,
    /// work by hand, completed, mail about it).
    public func auditTrail(of request: DataSubjectRequest) async throws -> [AuditEntry] {
        let rows = try await data.read.raw(
            """
            SELECT \(AuditEntry.columns) FROM audit_log WHERE subject_id = \(bind: request.subject)
            AND detail LIKE \(bind: "request \(request.id)%") ORDER BY seq
            """
        ).all()
        return try rows.map(AuditEntry.init(row:))
    }
}

extension Requests {
    /// How many records the request's subject has under each activity: what an erasure's decisions
    /// act on, counted before it is carried out.
    public func recordCounts(of request: DataSubjectRequest) async throws -> [String: Int] {
        let rows = try await data.read.raw(
            """
            SELECT activity, COUNT(*) AS held FROM records WHERE subject_id = \(bind: request.subject)
            GROUP BY activity
            """
        ).all()
        var counts: [String: Int] = [:]
        for row in rows {
            counts[try row.decode(column: "activity", as: String.self)] = try row.decode(column: "held", as: Int.self)
        }
        return counts
    }
}
