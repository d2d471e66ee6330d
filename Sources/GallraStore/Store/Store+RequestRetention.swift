import Foundation
import GallraCore
import SQLKit

extension Store {
    /// Completed requests whose retention (the rule of the activity that keeps the requests) has
    /// expired at `now` go, with what was recorded for them; with `dryRun`, they are only counted.
    func removeExpiredRequests(at now: Int64, dryRun: Bool) async throws -> Int {
        let expired = try await data.sql.raw(
            """
            SELECT id, subject_id FROM requests WHERE expires_at <= \(bind: now)
            AND status = \(bind: RequestStatus.completed.rawValue) ORDER BY expires_at, id
            """
        ).all().map {
            (try $0.decode(column: "id", as: String.self), try $0.decode(column: "subject_id", as: String.self))
        }
        if dryRun || expired.isEmpty { return expired.count }
        for chunk in expired.chunked(into: 1_000) {
            let ids = chunk.map(\.0)
            try await data.transaction { sql in
                for table in ["request_grounds", "request_corrections"] {
                    try await sql.delete(from: table).where("request_id", .in, ids).run()
                }
                try await sql.delete(from: "requests").where("id", .in, ids).run()
                try await self.audit(
                    chunk.map {
                        AuditEvent("request.erase", subject: $0.1, detail: "request \($0.0): retention expired")
                    },
                    on: sql)
            }
        }
        return expired.count
    }
}
