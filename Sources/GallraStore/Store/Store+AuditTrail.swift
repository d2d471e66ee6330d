import Foundation
import GallraCore
import SQLKit

/// What the audit trail is asked for: a person, a time span, an action, a page.
public struct AuditQuery: Sendable, Equatable {
    /// The subject's id (already resolved from a reference).
    public var subject: String?
    /// Entries at or after this instant.
    public var since: Date?
    /// Entries before this instant.
    public var until: Date?
    /// Entries of this action code (`subject.export`, `request.open`, …).
    public var action: String?
    /// Entries by this actor, as the chain names it (`user:<id>`, `token:<name>`, `system:<job>`).
    public var actor: String?
    /// Entries about this activity of the register.
    public var activity: String?
    public var limit: Int
    public var offset: Int

    public init(
        subject: String? = nil, since: Date? = nil, until: Date? = nil, action: String? = nil, actor: String? = nil,
        activity: String? = nil, limit: Int, offset: Int = 0
    ) {
        self.actor = actor
        self.activity = activity
        self.subject = subject
        self.since = since
        self.until = until
        self.action = action
        self.limit = limit
        self.offset = offset
    }
}

extension Store {
    /// The audit entries a query names, the newest first, one page of them. A read of a person's
    /// trail is itself a read of what was done with their data: it is written to the chain (by the
    /// person's pseudonymous id only) before the answer is given.
    public func auditTrail(_ query: AuditQuery) async throws -> [AuditEntry] {
        var sql: SQLQueryString = "SELECT \(AuditEntry.columns) FROM audit_log WHERE 1 = 1"
        if let subject = query.subject { sql += " AND subject_id = \(bind: subject)" }
        if let since = query.since { sql += " AND at >= \(bind: Self.millis(since))" }
        if let until = query.until { sql += " AND at < \(bind: Self.millis(until))" }
        if let action = query.action { sql += " AND action = \(bind: action)" }
        if let actor = query.actor { sql += " AND actor = \(bind: actor)" }
        if let activity = query.activity { sql += " AND activity = \(bind: activity)" }
        sql += " ORDER BY seq DESC LIMIT \(bind: query.limit) OFFSET \(bind: query.offset)"
        let entries = try await data.read.raw(sql).all().map(AuditEntry.init(row:))
        if let subject = query.subject {
            try await auditRead([AuditEvent("audit.read", subject: subject, detail: "audit trail read")])
        }
        return entries
    }

    private static func millis(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1_000).rounded(.down))
    }
}
