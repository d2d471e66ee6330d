import Foundation
import GallraCore
import GallraServices
import Logging
import ServiceLifecycle

/// The server's audit checkpoints (issue 29, finding 6): every `interval` and when the server
/// stops, the audit log's head is signed and appended to the checkpoints file outside the
/// database, and logged as one structured line (entry, hash, time, signature; nothing about
/// anyone), so that a copy leaves the machine with the logs. A head unchanged since the last
/// checkpoint is not written again. Several servers on one database sign one checkpoint an
/// interval between them: the one holding the lease `audit-checkpoint` (issue 35); another takes
/// it over once its holder has stopped renewing it.
public struct AuditCheckpointSchedule: Service {
    let gallra: Gallra
    let interval: Duration
    let logger: Logger
    static let party = Party.system("audit-checkpoint")

    public init(gallra: Gallra, interval: Duration = .seconds(600), logger: Logger) {
        self.gallra = gallra
        self.interval = interval
        self.logger = logger
    }

    public func run() async throws {
        var last: AuditCheckpoint?
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            if await holdsTheLease() { last = await checkpoint(after: last) ?? last }
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            } catch {
                break  // the server is stopping
            }
        }
        _ = await checkpoint(after: last)
        do {
            try await gallra.releaseLease(Self.lease)
        } catch {
            // Another server takes the checkpoints over once the lease runs out.
            logger.warning("audit checkpoint lease kept", metadata: ["error": "\(error)"])
        }
    }

    static let lease = "audit-checkpoint"

    /// Whether this server signs this interval's checkpoint: it holds the lease until just before
    /// its next one and half an interval more, so that it keeps it while it runs; a failure to ask
    /// counts as no.
    func holdsTheLease() async -> Bool {
        do {
            let until = Date().addingTimeInterval(Double(interval.milliseconds) / 1000 * 1.5)
            if try await gallra.takeLease(Self.lease, until: until) { return true }
            logger.debug("audit checkpoint signed by another server")
            return false
        } catch {
            logger.error("audit checkpoint lease not taken", metadata: ["error": "\(error)"])
            return false
        }
    }

    /// One checkpoint, unless the head is the one `last` saw; a failure is logged and tried again
    /// at the next interval.
    func checkpoint(after last: AuditCheckpoint?) async -> AuditCheckpoint? {
        do {
            guard let checkpoint = try await gallra.checkpointAudit(unlessAt: last, by: Self.party) else { return nil }
            logger.info(
                "audit checkpoint",
                metadata: [
                    "seq": "\(checkpoint.seq)", "hash": "\(checkpoint.hash)", "at": "\(checkpoint.at)",
                    "keyed_from": "\(checkpoint.keyedFrom)", "checkpoint": "\(checkpoint.line)",
                ])
            return checkpoint
        } catch {
            // Store errors say what went wrong without personal data.
            logger.error("audit checkpoint failed", metadata: ["error": "\(error)"])
            return nil
        }
    }
}
