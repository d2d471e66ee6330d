import Foundation
import GallraCore
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
    /// left goes with its last record, and its data key is destroyed after the sweep's last
    /// (synchronous) commit (a tombstone makes that step safe to repeat after a crash). With
    /// `dryRun` nothing changes.
    ///
    /// When more than one batch has expired on PostgreSQL, the sweep reads the next batch while it
    /// removes the current one (see `SweepReader`).
    public func sweep(now: Date, dryRun: Bool = false, batchSize: Int = 5_000) async throws -> SweepReport {
        let register = try await requireRegister()
        let calendar = try await calendar()
        var report = SweepReport(now: now, dryRun: dryRun)
        let nowMillis = now.millis
        if !dryRun { try await acquireSweepLock() }
        var reader = SweepReader(data: data)
        do {
            if !dryRun { try await destroyErasedSubjectKeys() }
            let reviewed = try await reviewedVersions()
            var rules: [String: SweepRule] = [:]
            var batch = try await expiredBatch(before: nowMillis, after: nil, limit: batchSize, on: reader.connection)
            while let last = batch.rows.last {
                let more = batch.rows.count == batchSize
                let cursor = (expires: last.expires, id: last.id)
                if more && !dryRun { try await reader.readAhead() }
                let (connection, ahead) = (reader.connection, more && reader.readsAhead)
                async let prefetched =
                    ahead ? expiredBatch(before: nowMillis, after: cursor, limit: batchSize, on: connection) : nil
                var due: [(item: SweepReport.Item, location: String?)] = []
                for row in batch.rows {
                    if batch.holds.keep(subject: row.subject, activity: row.activity) {
                        report.held += 1
                    } else if let version = row.shortenedBy, !reviewed.contains(version), !dryRun {
                        report.awaitingReview += 1
                    } else {
                        let rule = register.sweepRule(for: row.activity, cache: &rules)
                        let item = SweepReport.Item(
                            record: row.id, subject: row.subject, activity: row.activity, rule: rule.wording,
                            expired: Date(millis: row.expires), action: rule.action)
                        due.append((item, row.location))
                    }
                }
                if dryRun {
                    report.items += due.map(\.item)
                } else if !due.isEmpty {
                    let done = try await carryOut(due, at: now, calendar: calendar)
                    report.items += done.items
                    report.subjectsErased += done.subjectsErased
                }
                if let next = try await prefetched {
                    batch = next
                } else {
                    batch =
                        more
                        ? try await expiredBatch(before: nowMillis, after: cursor, limit: batchSize, on: data) : .init()
                }
            }
            await reader.close()
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
                    try await self.releaseSweepLock(on: sql)
                }
                // After that synchronous commit, every batch committed before it is durable too.
                try await destroyErasedSubjectKeys()
            }
        } catch {
            await reader.close()
            if !dryRun { try? await releaseSweepLock() }
            throw error
        }
        return report
    }

    /// Removes a batch in one transaction, which also renews the sweep's lock. Returns what was
    /// removed, in the batch's order (a record changed since it was read is left for the next
    /// sweep), and how many subjects were left with nothing and erased.
    func carryOut(_ batch: [(item: SweepReport.Item, location: String?)], at now: Date, calendar: ZonedCalendar)
        async throws -> (items: [SweepReport.Item], subjectsErased: Int)
    {
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
            if self.data.dialect == .postgres {
                // The batch is atomic either way; only its durability waits, for the sweep's last
                // commit, which is synchronous and comes before any data key is destroyed.
                try await sql.raw("SET LOCAL synchronous_commit = off").run()
            }
            let outcome = try await self.remove(removals, at: now.millis, in: self.data)
            try await self.renewSweepLock(on: sql)
            return outcome
        }
        let items = batch.map(\.item)
        if outcome.removed.count == batch.count { return (items, outcome.emptied.count) }
        let removed = Set(outcome.removed.map(\.record))
        return (items.filter { removed.contains($0.record) }, outcome.emptied.count)
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
}

/// An activity's rule as the sweep words and applies it.
struct SweepRule {
    let wording: String
    let action: ExpiryAction
}

extension Register {
    /// The rule of `activity`, worded once per sweep (records of an activity come in thousands).
    func sweepRule(for activity: String, cache: inout [String: SweepRule]) -> SweepRule {
        if let known = cache[activity] { return known }
        let found = self.activity(activity)
        let rule = SweepRule(
            wording: found?.retention.description ?? "(activity no longer in the register)",
            action: found?.onExpiry ?? .erase)
        cache[activity] = rule
        return rule
    }
}
