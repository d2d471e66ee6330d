import Foundation
import GallraCore
import GallraServices
import Logging
import ServiceLifecycle

/// The server's daily sweep (issue 4's schedule): at a local time of the controller's zone, every
/// day, until the server stops. Several servers on one database sweep once a day between them
/// (issue 35): the one that takes the lease `daily-sweep` sweeps, and then holds the lease until
/// just before the next day's sweep, as the record that the day's sweep is done. The others say
/// so in the log and look again every minute, so that a server that dies mid-sweep (its lease, and
/// the sweep lock's, run out) leaves the day's sweep to another. A sweep already running
/// elsewhere (a CLI sweep) holds the sweep lock; this one then says so and looks again too.
public struct SweepSchedule: Service {
    let gallra: Gallra
    let time: DailyTime
    let logger: Logger
    let metrics: ServerMetrics?

    public init(gallra: Gallra, time: DailyTime, logger: Logger, metrics: ServerMetrics? = nil) {
        self.metrics = metrics
        self.gallra = gallra
        self.time = time
        self.logger = logger
    }

    public func run() async throws {
        try await DailyRun.every(time, of: gallra, named: "sweep", logger: logger) { await sweep(at: $0) }
    }

    static let lease = "daily-sweep"
    /// How long a server holds the day's sweep before another may take it over (the sweep lock
    /// holds a sweep that runs longer).
    static let claim: TimeInterval = 180
    /// How often the others look again.
    static let retry: Duration = .seconds(60)

    /// The day's sweep, on this server or another; its outcome goes to the log as counts only.
    func sweep(at start: Date) async {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            let now = Date()
            do {
                guard try await gallra.takeLease(Self.lease, until: now.addingTimeInterval(Self.claim)) else {
                    if let held = try await gallra.lease(Self.lease), held.until > now.addingTimeInterval(3_600) {
                        logger.info("the day's sweep was done by another server")
                        return
                    }
                    logger.info("the day's sweep runs on another server; looked at again in a minute")
                    try await cancelWhenGracefulShutdown { try await Task.sleep(for: Self.retry) }
                    continue
                }
                if try await sweepOnce(at: now) {
                    let next = try await gallra.calendar().next(time, after: now)
                    try await gallra.holdLease(Self.lease, until: next.addingTimeInterval(-60))
                    return
                }
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: Self.retry) }
            } catch GallraError.unavailable(let reason) where !Task.isCancelled && !Task.isShuttingDownGracefully {
                // The database is away (a failover takes some 15 s): looked at again in a minute,
                // and a sweep cut short is carried on from where it stopped (issue 35).
                logger.warning("sweep not done; looked at again in a minute", metadata: ["reason": "\(reason)"])
                do {
                    try await cancelWhenGracefulShutdown { try await Task.sleep(for: Self.retry) }
                } catch {
                    return
                }
            } catch {
                // The server is stopping, or the store failed otherwise: the next day's sweep, or
                // another server, does the work.
                logger.error("sweep not done", metadata: ["error": "\(error)"])
                return
            }
        }
    }

    /// One sweep: true when it ran, false when another sweep held the lock (tried again later).
    func sweepOnce(at now: Date) async throws -> Bool {
        do {
            let report = try await gallra.sweep(now: now, by: .sweep)
            metrics?.swept(erased: report.erased, anonymised: report.anonymised, subjectsErased: report.subjectsErased)
            logger.info(
                "sweep done",
                metadata: [
                    "erased": "\(report.erased)", "anonymised": "\(report.anonymised)",
                    "subjects_erased": "\(report.subjectsErased)", "held": "\(report.held)",
                    "waiting": "\(report.waiting)",
                ])
            return true
        } catch GallraError.unavailable(let reason) {
            // Another sweep holds the lock, or the database went away (the sweep then stopped
            // between batches, each committed whole or not at all).
            logger.notice("sweep not done now", metadata: ["reason": "\(reason)"])
            return false
        } catch {
            // Store errors say what went wrong without personal data. The day's lease runs out,
            // and this server or another tries again.
            logger.error("sweep failed", metadata: ["error": "\(error)"])
            try await gallra.releaseLease(Self.lease)
            throw error
        }
    }
}
