import Foundation
import GallraConnectors
import GallraCore
import GallraDatabase
import SQLKit

extension RetentionSweep {
    /// Completed requests and closed incidents whose retention (the rule of the activity that keeps
    /// them) has expired at `now` go, with what was recorded for them; with `dryRun`, they are only
    /// counted.
    func removeExpiredEntries(of register: OwnRegister, at now: Int64, dryRun: Bool) async throws -> Int {
        let (table, children, action): (SQLName, [(String, String)], String) =
            switch register {
            case .requests:
                (
                    SQLName(trusted: "requests"),
                    [
                        ("request_grounds", "request_id"), ("request_corrections", "request_id"),
                        ("request_connected_corrections", "request_id"),
                    ],
                    "request.erase"
                )
            case .incidents:
                (
                    SQLName(trusted: "incidents"),
                    [
                        ("incident_subjects", "incident_id"), ("incident_versions", "incident_id"),
                        ("incident_messages", "incident_id"),
                    ],
                    "incident.erase"
                )
            }
        let expired = try await data.read.raw(
            "SELECT id FROM \(name: table) WHERE expires_at <= \(bind: now) ORDER BY expires_at, id"
        ).all().map { try $0.decode(column: "id", as: String.self) }
        if dryRun || expired.isEmpty { return expired.count }
        for chunk in expired.chunked(into: 1_000) {
            let ids = Array(chunk)
            try await data.transaction { sql in
                for (child, column) in children { try await sql.delete(from: child).where(column, .in, ids).run() }
                try await sql.delete(from: table).where("id", .in, ids).run()
                try await self.audit(
                    ids.map { AuditEvent(action, detail: "\(table.name.dropLast()) \($0): retention expired") }, on: sql
                )
            }
        }
        return expired.count
    }
}
