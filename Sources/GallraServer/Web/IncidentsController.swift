import Foundation
import GallraCore
import GallraServices
import Hummingbird

/// The admin UI's incident register: personal data breaches and their 72-hour clock to notify
/// IMY (Art. 33).
struct IncidentsController: Sendable {
    typealias Context = GallraRequestContext
    let gallra: Gallra

    func add(to admin: RouterGroup<Context>) {
        admin.get("incidents", use: incidents)
        admin.post("incidents", use: openIncident)
        admin.post("incidents/:id/notification", use: recordNotification)
        admin.post("incidents/:id/close", use: closeIncident)
    }

    @Sendable func incidents(_ request: Request, context: Context) async throws -> Response {
        try await incidentsPage(context: context, error: nil)
    }

    private func incidentsPage(context: Context, error: GallraError?) async throws -> Response {
        let words = Words(context.language)
        let calendar = try await gallra.calendar()
        let now = Date()
        let views = try await gallra.incidents(by: try context.person().party)
        let page = IncidentsPage(
            now: LocalTime.field(now, calendar),
            incidents: views.map { view in
                var row = IncidentRow(view.incident, now: now, calendar: calendar, words: words)
                row.awaits = view.incident.awaitsNotification
                row.closed = view.incident.closed.map { AdminPage.moment($0, calendar) }
                return row
            },
            error: error?.description)
        return AdminPage.render(
            "incidents", title: words[.incidents], page, context, status: error?.httpStatus ?? .ok)
    }

    /// POST /admin/incidents: registers an incident; its 72-hour clock runs from `aware`.
    @Sendable func openIncident(_ request: Request, context: Context) async throws -> Response {
        let form = try await context.form(request)
        return try await changingIncidents(context: context) {
            let aware = try LocalTime.parse(form["aware"] ?? "", field: "aware", try await gallra.calendar())
            let view = try await gallra.openIncident(
                aware: aware, description: form["description"], by: try context.person().party)
            return view.incident.id
        }
    }

    /// POST /admin/incidents/{id}/notification: when IMY was notified (with the reasons when late).
    @Sendable func recordNotification(_ request: Request, context: Context) async throws -> Response {
        let id = try context.parameters.require("id")
        let form = try await context.form(request)
        return try await changingIncidents(context: context) {
            let notified = try LocalTime.parse(form["imy"] ?? "", field: "imy", try await gallra.calendar())
            func text(_ name: String) -> String? {
                let value = (form[name] ?? "").trimmingCharacters(in: .whitespaces)
                return value.isEmpty ? nil : value
            }
            _ = try await gallra.recordNotification(
                id,
                IncidentNotification(
                    authorityNotified: notified, reference: text("reference"), delayReasons: text("delay_reasons")),
                by: try context.person().party)
            return id
        }
    }

    /// POST /admin/incidents/{id}/close.
    @Sendable func closeIncident(_ request: Request, context: Context) async throws -> Response {
        let id = try context.parameters.require("id")
        _ = try await context.form(request)
        return try await changingIncidents(context: context) {
            _ = try await gallra.closeIncident(id, by: try context.person().party)
            return id
        }
    }

    /// Runs a change to the incident register, then shows it (after a redirect), or the refusal.
    private func changingIncidents(context: Context, _ change: () async throws -> String) async throws -> Response {
        do {
            let id = try await change()
            return Response.redirect(to: "/admin/incidents#\(id)", type: .normal)
        } catch let error as GallraError {
            return try await incidentsPage(context: context, error: error)
        }
    }
}

/// An incident in a list (the overview, the incidents page), with its clock to notify IMY.
struct IncidentRow: Encodable, Sendable {
    let id: String
    let description: String
    let aware: String
    /// "Notify IMY by … (N hours left)", or "notified".
    let clock: String
    let late: Bool
    /// On the incidents page only.
    var awaits: Bool?
    var closed: String?

    init(_ incident: Incident, now: Date, calendar: ZonedCalendar, words: Words) {
        let hours = Int(incident.timeLeft(at: now) / 3_600)
        id = incident.id
        description = incident.description
        aware = AdminPage.moment(incident.aware, calendar)
        clock =
            incident.awaitsNotification
            ? "\(words[.notifyBy]) \(AdminPage.moment(incident.notificationDue, calendar)) (\(hours) \(words[.hoursLeft]))"
            : words[.notified]
        late = incident.awaitsNotification && incident.isLate(now)
    }
}

/// The incidents page (`incidents.mustache`).
struct IncidentsPage: Encodable, Sendable {
    let navIncidents = true
    /// The form's default moment of awareness.
    let now: String
    let incidents: [IncidentRow]
    var error: String?
}
