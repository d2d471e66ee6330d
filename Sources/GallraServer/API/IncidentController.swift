import Foundation
import GallraCore
import GallraStore
import Hummingbird

/// The incident register over HTTP: the same operations as `gallra incident`.
struct IncidentController<Context: RequestContext>: Sendable {
    let store: Store

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

    /// GET /api/incidents[?open=true]: the newest first.
    @Sendable func list(_ request: Request, context: Context) async throws -> [IncidentResponse] {
        let openOnly = request.uri.queryParameters.get("open") == "true"
        let calendar = try await store.calendar()
        var result: [IncidentResponse] = []
        for incident in try await store.incidents(openOnly: openOnly) {
            result.append(try await response(incident, calendar))
        }
        return result
    }

    /// POST /api/incidents: `aware` defaults to now; `description` is required.
    @Sendable func create(_ request: Request, context: Context) async throws -> EditedResponse<IncidentResponse> {
        let body = try await request.decode(as: IncidentFactsRequest.self, context: context)
        let calendar = try await store.calendar()
        guard let description = body.description else {
            throw HTTPError(.unprocessableContent, message: "Say what happened: \"description\".")
        }
        let aware = try body.aware.map { try instant($0, "aware", calendar) } ?? Date()
        let id = try await store.openIncident(aware: aware, description: description, try body.change(in: calendar))
        if let affected = body.affected, !affected.isEmpty { try await store.linkAffected(id, subjects: affected) }
        return EditedResponse(status: .created, response: try await response(try await store.incident(id), calendar))
    }

    @Sendable func show(_ request: Request, context: Context) async throws -> IncidentResponse {
        let calendar = try await store.calendar()
        return try await response(try await store.incident(try context.parameters.require("id")), calendar)
    }

    @Sendable func update(_ request: Request, context: Context) async throws -> IncidentResponse {
        let id = try context.parameters.require("id")
        let body = try await request.decode(as: IncidentFactsRequest.self, context: context)
        let calendar = try await store.calendar()
        try await store.updateIncident(id, try body.change(in: calendar))
        if let affected = body.affected, !affected.isEmpty { try await store.linkAffected(id, subjects: affected) }
        return try await response(try await store.incident(id), calendar)
    }

    @Sendable func notify(_ request: Request, context: Context) async throws -> IncidentResponse {
        let id = try context.parameters.require("id")
        let body = try await request.decode(as: NotificationRequest.self, context: context)
        let calendar = try await store.calendar()
        if let imy = body.imy {
            try await store.notifyAuthority(
                id, at: try instant(imy, "imy", calendar), reference: body.reference, delayReasons: body.delayReasons)
        }
        if let reason = body.noImyReason { try await store.recordNoNotification(id, reason: reason) }
        if let informed = body.subjectsInformed {
            try await store.informSubjects(id, at: try instant(informed, "subjects_informed", calendar))
        }
        if let exemption = body.exemption {
            guard let value = Incident.Exemption(rawValue: exemption) else {
                throw HTTPError(.unprocessableContent, message: "\"exemption\" is a, b or c (Art. 34(3)).")
            }
            try await store.exemptFromInforming(id, value, reason: body.exemptionReason ?? "")
        }
        return try await response(try await store.incident(id), calendar)
    }

    @Sendable func close(_ request: Request, context: Context) async throws -> IncidentResponse {
        let id = try context.parameters.require("id")
        try await store.closeIncident(id)
        return try await response(try await store.incident(id), try await store.calendar())
    }

    private func response(_ incident: Incident, _ calendar: ZonedCalendar) async throws -> IncidentResponse {
        IncidentResponse(
            incident, affected: try await store.affectedSubjects(incident.id).count, calendar: calendar, now: Date())
    }
}
