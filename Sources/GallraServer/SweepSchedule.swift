import Foundation
import GallraCore
import GallraServices
import Logging
import ServiceLifecycle

/// The server's daily sweep (issue 4's schedule): at a local time of the controller's zone, every
/// day, until the server stops. A sweep already running elsewhere (a CLI sweep) holds the lock;
/// this one then says so in the log and waits for the next day.
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

    /// One sweep; its outcome goes to the log as counts only.
    func sweep(at now: Date) async {
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
        } catch {
            // Store errors say what went wrong without personal data.
            logger.error("sweep failed", metadata: ["error": "\(error)"])
        }
    }
}
