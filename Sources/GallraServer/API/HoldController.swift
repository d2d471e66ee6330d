import Foundation
import GallraCore
import GallraServices
import Hummingbird

/// Legal holds (Art. 17(3)(e)) over HTTP: placed on a person, for one activity or all, released,
/// listed; the same use cases as `gallra hold`.
struct HoldController: Sendable {
    typealias Context = GallraRequestContext
    let gallra: Gallra

    func add(to api: RouterGroup<Context>) {
        api.get("holds", use: list)
        api.post("holds", use: place)
        api.get("holds/:id", use: show)
        api.post("holds/:id/release", use: release)
        api.get("subjects/:ref/holds", use: ofSubject)
    }

    struct PlaceBody: JSONBody {
        static let fields: Set<String> = ["subject", "activity", "reason", "until"]
        var subject: String
        var activity: String?
        var reason: String
        var until: String?
    }

    /// POST /api/v1/holds: 201 with the hold as its row holds it.
    @Sendable func place(_ request: Request, context: Context) async throws -> JSONResponse {
        let body = try await request.decodeStrictly(PlaceBody.self)
        let party = try context.actingParty()
        let calendar = try await gallra.calendar()
        let id = try await gallra.placeHold(
            subject: body.subject, activity: body.activity, reason: body.reason,
            until: try body.until.map { try calendar.instant($0, field: "until") }, by: party)
        return JSONResponse(Self.json(try await gallra.hold(id, by: party), calendar), status: .created)
    }

    /// POST /api/v1/holds/{id}/release: 200 with the hold as its row holds it, released.
    @Sendable func release(_ request: Request, context: Context) async throws -> JSONResponse {
        let id = try context.parameters.require("id")
        let party = try context.actingParty()
        try await gallra.releaseHold(id, by: party)
        return JSONResponse(Self.json(try await gallra.hold(id, by: party), try await gallra.calendar()))
    }

    /// GET /api/v1/holds/{id}: in force or released, with its reason.
    @Sendable func show(_ request: Request, context: Context) async throws -> JSONResponse {
        let hold = try await gallra.hold(try context.parameters.require("id"), by: try context.actingParty())
        return JSONResponse(Self.json(hold, try await gallra.calendar()))
    }

    /// GET /api/v1/holds: every hold in force (their reasons are read one by one, by id).
    @Sendable func list(_ request: Request, context: Context) async throws -> JSONResponse {
        let holds = try await gallra.holdsInForce(by: try context.actingParty())
        let calendar = try await gallra.calendar()
        return JSONResponse(.array(holds.map { Self.json($0, calendar) }))
    }

    /// GET /api/v1/subjects/{ref}/holds: the holds in force on a person.
    @Sendable func ofSubject(_ request: Request, context: Context) async throws -> JSONResponse {
        let holds = try await gallra.holds(
            subject: try context.parameters.require("ref"), by: try context.actingParty())
        let calendar = try await gallra.calendar()
        return JSONResponse(.array(holds.map { Self.json($0, calendar) }))
    }

    static func json(_ hold: LegalHold, _ calendar: ZonedCalendar) -> JSONText {
        let now = Date()
        return .object([
            ("id", .string(hold.id)), ("subject", .string(hold.subject)), ("activity", .optional(hold.activity)),
            ("until", .optional(hold.until.map(calendar.rfc3339))),
            ("released", .optional(hold.released.map(calendar.rfc3339))),
            ("in_force", .bool(hold.released == nil && (hold.until.map { $0 > now } ?? true))),
            ("reason", .optional(hold.reason)),
        ])
    }
}
