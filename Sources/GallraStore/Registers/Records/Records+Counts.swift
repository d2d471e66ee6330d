import Foundation
import GallraConnectors
import GallraCore
import GallraDatabase
import SQLKit

extension Records {
    /// How many records each of `activities` holds, and how many of them have expired at `now`
    /// (and wait for the sweep).
    public func counts(activities: [String], at now: Date) async throws -> [String: (held: Int, expired: Int)] {
        guard !activities.isEmpty else { return [:] }
        let rows = try await data.read.raw(
            """
            SELECT activity, COUNT(*) AS held,
                   SUM(CASE WHEN expires_at IS NOT NULL AND expires_at <= \(bind: now.millis) THEN 1 ELSE 0 END) AS expired
            FROM records WHERE \(data.read.member("activity", of: activities)) GROUP BY activity
            """
        ).all()
        var counts: [String: (held: Int, expired: Int)] = [:]
        for row in rows {
            counts[try row.decode(column: "activity", as: String.self)] = (
                try row.decode(column: "held", as: Int.self), try row.decode(column: "expired", as: Int?.self) ?? 0
            )
        }
        return counts
    }
}
