import Foundation
import GallraConnectors
import GallraCore
import GallraDatabase
import PostgresKit
import SQLKit

/// What one batch of a sweep did, or would do.
struct SweepBatch: Sendable {
    var items: [SweepReport.Item] = []
    var kept: [SweepReport.Kept] = []
    var held = 0
    var awaitingReview = 0
    var subjectsErased = 0
    /// Where the next batch starts: nil when this one was the last.
    var next: SweepCursor?
}

/// The register's side of a sweep: how each activity's rule is worded and applied, and the
/// evidence written for a record. Records of an activity come in thousands, so each rule is
/// worded once, and so is each expiry.
struct Sweeper {
    let register: Register
    let calendar: ZonedCalendar
    let now: Date
    private let acted: String
    private var rules: [String: (wording: String, action: ExpiryAction)] = [:]
    private var grounds: [String: [Int64: String]] = [:]

    init(register: Register, calendar: ZonedCalendar, now: Date) {
        (self.register, self.calendar, self.now) = (register, calendar, now)
        acted = calendar.rfc3339(now)
    }

    /// The activities whose records are anonymised rather than erased.
    var anonymising: [String] { register.activities.filter { $0.onExpiry == .anonymise }.map(\.id) }

    /// The report's line for a record; `anonymised` when the database says what was done.
    mutating func item(record: String, subject: String, activity: String, expires: Int64, anonymised: Bool? = nil)
        -> SweepReport.Item
    {
        let rule = self.rule(of: activity)
        let action = anonymised.map { $0 ? ExpiryAction.anonymise : .erase } ?? rule.action
        return SweepReport.Item(
            record: record, subject: subject, activity: activity, rule: rule.wording, expired: Date(millis: expires),
            action: action)
    }

    /// What the audit log keeps of a record's removal: which record, which rule, the expiry it
    /// computed and the moment it acted. Records of one activity that expired together share
    /// their grounds, worded once.
    mutating func removal(of item: SweepReport.Item, at location: String?) -> Removal {
        let millis = item.expired.millis
        let worded =
            grounds[item.activity]?[millis]
            ?? "rule \(item.rule), expired \(calendar.rfc3339(item.expired)), acted \(acted)"
        grounds[item.activity, default: [:]][millis] = worded
        return Removal(
            record: item.record, location: location, subject: item.subject, activity: item.activity,
            action: item.action, grounds: worded)
    }

    private mutating func rule(of activity: String) -> (wording: String, action: ExpiryAction) {
        if let known = rules[activity] { return known }
        let found = register.activity(activity)
        let rule = (
            wording: found?.retention.description ?? "(activity no longer in the register)",
            action: found?.onExpiry ?? .erase
        )
        rules[activity] = rule
        return rule
    }
}

extension RetentionSweep {
    /// What a sweep does with the candidates read: the report's lines for those due (with where
    /// each was read), and the counts of those kept.
    func judge(_ read: [SweepCandidate], limit: Int, with sweeper: inout Sweeper) -> (
        batch: SweepBatch, due: [(item: SweepReport.Item, location: String?)]
    ) {
        var batch = SweepBatch(next: read.count == limit ? read.last.map(\.cursor) : nil)
        var due: [(item: SweepReport.Item, location: String?)] = []
        due.reserveCapacity(read.count)
        for candidate in read {
            switch candidate.verdict {
            case .held:
                batch.held += 1
                batch.kept.append(candidate.kept(.legalHold))
            case .awaitingReview:
                batch.awaitingReview += 1
                batch.kept.append(candidate.kept(.awaitingReview))
            case .due:
                let item = sweeper.item(
                    record: candidate.id, subject: candidate.subject, activity: candidate.activity,
                    expires: candidate.expires)
                due.append((item, candidate.location))
            }
        }
        return (batch, due)
    }

    /// A dry run's batch: what a sweep would do, changing nothing.
    func foresee(_ candidates: SweepCandidates, with sweeper: inout Sweeper) async throws -> SweepBatch {
        var (batch, due) = judge(try await read(candidates, on: data), limit: candidates.limit, with: &sweeper)
        batch.items = due.map(\.item)
        return batch
    }

    /// SQLite's batch: read, judged and carried out in one write transaction, which SQLite gives
    /// to one connection at a time, so what is judged is what is removed.
    func sweepInOneTransaction(_ candidates: SweepCandidates, with sweeper: inout Sweeper) async throws -> SweepBatch {
        try await store.erasureJournal.aborting {
            try await sweepJudgingAndRemoving(candidates, with: &sweeper)
        }
    }

    private func sweepJudgingAndRemoving(_ candidates: SweepCandidates, with sweeper: inout Sweeper) async throws
        -> SweepBatch
    {
        try await data.transaction { _ in
            let (batch, due) = self.judge(
                try await self.read(candidates, on: self.data), limit: candidates.limit, with: &sweeper)
            return try await self.removeDue(batch, due, at: candidates.now, with: &sweeper)
        }
    }

    /// PostgreSQL's batch, unless it was read ahead, is read first; when more may follow, the next
    /// is read on a second connection while this one is removed, and comes back with it.
    func sweepReadingAhead(
        _ candidates: SweepCandidates, readAhead: [SweepCandidate]?, on reader: inout SweepReader,
        with sweeper: inout Sweeper
    ) async throws -> (SweepBatch, next: [SweepCandidate]?) {
        let read: [SweepCandidate]
        if let readAhead { read = readAhead } else { read = try await self.read(candidates, on: reader.connection) }
        if read.isEmpty { return (SweepBatch(), nil) }  // the batch read ahead found nothing more
        let (batch, due) = judge(read, limit: candidates.limit, with: &sweeper)
        let next = batch.next.map {
            SweepCandidates(now: candidates.now, after: $0, limit: candidates.limit, reviewing: candidates.reviewing)
        }
        if next != nil { try await reader.readAhead() }
        let connection = reader.connection
        async let upcoming = next == nil ? nil : self.read(next!, on: connection)
        let done = try await removeDue(batch, due, at: candidates.now, with: &sweeper)
        return (done, try await upcoming)
    }

    /// PostgreSQL's batch, tried again (read afresh) when it failed for a conflict with another
    /// writer: a record added for a person whose last record the batch erases makes the two wait for
    /// each other, and PostgreSQL fails one of them. Nothing of a failed batch stays.
    func sweepReadingAheadAgainOnConflict(
        _ candidates: SweepCandidates, readAhead: [SweepCandidate]?, on reader: inout SweepReader,
        with sweeper: inout Sweeper
    ) async throws -> (SweepBatch, next: [SweepCandidate]?) {
        var (readAhead, failures) = (readAhead, 0)
        while true {
            do {
                return try await sweepReadingAhead(candidates, readAhead: readAhead, on: &reader, with: &sweeper)
            } catch let error as PSQLError
                where failures < 3 && Self.conflicts.contains(error.serverInfo?[.sqlState] ?? "")
            {
                (readAhead, failures) = (nil, failures + 1)
            }
        }
    }

    /// SQLSTATEs of a transaction failed for another's sake: deadlock, serialization failure, and a
    /// foreign key that a concurrent write made fail.
    private static let conflicts: Set<String> = ["40P01", "40001", "23503"]

    /// Removes the records due in one transaction (joining the caller's, on SQLite), which also
    /// renews the sweep's lock; the batch comes back with what was removed, in its order. On
    /// PostgreSQL, where the batch was read before, a record changed or removed since is no longer
    /// where it was read: it is left for the next sweep to judge again. There the batch commits
    /// asynchronously: it is atomic either way, and only its durability waits, for the sweep's last
    /// commit, which is synchronous and comes before any data key is destroyed.
    func removeDue(
        _ batch: SweepBatch, _ due: [(item: SweepReport.Item, location: String?)], at nowMillis: Int64,
        with sweeper: inout Sweeper
    ) async throws -> SweepBatch {
        var batch = batch
        let removals = due.map { sweeper.removal(of: $0.item, at: $0.location) }
        let outcome = try await store.erasureJournal.aborting {
            try await removeInOneTransaction(removals, at: nowMillis)
        }
        batch.items = due.map(\.item)
        if outcome.removed.count < removals.count {
            let removed = Set(outcome.removed.map(\.record))
            batch.items.removeAll { !removed.contains($0.record) }
        }
        batch.subjectsErased = outcome.emptied.count
        return batch
    }

    private func removeInOneTransaction(_ removals: [Removal], at nowMillis: Int64) async throws -> RemovalOutcome {
        try await data.transaction { sql in
            if self.data.dialect == .postgres { try await sql.raw("SET LOCAL synchronous_commit = off").run() }
            let outcome =
                removals.isEmpty
                ? RemovalOutcome(removed: [], emptied: [])
                : try await self.remove(removals, at: nowMillis, in: self.data, evidence: .byGrounds)
            try await self.renewSweepLock(on: sql)
            return outcome
        }
    }
}

extension SweepCandidate {
    /// The report's line for a candidate kept back, with why.
    func kept(_ reason: SweepReport.HeldBack) -> SweepReport.Kept {
        SweepReport.Kept(
            record: id, subject: subject, activity: activity, expired: Date(millis: expires), reason: reason)
    }
}
