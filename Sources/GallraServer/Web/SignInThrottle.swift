import Foundation

/// Attempts counted per key (an account, a client, an address asked for, a link): after `limit`
/// within `window`, that key is refused until the window has passed. Sign-in counts failures,
/// five per account and twenty per client a quarter of an hour (OWASP ASVS 2.2.1); the public
/// request page counts submissions. Kept in memory: a restart forgives.
///
/// `admit` checks and counts in one step of the actor: forty sign-ins sent at once are forty
/// attempts, not forty first ones. An attempt that succeeds is then forgiven.
actor SignInThrottle {
    let limit: Int
    let window: TimeInterval
    /// Keys kept at most; past it the expired go, and if that is not enough the oldest half, so
    /// that a flood of new keys cannot grow memory without bound.
    let capacity: Int

    init(limit: Int = 5, window: TimeInterval = 15 * 60, capacity: Int = 100_000) {
        self.limit = limit
        self.window = window
        self.capacity = capacity
    }

    private var attempts: [String: [Date]] = [:]

    /// Counts an attempt on every key and returns true, unless one of them has used up its
    /// `limits` (or the default limit): then nothing is counted and the answer is false.
    func admit(_ limits: [String: Int], now: Date = Date()) -> Bool {
        guard !limits.contains(where: { recent($0.key, now: now).count >= $0.value }) else { return false }
        record(Array(limits.keys), now: now)
        return true
    }

    func admit(_ keys: [String], now: Date = Date()) -> Bool {
        admit(Dictionary(keys.map { ($0, limit) }, uniquingKeysWith: { first, _ in first }), now: now)
    }

    /// Whether any of `keys` has used up its attempts.
    func isBlocked(_ keys: [String], now: Date = Date()) -> Bool {
        keys.contains { recent($0, now: now).count >= limit }
    }

    func recordFailure(_ keys: [String], now: Date = Date()) {
        record(keys, now: now)
    }

    /// Takes back the last attempt counted on each key: it succeeded.
    func forgive(_ keys: [String]) {
        for key in keys where attempts[key]?.isEmpty == false { attempts[key]?.removeLast() }
    }

    func reset(_ keys: [String]) {
        for key in keys { attempts[key] = nil }
    }

    private func record(_ keys: [String], now: Date) {
        for key in keys { attempts[key] = recent(key, now: now) + [now] }
        guard attempts.count > capacity else { return }
        attempts = attempts.filter { $0.value.contains { now.timeIntervalSince($0) < window } }
        if attempts.count > capacity {
            let oldest = attempts.sorted { ($0.value.last ?? .distantPast) < ($1.value.last ?? .distantPast) }
            for (key, _) in oldest.prefix(attempts.count / 2) { attempts[key] = nil }
        }
    }

    private func recent(_ key: String, now: Date) -> [Date] {
        (attempts[key] ?? []).filter { now.timeIntervalSince($0) < window }
    }
}
