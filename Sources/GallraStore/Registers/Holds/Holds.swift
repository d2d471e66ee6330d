import Foundation
import GallraConnectors
import GallraCore
import GallraDatabase
import SQLKit

/// Legal holds (Art. 17(3)(e)): data kept past its retention for a legal claim, until released.
public struct Holds: StoreRegister {
    let store: Store
}

extension Holds {
    /// Places a hold; the reason is sealed under the subject's key like any personal data.
    public func add(subject reference: String, activity: String?, reason: String, until: Date?) async throws
        -> String
    {
        let subject = try await resolveSubject(reference)
        if let activity, try await requireRegister().activity(activity) == nil {
            throw GallraError.notFound("The register has no activity \"\(activity)\".")
        }
        guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw GallraError.invalidInput("A hold needs a reason.")
        }
        let id = Store.newID()
        let sealed = try await cipher(for: subject).seal(reason, context: "hold/\(id)")
        let calendar = try await calendar()
        try await data.transaction { sql in
            try await sql.raw(
                """
                INSERT INTO holds (id, subject_id, activity, reason_sealed, until_at, created_at, released_at)
                VALUES (\(bind: id), \(bind: subject), \(bind: activity), \(bind: sealed), \(bind: until?.millis),
                        \(bind: Clock.nowMillis()), NULL)
                """
            ).run()
            let scope = activity.map { "activity \($0)" } ?? "all activities"
            let end = until.map { " until \(calendar.rfc3339($0))" } ?? ""
            try await self.audit(
                [AuditEvent("hold.add", subject: subject, activity: activity, detail: "hold \(id) on \(scope)\(end)")],
                on: sql)
        }
        return id
    }

    /// Ends a hold; what it kept is swept at the next sweep if its retention has expired.
    public func release(_ id: String) async throws {
        guard
            let row = try await data.read.raw(
                "SELECT subject_id, activity FROM holds WHERE id = \(bind: id) AND released_at IS NULL"
            ).first()
        else { throw GallraError.notFound("No hold in force has the id \(id).") }
        let subject = try row.decode(column: "subject_id", as: String.self)
        let activity = try row.decode(column: "activity", as: String?.self)
        try await data.transaction { sql in
            try await sql.raw("UPDATE holds SET released_at = \(bind: Clock.nowMillis()) WHERE id = \(bind: id)").run()
            try await self.audit(
                [AuditEvent("hold.release", subject: subject, activity: activity, detail: "hold \(id)")], on: sql)
        }
    }

    /// The holds in force on a subject now.
    public func inForce(subject: String) async throws -> [LegalHold] {
        try await legalHolds(subjects: [subject], at: Clock.nowMillis())
    }

    /// Legal holds in force at `now` on any of `subjects`.
    func legalHolds(subjects: [String], at now: Int64) async throws -> [LegalHold] {
        guard !subjects.isEmpty else { return [] }
        return try await data.read.raw(
            """
            SELECT id, subject_id, activity, until_at FROM holds
            WHERE \(data.read.member("subject_id", of: subjects)) AND released_at IS NULL AND (until_at IS NULL OR until_at > \(bind: now))
            """
        ).all().map(LegalHold.init(row:))
    }
}

extension Holds {
    /// A hold by id, released or not, with its reason opened (and the read audited).
    public func hold(_ id: String) async throws -> LegalHold {
        guard
            let row = try await data.read.raw(
                "SELECT id, subject_id, activity, until_at, reason_sealed, released_at FROM holds WHERE id = \(bind: id)"
            ).first()
        else { throw GallraError.notFound("No hold has the id \(id).") }
        var hold = try LegalHold(row: row)
        hold.released = try row.decode(column: "released_at", as: Int64?.self).map(Date.init(millis:))
        do {
            hold.reason = try await cipher(for: hold.subject).open(
                try row.decode(column: "reason_sealed", as: Data.self), context: "hold/\(id)")
        } catch GallraError.integrity {
            hold.reason = nil  // the person was erased after the release: their key, and so the reason, is gone
        }
        try await auditRead([
            AuditEvent("hold.read", subject: hold.subject, activity: hold.activity, detail: "hold \(id)")
        ])
        return hold
    }

    /// Every hold in force now, on any subject.
    public func allInForce() async throws -> [LegalHold] {
        try await allInForce(at: Clock.nowMillis())
    }

    /// Every hold in force at `now`, on any subject.
    func allInForce(at now: Int64) async throws -> [LegalHold] {
        try await data.read.raw(
            """
            SELECT id, subject_id, activity, until_at FROM holds
            WHERE released_at IS NULL AND (until_at IS NULL OR until_at > \(bind: now))
            """
        ).all().map(LegalHold.init(row:))
    }
}

extension LegalHold {
    init(row: any SQLRow) throws {
        self.init(
            id: try row.decode(column: "id", as: String.self),
            subject: try row.decode(column: "subject_id", as: String.self),
            activity: try row.decode(column: "activity", as: String?.self),
            until: try row.decode(column: "until_at", as: Int64?.self).map(Date.init(millis:)))
    }
}
