import Foundation

/// Failed sign-ins counted per login and per client address: after five failures within a
/// quarter of an hour, that login or address is refused until the quarter has passed (OWASP
/// ASVS 2.2.1). Kept in memory: a restart forgives.
actor SignInThrottle {
    static let limit = 5
    static let window: TimeInterval = 15 * 60

    private var failures: [String: [Date]] = [:]

    /// Whether any of `keys` has used up its failures.
    func isBlocked(_ keys: [String], now: Date = Date()) -> Bool {
        keys.contains { recent($0, now: now).count >= Self.limit }
    }

    func recordFailure(_ keys: [String], now: Date = Date()) {
        for key in keys { failures[key] = recent(key, now: now) + [now] }
        if failures.count > 10_000 { failures = failures.filter { !$0.value.isEmpty } }
    }

    func reset(_ keys: [String]) {
        for key in keys { failures[key] = nil }
    }

    private func recent(_ key: String, now: Date) -> [Date] {
        (failures[key] ?? []).filter { now.timeIntervalSince($0) < Self.window }
    }
}
