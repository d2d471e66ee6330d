import GallraCore

/// The audit entries of reads of personal data.
///
/// - Reads made while no other transaction holds the log wait for their entries to be written, but
///   share one transaction with the reads that arrive meanwhile (group commit): sixteen callers
///   exporting at once cost one commit, not sixteen in a row.
/// - Reads made while a transaction (a sweep batch) holds the log do not wait: their entries are
///   appended, in order and with the moment and party of the read, as soon as it commits. The
///   store writes what is pending before it closes.
actor AccessLog {
    private struct Pending {
        let events: [AuditEvent]
        let party: Party
        let at: Int64
    }

    private var pending: [Pending] = []
    private var writer: Task<Void, Never>?
    /// Entries whose reads wait for them, and whether a transaction is writing such a group now.
    private var waiting: [(entry: Pending, done: CheckedContinuation<Void, any Error>)] = []
    private var committing = false
    private let append: @Sendable ([(events: [AuditEvent], actor: String, at: Int64)]) async throws -> Void
    private let failed: @Sendable (any Error) -> Void

    init(
        append: @escaping @Sendable ([(events: [AuditEvent], actor: String, at: Int64)]) async throws -> Void,
        failed: @escaping @Sendable (any Error) -> Void
    ) {
        self.append = append
        self.failed = failed
    }

    /// Queues the entries of a read made by `party` now.
    func enqueue(_ events: [AuditEvent], by party: Party) {
        pending.append(Pending(events: events, party: party, at: Clock.nowMillis()))
        if writer == nil { writer = Task { await self.writeAll() } }
    }

    /// Writes the entries of a read made by `party` now, together with those of the reads waiting
    /// at the same moment; returns once they are committed.
    func commit(_ events: [AuditEvent], by party: Party) async throws {
        let entry = Pending(events: events, party: party, at: Clock.nowMillis())
        try await withCheckedThrowingContinuation { (done: CheckedContinuation<Void, any Error>) in
            waiting.append((entry, done))
            if !committing {
                committing = true
                Task { await self.commitWaiting() }
            }
        }
    }

    private func commitWaiting() async {
        while !waiting.isEmpty {
            let group = waiting
            waiting = []
            do {
                try await append(group.map { ($0.entry.events, $0.entry.party.description, $0.entry.at) })
                for member in group { member.done.resume() }
            } catch {
                for member in group { member.done.resume(throwing: error) }
            }
        }
        committing = false
    }

    /// Returns when everything queued so far is in the log.
    func drain() async {
        while let writer { await writer.value }
    }

    private func writeAll() async {
        var failures = 0
        while !pending.isEmpty {
            let batch = pending
            pending = []
            do {
                try await append(batch.map { ($0.events, $0.party.description, $0.at) })
            } catch {
                // Kept for the next attempt; given up (and said so in the log) only after a minute
                // of failures, so that a store whose database is gone can still close.
                failures += 1
                failed(error)
                if failures < 300 { pending = batch + pending }
                try? await Task.sleep(for: .milliseconds(200))
            }
        }
        writer = nil
    }
}
