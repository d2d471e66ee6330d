import GallraConnectors
import GallraCore
import GallraDatabase

/// The audit entries of reads of personal data made while a transaction (a sweep batch) holds the
/// log: the reads do not wait, their entries are appended, in order and with the moment and party
/// of the read, as soon as it commits. The store writes what is pending before it closes. (Reads
/// made while no transaction holds the log wait for their entries, in a group commit.)
actor AccessLog {
    private struct Pending {
        let events: [AuditEvent]
        let party: Party
        let at: Int64
    }

    private var pending: [Pending] = []
    private var writer: Task<Void, Never>?
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
                // try?: the pause ends early when the store closes; what is queued is written then
                try? await Task.sleep(for: .milliseconds(200))
            }
        }
        writer = nil
    }
}
