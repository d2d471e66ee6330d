import Foundation
import GallraCore
import GallraServices
import Hummingbird

/// The audit trail over HTTP: who did what, and with whose data.
struct AuditController: Sendable {
    typealias Context = GallraRequestContext
    let gallra: Gallra

    func add(to api: RouterGroup<Context>) {
        api.get("audit", use: list)
    }

    /// GET /api/v1/audit?subject=…&actor=…&action=…&activity=…&since=YYYY-MM-DD&until=YYYY-MM-DD&limit=…&offset=…:
    /// the entries, the newest first. `since` and `until` are the controller's local days, both
    /// included.
    @Sendable func list(_ request: Request, context: Context) async throws -> JSONResponse {
        let query = request.uri.queryParameters
        let calendar = try await gallra.calendar()
        let since = try Self.day(query.get("since"), field: "since").map { calendar.startOfDay($0) }
        let until = try Self.day(query.get("until"), field: "until").map { calendar.startOfDay($0.adding(days: 1)) }
        let limit = try Self.number(query.get("limit"), field: "limit") ?? 50
        let offset = try Self.number(query.get("offset"), field: "offset") ?? 0
        let lines = try await gallra.auditTrail(
            subject: query.get("subject").map { String($0) }, since: since, until: until,
            action: query.get("action").map { String($0) }, actor: query.get("actor").map { String($0) },
            activity: query.get("activity").map { String($0) }, limit: limit, offset: offset,
            by: try context.actingParty())
        return JSONResponse(.array(lines.map { Self.json($0, calendar) }))
    }

    static func json(_ line: AuditLine, _ calendar: ZonedCalendar) -> JSONText {
        .object([
            ("seq", .number(Int(line.seq))), ("at", .string(calendar.rfc3339(line.at))), ("actor", .string(line.actor)),
            ("action", .string(line.action)), ("subject", .optional(line.subject)),
            ("activity", .optional(line.activity)), ("detail", .string(line.detail)),
        ])
    }

    static func day(_ text: (some StringProtocol)?, field: String) throws -> CivilDate? {
        guard let text else { return nil }
        guard let day = CivilDate(iso: text) else {
            throw GallraError.invalidInput("\"\(field)\" is a date, YYYY-MM-DD.")
        }
        return day
    }

    static func number(_ text: (some StringProtocol)?, field: String) throws -> Int? {
        guard let text else { return nil }
        guard let number = Int(text), number >= 0 else {
            throw GallraError.invalidInput("\"\(field)\" is a whole number from 0.")
        }
        return number
    }
}
