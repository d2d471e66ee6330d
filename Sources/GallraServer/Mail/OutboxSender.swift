import Foundation
import GallraStore
import Logging
import ServiceLifecycle

/// Sends what waits in the outbox, every two seconds, until the server stops; a message that
/// cannot be sent is tried again after 1, 2, 4 … minutes, and given up (and shown on the
/// dashboard) after ten attempts. What is in the outbox when the server stops is sent after the
/// restart.
public struct OutboxSender: Service {
    let store: Store
    let transport: MailTransport
    let logger: Logger
    static let attempts = 10

    public init(store: Store, transport: MailTransport, logger: Logger) {
        self.store = store
        self.transport = transport
        self.logger = logger
    }

    public func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            await sendDue()
            // try?: the pause between rounds ends early when the server stops
            try? await Task.sleep(for: .seconds(2))
        }
    }

    /// Sends every message due now; what fails waits for its next attempt.
    public func sendDue() async {
        // try?: nothing is sent this round; the messages wait for the next
        guard let due = try? await store.outbox.due() else { return }
        for message in due {
            do {
                try await transport.deliver(message.message, id: message.id)
                try await store.outbox.markSent(message.id)
            } catch {
                let attempt = message.attempts + 1
                let retry =
                    attempt >= Self.attempts ? nil : Date().addingTimeInterval(60 * pow(2, Double(attempt - 1)))
                logger.warning(
                    "a message could not be sent",
                    metadata: ["outbox": "\(message.id)", "attempt": "\(attempt)", "error": "\(error)"])
                // try?: a failure not recorded leaves the message due: it is tried again, never reported sent
                try? await store.outbox.markAttemptFailed(message.id, error: "\(error)", retry: retry)
            }
        }
    }
}
