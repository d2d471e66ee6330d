import GallraConnectors
import GallraCore
import GallraDatabase
import SQLKit

extension Store {
    /// What a use case pays at the least, for the benchmarks to print beside their figures: one
    /// statement on a reader (`SELECT 1`), and one audit entry of a read written as reads' entries
    /// are (group commit, before the answer).
    package func floor() async throws -> (read: Duration, auditedRead: Duration) {
        let clock = ContinuousClock()
        let read = try await clock.measure { _ = try await data.read.raw("SELECT 1 AS one").first() }
        let audited = try await clock.measure {
            try await auditRead([AuditEvent("benchmark.floor", detail: "the floor of an audited read")])
        }
        return (read, audited)
    }
}
