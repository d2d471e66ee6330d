import Foundation
import GallraCore
import GallraStore

extension Gallra {
    /// The sweep (its batches are transactions of their own): erases or anonymises what expired at
    /// `now`; with `dryRun`, says what it would do and changes nothing. With `listing`, the report
    /// names each row of the connected tables too (for an output that lists them).
    public func sweep(
        now: Date, dryRun: Bool = false, batchSize: Int = RetentionSweep.sweepBatchSize, listing: Bool = false,
        by party: Party, progress: (@Sendable (Int) -> Void)? = nil
    ) async throws -> SweepReport {
        try await acting(by: party, needs: .sweep) {
            var report = try await store.sweep.run(now: now, dryRun: dryRun, batchSize: batchSize, progress: progress)
            // Then the company's own databases, where the systems file connects them.
            report.connected = try await store.sweep.runConnected(
                now: now, dryRun: dryRun, batchSize: min(batchSize, RetentionSweep.connectedBatchSize),
                listing: listing)
            return report
        }
    }

    /// The last sweeps' summaries from the audit log, the newest first.
    public func lastSweeps(limit: Int = 5, by party: Party) async throws -> [(at: Date, actor: String, detail: String)]
    {
        try await acting(by: party, needs: .sweep) { try await store.sweep.lastSummaries(limit: limit) }
    }
}

extension Gallra {
    /// What will expire per activity and day over the next `days` days, and what waits for an event.
    public func forecast(from now: Date, days: Int, by party: Party) async throws -> Forecast {
        try await acting(by: party, needs: .sweep) {
            var forecast = try await store.sweep.forecast(from: now, days: days)
            // The company's own databases too, where the systems file connects them.
            let connected = try await store.sweep.forecastConnected(from: now, days: days)
            forecast.overdue += connected.overdue
            var merged: [String: Forecast.Day] = [:]
            for day in forecast.expiring + connected.expiring {
                let key = "\(day.date) \(day.activity)"
                let records = (merged[key]?.records ?? 0) + day.records
                merged[key] = Forecast.Day(date: day.date, activity: day.activity, records: records)
            }
            forecast.expiring = merged.values.sorted { ($0.date, $0.activity) < ($1.date, $1.activity) }
            return forecast
        }
    }
}
