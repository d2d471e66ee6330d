import Foundation
import GallraCore
import GallraServices
import Hummingbird

/// The incident register over HTTP: parses, calls the use case, answers; the same use cases as
/// `gallra incident`.
struct IncidentController: Sendable {
    typealias Context = GallraRequestContext
    let gallra: Gallra
    let selfService: SelfServiceSettings

    var routes: RouteCollection<Context> {
        let routes = RouteCollection(context: Context.self)
        routes.get(use: list)
        routes.post(use: create)
        routes.get(":id", use: show)
        routes.patch(":id", use: update)
        routes.post(":id/notification", use: notify)
        routes.post(":id/close", use: close)
        routes.post(":id/people", use: people)
        routes.get(":id/versions", use: versions)
        return routes
    }

    /// GET /api/v1/incident-register?format=csv|html[&lang=sv|en]: the register as documentation.
    var registerRoutes: RouteCollection<Context> {
        let routes = RouteCollection(context: Context.self)
        routes.get(use: register)
        return routes
    }

    /// GET /api/v1/incidents[?open=true]: by urgency, the nearest 72-hour deadline first.
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

    /// POST /api/v1/incidents/{id}/people: the Art. 34 decision, or when they were told another way.
    @Sendable func people(_ request: Request, context: Context) async throws -> JSONResponse {
        let id = try context.parameters.require("id")
        let party = try context.actingParty()
        let body = try await request.decodeStrictly(PeopleDecisionRequest.self)
        let calendar = try await gallra.calendar()
        let parsed = try body.parsed(in: calendar)
        var view: IncidentView?
        if let decision = parsed.decision {
            view = try await gallra.decidePeople(
                id, decision, exemption: parsed.exemption, reason: body.reason, settings: selfService, by: party)
        }
        if let told = parsed.told { view = try await gallra.recordPeopleTold(id, at: told, by: party) }
        if let view { return JSONResponse(Self.json(view, calendar)) }
        return JSONResponse(Self.json(try await gallra.incident(id, by: party), calendar))
    }

    /// GET /api/v1/incidents/{id}/versions: each version of the facts, the first first.
    @Sendable func versions(_ request: Request, context: Context) async throws -> JSONResponse {
        let view = try await gallra.incident(try context.parameters.require("id"), by: try context.actingParty())
        let calendar = try await gallra.calendar()
        return JSONResponse(
            .array(
                view.versions.map { version in
                    .object([
                        ("version", .number(version.number)), ("at", .string(calendar.rfc3339(version.at))),
                        ("actor", .string(version.actor)),
                        (
                            "changed",
                            .array(version.facts.changed(from: Self.earlier(version, in: view)).map(JSONText.string))
                        ),
                        ("facts", .object(Self.factsJSON(version.facts, calendar))),
                    ])
                }))
    }

    /// GET /api/v1/incident-register: the register as CSV or as a printable HTML document.
    @Sendable func register(_ request: Request, context: Context) async throws -> Response {
        let party = try context.actingParty()
        let language = try RequestController.language(request.uri.queryParameters.get("lang").map { String($0) })
        let format = request.uri.queryParameters.get("format").map { String($0) } ?? "html"
        guard format == "csv" || format == "html" else {
            throw GallraError.invalidInput("\"format\" is csv or html.")
        }
        let views = try await gallra.incidents(by: party)
        let vocabulary = try await gallra.incidentVocabulary(by: party)
        let calendar = try await gallra.calendar()
        if format == "csv" {
            return Response(
                status: .ok, headers: [.contentType: "text/csv; charset=utf-8", .cacheControl: "no-store"],
                body: .init(
                    byteBuffer: ByteBuffer(
                        string: IncidentRegisterDocument.csv(
                            views, vocabulary: vocabulary, calendar: calendar, language: language))))
        }
        return DocumentResponse.html(
            IncidentRegisterDocument.html(
                views, vocabulary: vocabulary, calendar: calendar, language: language, at: Date()),
            language: language)
    }

    static func earlier(_ version: IncidentVersion, in view: IncidentView) -> IncidentFacts? {
        view.versions.last { $0.number < version.number }?.facts
    }

    static func factsJSON(_ facts: IncidentFacts, _ calendar: ZonedCalendar) -> [(String, JSONText)] {
        [
            ("description", .string(facts.description)), ("discovered_how", .optional(facts.discoveredHow)),
            ("nature", .array(facts.nature.map { JSONText.string($0.rawValue) })),
            ("occurred", .optional(facts.occurred.map(calendar.rfc3339))),
            ("ended", .optional(facts.ended.map(calendar.rfc3339))),
            ("subject_categories", .array(facts.subjectCategories.map(JSONText.string))),
            ("data_categories", .array(facts.dataCategories.map(JSONText.string))),
            ("approximate_subjects", facts.approximateSubjects.map(JSONText.number) ?? .null),
            ("approximate_records", facts.approximateRecords.map(JSONText.number) ?? .null),
            ("consequences", .optional(facts.consequences)), ("measures", .optional(facts.measures)),
            ("contact_point", .optional(facts.contactPoint)), ("risk", .optional(facts.risk)),
            ("risk_reasoning", .optional(facts.riskReasoning)),
        ]
    }

    /// The incident's JSON (`Incident.jsonFields`, as the command line prints it) with the number
    /// of people linked (the API does not list who they are), what is still missing before it can
    /// be closed, and the messages to the people affected as the outbox rows record them.
    static func json(_ view: IncidentView, _ calendar: ZonedCalendar) -> JSONText {
        .object(
            view.incident.jsonFields(calendar, now: Date()) + [
                ("affected_subjects", .number(view.affected.count)),
                ("missing", .array(view.gaps.map { JSONText.string($0.rawValue) })),
                ("versions", .number(view.versions.count)),
                ("messages", .array(view.messages.map { messageJSON($0, calendar) })),
            ])
    }

    static func messageJSON(_ message: IncidentMessage, _ calendar: ZonedCalendar) -> JSONText {
        let (state, at): (String, Date) =
            switch message.mail.state {
            case .queued: ("queued", message.mail.queuedAt)
            case .sent(let at): ("sent", at)
            case .failed(let at): ("failed", at)
            }
        return .object([
            ("id", .string(message.mail.id)), ("subject", .string(message.subject)),
            ("language", .string(message.language.rawValue)), ("state", .string(state)),
            ("at", .string(calendar.rfc3339(at))),
        ])
    }
}
