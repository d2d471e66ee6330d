import Foundation
import GallraConnectors
import GallraCore
import GallraDatabase
import SQLKit

extension RetentionSweep {
    public func forecast(from now: Date, days: Int) async throws -> Forecast {
        let calendar = try await calendar()
        let end = calendar.adding(days: days, to: now)
        var forecast = Forecast(from: now, days: days)
        var counts: [String: Int] = [:]
        var keys: [(CivilDate, String)] = []
        // Held as the sweep judges it (see `SweepCandidates.kept`).
        let rows = try await data.read.raw(
            """
            SELECT r.activity, r.expires_at,
                CASE WHEN \(unsafeRaw: SweepCandidates.kept(record: "r", at: now.millis)) THEN 1 ELSE 0 END AS held
            FROM records r WHERE r.expires_at IS NOT NULL AND r.expires_at <= \(bind: end.millis)
            """
        ).all()
        for row in rows {
            let activity = try row.decode(column: "activity", as: String.self)
            let expires = Date(millis: try row.decode(column: "expires_at", as: Int64.self))
            if try row.decode(column: "held", as: Int.self) == 1 {
                forecast.held += 1
            } else if expires <= now {
                forecast.overdue += 1
            } else {
                let day = calendar.localDate(of: expires)
                let key = "\(day) \(activity)"
                if counts[key] == nil { keys.append((day, activity)) }
                counts[key, default: 0] += 1
            }
        }
        forecast.expiring = keys.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.map {
            Forecast.Day(date: $0.0, activity: $0.1, records: counts["\($0.0) \($0.1)"] ?? 0)
        }
        forecast.waiting = try await data.read.raw(
            "SELECT waiting_for, COUNT(*) AS n FROM records WHERE expires_at IS NULL GROUP BY waiting_for ORDER BY n DESC"
        ).all().map {
            (
                (try $0.decode(column: "waiting_for", as: String?.self) ?? "").replacingOccurrences(
                    of: ",", with: ", "),
                try $0.decode(column: "n", as: Int.self)
            )
        }
        return forecast
    }
}
