import Foundation
import GallraCore
import GallraServer
import GallraServices
import GallraStore
import GallraTestSupport
import Hummingbird
import HummingbirdTesting
import Testing

/// /health, /ready and /metrics, and what they must never show.
@Suite("Health and metrics")
struct ObservabilityTests {
    @Test("Metrics count requests by route pattern and status, never by a path holding an address")
    func metrics() async throws {
        let (store, authorised) = try await IncidentAPITests.store()
        _ = try await Gallra(store: store).addSubject(NewSubject(email: "anna@example.se"), by: .user("setup"))
        var configuration = ServerConfiguration()
        configuration.metricsToken = "a metrics token of some length"
        let app = buildApplication(gallra: Gallra(store: store), configuration: configuration)
        try await app.test(.router) { client in
            #expect(String(buffer: try await client.execute(uri: "/health", method: .get).body) == "ok")
            #expect(try await client.execute(uri: "/ready", method: .get).status == .ok)
            let found = try await client.execute(
                uri: "/api/v1/subjects/anna@example.se", method: .get, headers: authorised)
            #expect(found.status == .ok)
            let missing = try await client.execute(
                uri: "/api/v1/subjects/nobody@example.se", method: .get, headers: authorised)
            #expect(missing.status == .notFound)
            let metrics = String(
                buffer: try await client.execute(
                    uri: "/metrics", method: .get, headers: [.authorization: "Bearer a metrics token of some length"]
                ).body)
            #expect(
                metrics.contains(
                    #"gallra_http_requests_total{route="/api/v1/subjects/{ref}",method="GET",status="200"} 1"#))
            #expect(
                metrics.contains(
                    #"gallra_http_requests_total{route="/api/v1/subjects/{ref}",method="GET",status="404"} 1"#))
            #expect(metrics.contains("gallra_http_request_duration_seconds_bucket"))
            #expect(!metrics.contains("example.se"), "no address reaches the metrics")
            #expect(metrics.contains(#"gallra_outbox_messages_count{state="waiting"} 0"#))
        }
        await store.close()
    }
}
