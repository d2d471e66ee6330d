import Foundation
import GallraConnectors
import GallraCore
import GallraDatabase
import SQLKit

/// The retention sweep: erases or anonymises what the register's rules say has expired, in
/// batches that are each one transaction, and forecasts what will expire.
public struct RetentionSweep: StoreRegister {
    let store: Store
}

extension RetentionSweep {
    /// Records per batch. Each batch holds the audit log's head, which every write waits for, until
    /// it commits, so a smaller batch keeps writers waiting less. Measured on the benchmark store
    /// (1,000,000 records, 10,000 expired), PostgreSQL's sweep took as long with 1,000 to 3,400 a
    /// batch, and 10% longer with 5,000, where reading the first batch delays all that follows.
    public static let sweepBatchSize = 2_500

    /// Erases or anonymises every record whose expiry is at or before `now`, in batches that are
    /// each one transaction: a record goes together with its audit entry, a subject with nothing
    /// left goes with its last record, and its data key is destroyed after the sweep's last
    /// (synchronous) commit (a tombstone makes that step safe to repeat after a crash). With
    /// `dryRun` nothing changes.
    ///
    /// `progress` is told, after each batch, how many records the sweep has erased or anonymised
    /// so far.
    public func run(
        now: Date, dryRun: Bool = false, batchSize: Int = RetentionSweep.sweepBatchSize,
        progress: (@Sendable (Int) -> Void)? = nil
    ) async throws -> SweepReport {
        let register = try await requireRegister()
        let calendar = try await calendar()
        var report = SweepReport(now: now, dryRun: dryRun)
        if !dryRun { try await acquireSweepLock() }
        var reader = SweepReader(data: data)
        do {
            if !dryRun { try await destroyErasedSubjectKeys() }
            var sweeper = Sweeper(register: register, calendar: calendar, now: now)
            var (cursor, ahead): (SweepCursor?, [SweepCandidate]?) = (nil, nil)
            repeat {
                let candidates = SweepCandidates(now: now.millis, after: cursor, limit: batchSize, reviewing: !dryRun)
                let batch: SweepBatch
                if dryRun {
                    batch = try await foresee(candidates, with: &sweeper)
                } else if data.dialect == .sqlite {
                    batch = try await sweepInOneTransaction(candidates, with: &sweeper)
                } else {
                    (batch, ahead) = try await sweepReadingAheadAgainOnConflict(
                        candidates, readAhead: ahead, on: &reader, with: &sweeper)
                }
                report.items += batch.items
                report.held += batch.held
                report.kept += batch.kept
                report.awaitingReview += batch.awaitingReview
                report.subjectsErased += batch.subjectsErased
                progress?(report.items.count)
                cursor = batch.next
            } while cursor != nil
            await reader.close()
            report.requestsErased = try await removeExpiredEntries(of: .requests, at: now.millis, dryRun: dryRun)
            report.incidentsErased = try await removeExpiredEntries(of: .incidents, at: now.millis, dryRun: dryRun)
            report.waiting = try await store.records.waitingCount()
            if dryRun {
                report.reviewedVersions = try await store.versions.markShortenedRulesReviewed(reported: report)
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
            // try?: the lock of a failed sweep expires; the sweep's own error is thrown
            if !dryRun { try? await releaseSweepLock() }
            throw error
        }
        return report
    }

    /// Destroys the data keys of erased subjects, then their tombstones: safe to repeat.
    public func destroyErasedSubjectKeys() async throws {
        while true {
            let subjects = try await data.read.select().column("subject_id").from("erased_subjects").limit(1_000).all()
                .map { try $0.decode(column: "subject_id", as: String.self) }
            if subjects.isEmpty { return }
            try await keyring.sql.delete(from: "subject_keys").where("subject_id", .in, subjects).run()
            FaultPoint.pass("keys.destroyed")
            store.keys.forget(subjects)
            try await data.sql.delete(from: "erased_subjects").where("subject_id", .in, subjects).run()
        }
    }

    /// The summaries the last sweeps wrote in the audit log, the newest first: when, by whom, and
    /// what they did (counts, never people).
    public func lastSummaries(limit: Int = 5) async throws -> [(at: Date, actor: String, detail: String)] {
        try await data.read.raw(
            """
            SELECT at, actor, detail FROM audit_log WHERE action = 'sweep.summary' ORDER BY seq DESC
            LIMIT \(bind: limit)
            """
        ).all().map { row in
            (
                Date(millis: try row.decode(column: "at", as: Int64.self)),
                try row.decode(column: "actor", as: String.self), try row.decode(column: "detail", as: String.self)
            )
        }
    }
}
