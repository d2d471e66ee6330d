import Foundation
import GallraCore
import GallraServices
import Hummingbird

/// The incident register over HTTP: parses, calls the use case, answers; the same use cases as
/// `gallra incident`.
struct IncidentController: Sendable {
    typealias Context = GallraRequestContext
    let gallra: Gallra

    var routes: RouteCollection<Context> {
        let routes = RouteCollection(context: Context.self)
        routes.get(use: list)
        routes.post(use: create)
        routes.get(":id", use: show)
        routes.patch(":id", use: update)
        routes.post(":id/notification", use: notify)
        routes.post(":id/close", use: close)
        return routes
    }

    /// GET /api/v1/incidents[?open=true]: the newest first.
    @Sendable func list(_ request: Request, context: Context) async throws -> JSONResponse {
        let party = try context.actingParty()
        let openOnly = request.uri.queryParameters.get("open") == "true"
        let calendar = try await gallra.calendar()
        let views = try await gallra.incidents(openOnly: openOnly, by: party)
        return JSONResponse(.array(views.map { Self.json($0, calendar) }))
    }

    /// POST /api/v1/incidents: `aware` defaults to now; `description` is required.
    @Sendable func create(_ request: Request, context: Context) async throws -> JSONResponse {
        let party = try context.actingParty()
        let body = try await request.decodeStrictly(IncidentFactsRequest.self)
        let calendar = try await gallra.calendar()
        let opened = try await gallra.openIncident(
            aware: try body.aware.map { try calendar.instant($0, field: "aware") } ?? Date(),
            description: body.description, try body.change(in: calendar), affected: body.affected ?? [], by: party)
        return JSONResponse(Self.json(opened, calendar), status: .created)
    }

    @Sendable func show(_ request: Request, context: Context) async throws -> JSONResponse {
        let view = try await gallra.incident(try context.parameters.require("id"), by: try context.actingParty())
        return JSONResponse(Self.json(view, try await gallra.calendar()))
    }

    @Sendable func update(_ request: Request, context: Context) async throws -> JSONResponse {
        let id = try context.parameters.require("id")
        let body = try await request.decodeStrictly(IncidentFactsRequest.self)
        let calendar = try await gallra.calendar()
        try body.refuseAware(in: calendar)
        let view = try await gallra.updateIncident(
            id, try body.change(in: calendar), affected: body.affected ?? [], by: try context.actingParty())
        return JSONResponse(Self.json(view, calendar))
    }

    @Sendable func notify(_ request: Request, context: Context) async throws -> JSONResponse {
        let id = try context.parameters.require("id")
        let body = try await request.decodeStrictly(NotificationRequest.self)
        let calendar = try await gallra.calendar()
        let view = try await gallra.recordNotification(
            id, try body.notification(in: calendar), by: try context.actingParty())
        return JSONResponse(Self.json(view, calendar))
    }

    @Sendable func close(_ request: Request, context: Context) async throws -> JSONResponse {
        let view = try await gallra.closeIncident(try context.parameters.require("id"), by: try context.actingParty())
        return JSONResponse(Self.json(view, try await gallra.calendar()))
    }

    /// The incident's JSON (`Incident.jsonFields`, as the command line prints it) with the number
    /// of people linked: the API does not list who they are.
    static func json(_ view: IncidentView, _ calendar: ZonedCalendar) -> JSONText {
        .object(view.incident.jsonFields(calendar, now: Date()) + [("affected_subjects", .number(view.affected.count))])
    }
}
