import Foundation
import GallraServices
import Logging
import ServiceLifecycle

/// Sends what waits in the outbox, every two seconds, until the server stops (the use case is
/// `Gallra.sendDueMail`). What is in the outbox when the server stops is sent after the restart.
public struct OutboxSender: Service {
    let gallra: Gallra
    let transport: MailTransport
    let logger: Logger

    public init(gallra: Gallra, transport: MailTransport, logger: Logger) {
        self.gallra = gallra
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

    /// Sends every message due now; what fails waits for its next attempt, and is logged (by the
    /// message's id: never its address).
    public func sendDue() async {
        do {
            for delivery in try await gallra.sendDueMail(through: transport) {
                guard let failure = delivery.failure else { continue }
                logger.warning(
                    delivery.givenUp ? "a message could not be sent and was given up" : "a message could not be sent",
                    metadata: [
                        "outbox": "\(delivery.message)", "attempt": "\(delivery.attempt)", "error": "\(failure)",
                    ])
            }
        } catch {
            // Nothing was sent this round; the messages wait for the next.
            logger.warning("the outbox could not be read", metadata: ["error": "\(error)"])
        }
    }
}
