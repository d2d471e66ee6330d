import Foundation
import GallraCore
import GallraStore

/// What became of one message the outbox tried to send.
public struct MailDelivery: Sendable {
    public let message: String
    /// The attempt this was, counting from 1.
    public let attempt: Int
    /// Why it was not sent; nil when the transport took it.
    public let failure: String?
    /// Given up after this attempt: shown as failed, never tried again.
    public let givenUp: Bool
}

extension Gallra {
    /// After so many failed attempts a message is given up (and shown as failed).
    public static let mailAttempts = 10

    /// Sends what is due now through `transport` (at most `limit` messages), as Gallra's mail
    /// sender, beside any other server on the same database. Each message is claimed first (it is
    /// then this server's alone), handed to the transport, and marked sent only once the
    /// transport has taken it; one that fails waits for its next attempt (1, 2, 4 … minutes later)
    /// and is given up after `mailAttempts`. A failure that cannot be recorded leaves the message
    /// claimed: it is given up as interrupted later, never sent twice and never reported sent.
    /// Messages whose server died while handing them over are given up first (`Outbox`).
    public func sendDueMail(through transport: MailTransport, limit: Int = 20) async throws -> [MailDelivery] {
        try await acting(by: .system("mail"), needs: .writePersonalData) {
            try await store.outbox.settleInterrupted()
            var deliveries: [MailDelivery] = []
            while deliveries.count < limit, let message = try await store.outbox.claimNext() {
                let attempt = message.attempts + 1
                let failure: (any Error)?
                do {
                    try await transport.deliver(message.message, id: message.id)
                    failure = nil
                } catch {
                    failure = error
                }
                guard let failure else {
                    // Thrown on: a message taken by the transport and not marked sent stays claimed,
                    // and is never sent again. A database away for a failover is waited for first.
                    try await markSent(message.id)
                    deliveries.append(MailDelivery(message: message.id, attempt: attempt, failure: nil, givenUp: false))
                    continue
                }
                let givenUp = attempt >= Self.mailAttempts
                let retry = givenUp ? nil : Date().addingTimeInterval(60 * pow(2, Double(attempt - 1)))
                deliveries.append(
                    MailDelivery(message: message.id, attempt: attempt, failure: "\(failure)", givenUp: givenUp))
                // try?: a failure not recorded leaves the message claimed: given up as interrupted later, never reported sent
                try? await store.outbox.markAttemptFailed(message.id, error: "\(failure)", retry: retry)
            }
            return deliveries
        }
    }
}

extension Gallra {
    /// How long a message handed over waits for the database to come back to be marked sent
    /// (a Patroni failover took 12.5 s in docs/deployment.md).
    static let markSentPatience: Duration = .seconds(90)

    /// Marks a message the transport took as sent, trying again while the database is away (the
    /// mark changes nothing the second time): otherwise it stays claimed and is given up as
    /// interrupted, though it went.
    private func markSent(_ id: String) async throws {
        let clock = ContinuousClock()
        let deadline = clock.now + Self.markSentPatience
        while true {
            do {
                return try await store.outbox.markSent(id)
            } catch GallraError.unavailable where clock.now < deadline && !Task.isCancelled {
                try await Task.sleep(for: .seconds(1))
            }
        }
    }
}

extension Gallra {
    /// How many messages wait in the outbox and how many failed for good: for the server's metrics,
    /// and saying nothing of anyone.
    public func outboxDepth() async throws -> (waiting: Int, failed: Int) {
        try await store.outbox.depth()
    }
}

/// A page of the outbox, and how many messages match in all.
public struct MailPage: Sendable {
    public let records: [MailRecord]
    public let total: Int
}

extension Gallra {
    /// The outbox for the privacy officer, the newest first: every message Gallra wrote, what it is
    /// about (its purpose and request), and its state as its row records it (never its recipient or
    /// text). `state`: nil for all, else `queued`, `sent` or `failed`.
    public func mailRecords(state: String?, page: Int, perPage: Int = 50, by party: Party) async throws -> MailPage {
        try await acting(by: party, needs: .handleIncidents) {
            let found = try await store.outbox.records(
                state: state, limit: perPage, offset: max(0, page - 1) * perPage)
            return MailPage(records: found.records, total: found.total)
        }
    }
}
