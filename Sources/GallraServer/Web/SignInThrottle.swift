import Foundation

/// Attempts counted per key (a login, an address, a client): after `limit` within `window`, that
/// key is refused until the window has passed. Sign-in counts failures, five per quarter hour
/// (OWASP ASVS 2.2.1); the public request page counts submissions. Kept in memory: a restart
/// forgives.
actor SignInThrottle {
    let limit: Int
    let window: TimeInterval

    init(limit: Int = 5, window: TimeInterval = 15 * 60) {
        self.limit = limit
        self.window = window
    }

    private var failures: [String: [Date]] = [:]

    /// Whether any of `keys` has used up its failures.
    func isBlocked(_ keys: [String], now: Date = Date()) -> Bool {
        keys.contains { recent($0, now: now).count >= limit }
    }

    func recordFailure(_ keys: [String], now: Date = Date()) {
        for key in keys { failures[key] = recent(key, now: now) + [now] }
        if failures.count > 10_000 { failures = failures.filter { !$0.value.isEmpty } }
    }

    func reset(_ keys: [String]) {
        for key in keys { failures[key] = nil }
    }

    private func recent(_ key: String, now: Date) -> [Date] {
        (failures[key] ?? []).filter { now.timeIntervalSince($0) < window }
    }
}
