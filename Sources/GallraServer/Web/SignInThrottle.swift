import Foundation
import GallraServices

/// Attempts counted per key (an account, a client, an address asked for, a link): after `limit`
/// within `window`, that key is refused until the window has passed. Sign-in counts failures,
/// five per account and twenty per client a quarter of an hour (OWASP ASVS 2.2.1); the public
/// request page counts submissions. Counted in the database (`Gallra.admitAttempt`): every server
/// on it counts the same attempts, so two servers behind a proxy allow no more than one, and a
/// restart forgives nothing. A database that cannot count refuses the attempt (an error page).
///
/// `admit` checks and counts in one transaction: forty sign-ins sent at once are forty attempts,
/// not forty first ones. An attempt that succeeds is then forgiven.
struct SignInThrottle: Sendable {
    let gallra: Gallra
    /// Which limit the keys belong to: the same client address counts apart for sign-in and for
    /// the public request form.
    let scope: String
    let limit: Int
    let window: TimeInterval

    init(gallra: Gallra, scope: String, limit: Int = 5, window: TimeInterval = 15 * 60) {
        self.gallra = gallra
        self.scope = scope
        self.limit = limit
        self.window = window
    }

    /// Counts an attempt on every key and returns true, unless one of them has used up its
    /// `limits` (or the default limit): then nothing is counted and the answer is false.
    func admit(_ limits: [String: Int]) async throws -> Bool {
        try await gallra.admitAttempt(
            Dictionary(uniqueKeysWithValues: limits.map { (scoped($0.key), $0.value) }), within: window)
    }

    func admit(_ keys: [String]) async throws -> Bool {
        try await admit(Dictionary(keys.map { ($0, limit) }, uniquingKeysWith: { first, _ in first }))
    }

    /// Takes back the last attempt counted on each key: it succeeded.
    func forgive(_ keys: [String]) async throws {
        try await gallra.forgiveAttempt(keys.map(scoped))
    }

    func reset(_ keys: [String]) async throws {
        try await gallra.resetAttempts(keys.map(scoped))
    }

    private func scoped(_ key: String) -> String { "\(scope)/\(key)" }
}
