import Foundation
import Prometheus

/// What `/metrics` exposes in Prometheus' text format: requests by route and status, their
/// latency, and what the sweeps did. One registry per server, so that servers built in one
/// process (the tests) do not share counts.
public final class ServerMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    static let latencyBuckets: [Duration] = [
        .milliseconds(1), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
        .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(5),
    ]

    public init() {}

    /// A request answered: its route's pattern (never the path, which may hold an address), its
    /// method and status, and how long it took.
    func requestAnswered(route: String, method: String, status: Int, duration: Duration) {
        registry.makeCounter(
            descriptor: MetricNameDescriptor(
                namespace: "gallra", metricName: "http_requests", unitName: "total",
                helpText: "HTTP requests answered, by route pattern, method and status"),
            labels: [("route", route), ("method", method), ("status", String(status))]
        ).increment()
        registry.makeDurationHistogram(
            descriptor: MetricNameDescriptor(
                namespace: "gallra", metricName: "http_request_duration", unitName: "seconds",
                helpText: "Time to answer, by route pattern"),
            labels: [("route", route)], buckets: Self.latencyBuckets
        ).record(duration)
    }

    /// A sweep finished: how many records it erased and anonymised, and subjects it erased whole.
    public func swept(erased: Int, anonymised: Int, subjectsErased: Int) {
        registry.makeCounter(
            descriptor: MetricNameDescriptor(
                namespace: "gallra", metricName: "sweeps", unitName: "total", helpText: "Sweeps run by the server")
        )
        .increment()
        for (action, count) in [("erase", erased), ("anonymise", anonymised), ("erase_subject", subjectsErased)] {
            registry.makeCounter(
                descriptor: MetricNameDescriptor(
                    namespace: "gallra", metricName: "sweep_records", unitName: "total",
                    helpText: "Records (or whole subjects) the sweeps removed, by action"),
                labels: [("action", action)]
            ).increment(by: Int64(count))
        }
    }

    /// The outbox's depth, as a scrape finds it: messages waiting to be sent and given up.
    func outbox(waiting: Int, failed: Int) {
        for (state, count) in [("waiting", waiting), ("failed", failed)] {
            registry.makeGauge(
                descriptor: MetricNameDescriptor(
                    namespace: "gallra", metricName: "outbox_messages", unitName: "count",
                    helpText: "E-mail in the outbox: waiting to be sent, or given up"),
                labels: [("state", state)]
            ).set(Double(count))
        }
    }

    /// The text exposition.
    func exposition() -> String {
        registry.emitToString()
    }
}
