import Foundation
import GallraCore
import GallraServices
import Logging
import ServiceLifecycle

/// When the server queues the privacy officers' daily reminder (`gallra serve --reminders-at`).
public enum ReminderPlan: Sendable, Equatable {
    /// At a local time of the controller's zone, every day, listing the requests due within
    /// `within` days.
    case daily(at: DailyTime, within: Int)
    /// Never from this server, for the reason given (said once in the log when it starts).
    case off(String)
}

/// The privacy officers' daily reminder (issue 31, item 5): at a local time of the controller's
/// zone, every day, until the server stops. The day is recorded with the mail, so a second server
/// (or this one restarted) queues nothing more that day. The outcome goes to the log as counts.
public struct ReminderSchedule: Service {
    let gallra: Gallra
    let time: DailyTime
    let window: Int
    let settings: SelfServiceSettings
    let logger: Logger

    public init(gallra: Gallra, time: DailyTime, within window: Int, settings: SelfServiceSettings, logger: Logger) {
        self.gallra = gallra
        self.time = time
        self.window = window
        self.settings = settings
        self.logger = logger
    }

    public func run() async throws {
        try await DailyRun.every(time, of: gallra, named: "reminder", logger: logger) { await remind(at: $0) }
    }

    /// One reminder; what it did goes to the log as counts only.
    func remind(at now: Date) async {
        do {
            let run = try await gallra.remindOfficers(now: now, within: window, settings: settings)
            var metadata: Logger.Metadata = ["day": "\(run.day)"]
            if let digest = run.digest {
                metadata["requests"] = "\(digest.requests.count)"
                metadata["incidents"] = "\(digest.incidents.count)"
            }
            switch run.outcome {
            case .queued(let mail):
                metadata["messages"] = "\(mail.count)"
                logger.info("reminder queued", metadata: metadata)
            case .queuedBefore: logger.info("reminder queued before today", metadata: metadata)
            case .nothingDue: logger.info("reminder: nothing due", metadata: metadata)
            case .noOfficers: logger.warning("reminder: no user has the role privacy_officer", metadata: metadata)
            }
        } catch {
            // Store errors say what went wrong without personal data.
            logger.error("reminder failed", metadata: ["error": "\(error)"])
        }
    }
}
