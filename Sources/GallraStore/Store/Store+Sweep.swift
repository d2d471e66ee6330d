import Foundation
import GallraCore
import PostgresKit
import SQLKit

/// What a sweep did, or (with `dryRun`) would do, at `now`.
public struct SweepReport: Sendable {
    public struct Item: Sendable {
        public let record: String
        public let subject: String
        public let activity: String
        public let rule: String
        public let expired: Date
        /// erase or anonymise
        public let action: ExpiryAction
    }

    public let now: Date
    public let dryRun: Bool
    public var items: [Item] = []
    /// Expired records kept under a legal hold (GDPR Art. 17(3)(e)).
    public var held = 0
    /// Records whose rule is pending on an event.
    public var waiting = 0
    /// Expired records whose expiry a shorter rule moved earlier, kept until a dry run has reported them.
    public var awaitingReview = 0
    /// Subjects with nothing left, destroyed with their identifiers and data key.
    public var subjectsErased = 0
    /// Completed data subject requests whose own retention expired.
    public var requestsErased = 0
    /// Closed incidents whose own retention expired.
    public var incidentsErased = 0

    public var erased: Int { items.filter { $0.action == .erase }.count }
    public var anonymised: Int { items.filter { $0.action == .anonymise }.count }
}

extension Store {
    /// Erases or anonymises every record whose expiry is at or before `now`, in batches that are
    /// each one transaction: a record goes together with its audit entry, a subject with nothing
    /// left goes with its last record, and its data key is destroyed after the batch commits (a
    /// tombstone makes that step safe to repeat after a crash). With `dryRun` nothing changes.
    public func sweep(now: Date, dryRun: Bool = false, batchSize: Int = 5_000) async throws -> SweepReport {
        let register = try await requireRegister()
        let calendar = try await calendar()
        var report = SweepReport(now: now, dryRun: dryRun)
        let nowMillis = now.millis
        if !dryRun { try await acquireSweepLock() }
        do {
            if !dryRun { try await destroyErasedSubjectKeys() }
            let reviewed = try await reviewedVersions()
            var cursor: (expires: Int64, id: String)? = nil
            while true {
                let rows = try await expiredRecords(before: nowMillis, after: cursor, limit: batchSize)
                guard let last = rows.last else { break }
                cursor = (last.expires, last.id)
                let holds = try await activeHolds(subjects: Array(Set(rows.map(\.subject))), at: nowMillis)
                var batch: [(item: SweepReport.Item, location: String?)] = []
                for row in rows {
                    if holds.contains(where: {
                        $0.subject == row.subject && ($0.activity == nil || $0.activity == row.activity)
                    }) {
                        report.held += 1
                    } else if let version = row.shortenedBy, !reviewed.contains(version), !dryRun {
                        report.awaitingReview += 1
                    } else {
                        let activity = register.activity(row.activity)
                        let item = SweepReport.Item(
                            record: row.id, subject: row.subject, activity: row.activity,
                            rule: activity?.retention.description ?? "(activity no longer in the register)",
                            expired: Date(millis: row.expires), action: activity?.onExpiry ?? .erase)
                        batch.append((item, row.location))
                    }
                }
                if dryRun {
                    report.items += batch.map(\.item)
                } else if !batch.isEmpty {
                    let done = try await carryOut(batch, at: now, calendar: calendar)
                    report.items += done.items
                    report.subjectsErased += done.subjectsErased
                }
                if rows.count < batchSize { break }
            }
            report.requestsErased = try await removeExpiredEntries(of: .requests, at: nowMillis, dryRun: dryRun)
            report.incidentsErased = try await removeExpiredEntries(of: .incidents, at: nowMillis, dryRun: dryRun)
            report.waiting =
                try await data.sql.raw("SELECT waiting FROM record_stats WHERE id = 1").first()?
                .decode(column: "waiting", as: Int.self) ?? 0
            if dryRun {
                try await markShortenedRulesReviewed(reported: report)
            } else {
                try await data.transaction { sql in
                    try await self.audit(
                        [
                            AuditEvent(
                                "sweep.summary",
                                detail:
                                    "at \(calendar.rfc3339(now)): \(report.erased) erased, \(report.anonymised) anonymised, "
                                    + "\(report.subjectsErased) subjects erased, \(report.held) held, "
                                    + "\(report.awaitingReview) awaiting review, \(report.waiting) waiting, "
                                    + "\(report.requestsErased) requests and \(report.incidentsErased) incidents past retention erased"
                            )
                        ], on: sql)
                }
                try await destroyErasedSubjectKeys()
                try await releaseSweepLock()
            }
        } catch {
            if !dryRun { try? await releaseSweepLock() }
            throw error
        }
        return report
    }

    /// One batch, one transaction, which also renews the sweep's lock. Returns what was removed (a
    /// record changed since it was read is left for the next sweep) and how many subjects were left
    /// with nothing and erased.
    private func carryOut(
        _ batch: [(item: SweepReport.Item, location: String?)], at now: Date, calendar: ZonedCalendar
    ) async throws -> (items: [SweepReport.Item], subjectsErased: Int) {
        let acted = calendar.rfc3339(now)
        var written: [Date: String] = [:]  // many records share an expiry: format it once
        let removals = batch.map { item, location in
            let expired = written[item.expired] ?? calendar.rfc3339(item.expired)
            written[item.expired] = expired
            return Removal(
                record: item.record, location: location, subject: item.subject, activity: item.activity,
                action: item.action,
                evidence: "record \(item.record), rule \(item.rule), expired \(expired), acted \(acted)")
        }
        let outcome = try await data.transaction { sql in
            let outcome = try await self.remove(removals, at: now.millis, on: sql)
            try await self.renewSweepLock(on: sql)
            return outcome
        }
        let removed = Set(outcome.removed.map(\.record))
        let items =
            removed.count == batch.count ? batch.map(\.item) : batch.map(\.item).filter { removed.contains($0.record) }
        return (items, outcome.emptied.count)
    }

    /// Destroys the data keys of erased subjects, then their tombstones: safe to repeat.
    func destroyErasedSubjectKeys() async throws {
        while true {
            let subjects = try await data.sql.select().column("subject_id").from("erased_subjects").limit(1_000).all()
                .map { try $0.decode(column: "subject_id", as: String.self) }
            if subjects.isEmpty { return }
            try await keyring.sql.delete(from: "subject_keys").where("subject_id", .in, subjects).run()
            for subject in subjects { dataKeyCache[subject] = nil }
            try await data.sql.delete(from: "erased_subjects").where("subject_id", .in, subjects).run()
        }
    }

    private struct ExpiredRow {
        /// PostgreSQL's ctid of the row when it was read.
        let location: String?
        let id: String
        let subject: String
        let activity: String
        let expires: Int64
        let shortenedBy: Int64?
    }

    /// Expired records in (expiry, id) order after the cursor: the expiry index makes the cost grow
    /// with the number of expired records, not with the store.
    private func expiredRecords(before now: Int64, after cursor: (expires: Int64, id: String)?, limit: Int) async throws
        -> [ExpiredRow]
    {
        if let postgres = data.postgres {
            return try await expiredRecords(before: now, after: cursor, limit: limit, on: postgres)
        }
        var query = SQLQueryString(
            "SELECT id, subject_id, activity, expires_at, shortened_by FROM records WHERE expires_at <= \(bind: now)")
        if let cursor {
            query = "\(query) AND (expires_at, id) > (\(bind: cursor.expires), \(bind: cursor.id))"
        }
        query = "\(query) ORDER BY expires_at, id LIMIT \(bind: limit)"
        return try await data.sql.raw(query).all().map { row in
            ExpiredRow(
                location: nil,
                id: try row.decode(column: "id", as: String.self),
                subject: try row.decode(column: "subject_id", as: String.self),
                activity: try row.decode(column: "activity", as: String.self),
                expires: try row.decode(column: "expires_at", as: Int64.self),
                shortenedBy: try row.decode(column: "shortened_by", as: Int64?.self))
        }
    }

    /// The same on PostgreSQL, decoded by position (SQLKit's decoding by column name costs more than
    /// the query), with each row's ctid so that the batch can delete it without a second index look-up.
    private func expiredRecords(
        before now: Int64, after cursor: (expires: Int64, id: String)?, limit: Int, on postgres: PostgresConnection
    ) async throws -> [ExpiredRow] {
        let query: PostgresQuery =
            if let cursor {
                """
                SELECT ctid::text, id, subject_id, activity, expires_at, shortened_by FROM records
                WHERE expires_at <= \(now) AND (expires_at, id) > (\(cursor.expires), \(cursor.id))
                ORDER BY expires_at, id LIMIT \(limit)
                """
            } else {
                """
                SELECT ctid::text, id, subject_id, activity, expires_at, shortened_by FROM records
                WHERE expires_at <= \(now) ORDER BY expires_at, id LIMIT \(limit)
                """
            }
        var rows: [ExpiredRow] = []
        rows.reserveCapacity(limit)
        let result = try await postgres.query(query, logger: data.logger)
        for try await (location, id, subject, activity, expires, shortenedBy) in result.decode(
            (String, String, String, String, Int64, Int64?).self)
        {
            rows.append(
                ExpiredRow(
                    location: location, id: id, subject: subject, activity: activity, expires: expires,
                    shortenedBy: shortenedBy))
        }
        return rows
    }
}
