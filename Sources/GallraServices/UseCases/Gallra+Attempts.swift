import Foundation
import GallraCore
import GallraStore

/// The limits on attempts (sign-in, invitations, the public pages), counted in the database so
/// that every server on it counts the same attempts. What is counted is only a keyed digest of
/// each key: an address or an account never lands in the table.
extension Gallra {
    /// Counts an attempt on every key, unless one of them has had its limit within `window`:
    /// then nothing is counted and the answer is false.
    public func admitAttempt(_ limits: [String: Int], within window: TimeInterval) async throws -> Bool {
        try await store.attempts.admit(limits, window: window)
    }

    /// Takes back the last attempt counted on each key: it succeeded.
    public func forgiveAttempt(_ keys: [String]) async throws {
        try await store.attempts.forgive(keys)
    }

    /// Forgets every attempt on these keys.
    public func resetAttempts(_ keys: [String]) async throws {
        try await store.attempts.reset(keys)
    }
}
