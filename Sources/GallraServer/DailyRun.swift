import Foundation
import GallraCore
import GallraServices
import Logging
import ServiceLifecycle

/// The server's daily jobs (the sweep, the officers' reminder): at a local time of the
/// controller's zone, every day, until the server stops; the next moment is logged as `next NAME`.
enum DailyRun {
    static func every(
        _ time: DailyTime, of gallra: Gallra, named name: String, logger: Logger,
        _ job: @Sendable (Date) async -> Void
    ) async throws {
        while !Task.isCancelled {
            let calendar = try await gallra.calendar()
            let next = calendar.next(time, after: Date())
            logger.info("next \(name)", metadata: ["at": "\(calendar.rfc3339(next))"])
            do {
                try await cancelWhenGracefulShutdown {
                    try await Task.sleep(nanoseconds: UInt64(max(0, next.timeIntervalSinceNow) * 1_000_000_000))
                }
            } catch {
                return  // the server is stopping
            }
            await job(Date())
        }
    }
}
