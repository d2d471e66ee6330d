import Foundation
import GallraConnectors
import GallraCore
import GallraDatabase
import SQLKit

/// A register version that shortens a rule never erases anything before a dry run has reported
/// it: the sweep keeps the records it made expire until then.
extension RegisterVersions {
    /// After a dry run: the shortenings it reported may now be carried out.
    @discardableResult
    func markShortenedRulesReviewed(reported report: SweepReport) async throws -> [Int64] {
        let versions = try await data.read.raw(
            """
            SELECT DISTINCT shortened_by FROM records
            WHERE shortened_by IS NOT NULL AND expires_at <= \(bind: report.now.millis)
            """
        ).all().compactMap { try $0.decode(column: "shortened_by", as: Int64?.self) }
        guard !versions.isEmpty else { return [] }
        return try await data.transaction { sql in
            let pending = try await sql.raw(
                "SELECT version FROM register_versions WHERE reviewed_at IS NULL AND version IN (\(binds: versions))"
            ).all().map { try $0.decode(column: "version", as: Int64.self) }
            guard !pending.isEmpty else { return [] }
            try await sql.raw(
                "UPDATE register_versions SET reviewed_at = \(bind: Clock.nowMillis()) WHERE version IN (\(binds: pending))"
            ).run()
            try await self.audit(
                [
                    AuditEvent(
                        "sweep.review",
                        detail: "a dry run reported what the shorter rules of register version "
                            + pending.map(String.init).joined(separator: ", ") + " make expire")
                ], on: sql)
            return pending.sorted()
        }
    }
}
