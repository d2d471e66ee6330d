import Foundation

/// One message of the outbox as its row records it: what a screen, a mail or an API answer says
/// went to someone is read from here (nothing about the message's content or its recipient).
public struct MailRecord: Sendable, Equatable {
    public enum State: Sendable, Equatable {
        /// Waiting to be sent; the next attempt at this instant.
        case queued(nextAttempt: Date)
        /// Taken by the mail transport at this instant.
        case sent(Date)
        /// Given up at this instant after its attempts, never tried again.
        case failed(Date)
    }

    public let id: String
    /// What the message is: `confirm`, `receipt`, `report`, `outcome`, `extended`, `reminder` …
    public let purpose: String
    /// The request it is about, if any.
    public let request: String?
    public let queuedAt: Date
    public let attempts: Int
    public let state: State
    /// Why the last attempt failed, as the transport said it.
    public let lastError: String?

    public init(
        id: String, purpose: String, request: String?, queuedAt: Date, attempts: Int, state: State, lastError: String?
    ) {
        self.id = id
        self.purpose = purpose
        self.request = request
        self.queuedAt = queuedAt
        self.attempts = attempts
        self.state = state
        self.lastError = lastError
    }

    /// `queued`, `sent` or `failed`.
    public var stateName: String {
        switch state {
        case .queued: "queued"
        case .sent: "sent"
        case .failed: "failed"
        }
    }
}

extension MailRecord.State {
    /// Given up: it will not be sent.
    public var isFailed: Bool {
        if case .failed = self { return true }
        return false
    }

    /// Sent: the transport took it.
    public var isSent: Bool {
        if case .sent = self { return true }
        return false
    }
}

extension MailRecord {
    /// What the outbox records of a message whose server stopped while handing it to the mail
    /// transport: it may have gone, and it is not sent again (at most once).
    public static let interruptedNote =
        "The server stopped while handing this message to the mail transport: it may have gone. It is not sent again, so that nobody gets it twice."

    /// Given up because its server stopped while handing it over: it may have arrived.
    public var wasInterrupted: Bool { state.isFailed && lastError == Self.interruptedNote }
}
