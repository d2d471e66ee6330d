import Foundation
import GallraCore
import GallraServices
import Logging
import ServiceLifecycle

/// The server's audit checkpoints (issue 29, finding 6): every `interval` and when the server
/// stops, the audit log's head is signed and appended to the checkpoints file outside the
/// database, and logged as one structured line (entry, hash, time, signature; nothing about
/// anyone), so that a copy leaves the machine with the logs. A head unchanged since the last
/// checkpoint is not written again.
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
            last = await checkpoint(after: last) ?? last
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            } catch {
                break  // the server is stopping
            }
        }
        _ = await checkpoint(after: last)
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
