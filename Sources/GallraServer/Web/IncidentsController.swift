import Foundation
import GallraCore
import GallraServices
import Hummingbird

/// The admin UI's incident register: personal data breaches from intake to closure (Art. 33–34),
/// by urgency, each on a page of its own with the forms for what is still to settle.
struct IncidentsController: Sendable {
    typealias Context = GallraRequestContext
    let gallra: Gallra
    let selfService: SelfServiceSettings

    func add(to admin: RouterGroup<Context>) {
        admin.get("incidents", use: incidents)
        admin.post("incidents", use: openIncident)
        admin.get("incident-register.csv", use: exportCSV)
        admin.get("incident-register.html", use: exportHTML)
        admin.get("incidents/:id", use: incident)
        admin.post("incidents/:id/facts", use: updateFacts)
        admin.post("incidents/:id/risk", use: assessRisk)
        admin.post("incidents/:id/notification", use: recordNotification)
        admin.post("incidents/:id/no-notification", use: recordNoNotification)
        admin.post("incidents/:id/people", use: decidePeople)
        admin.post("incidents/:id/told", use: recordTold)
        admin.post("incidents/:id/close", use: closeIncident)
    }

    @Sendable func incidents(_ request: Request, context: Context) async throws -> Response {
        try await listPage(context: context, error: nil)
    }

    private func listPage(context: Context, error: GallraError?) async throws -> Response {
        let words = Words(context.language)
        let calendar = try await gallra.calendar()
        let now = Date()
        let party = try context.person().party
        let views = try await gallra.incidents(by: party)
        let page = IncidentsPage(
            now: LocalTime.field(now, calendar), nature: IncidentPage.natureChoices([], words),
            incidents: views.map { view in
                var row = IncidentRow(view.incident, now: now, calendar: calendar, words: words)
                row.closed = view.incident.closed.map { AdminPage.moment($0, calendar) }
                row.risk = IncidentPage.riskName(view.incident.risk, words)
                return row
            },
            error: error?.message(in: words.language))
        return AdminPage.render(
            "incidents", title: words[.incidents], page, context, status: error?.httpStatus ?? .ok)
    }

    @Sendable func incident(_ request: Request, context: Context) async throws -> Response {
        try await incidentPage(try context.parameters.require("id"), context: context, error: nil)
    }

    private func incidentPage(_ id: String, context: Context, error: String?, status: HTTPResponse.Status = .ok)
        async throws -> Response
    {
        let words = Words(context.language)
        let party = try context.person().party
        let view = try await gallra.incident(id, by: party)
        let page = IncidentPage(
            view, vocabulary: try await gallra.incidentVocabulary(by: party), calendar: try await gallra.calendar(),
            now: Date(), words: words, language: context.language, error: error)
        return AdminPage.render("incident", title: view.incident.description, page, context, status: status)
    }

    /// POST /admin/incidents: registers an incident with what is known; its 72-hour clock runs
    /// from `aware`.
    @Sendable func openIncident(_ request: Request, context: Context) async throws -> Response {
        let form = try await context.form(request)
        do {
            let calendar = try await gallra.calendar()
            let aware = try LocalTime.parse(form["aware"] ?? "", field: "aware", calendar)
            let view = try await gallra.openIncident(
                aware: aware, description: Self.text(form, "description"),
                IncidentChange(discoveredHow: Self.text(form, "discovered_how"), nature: Self.nature(form)),
                by: try context.person().party)
            return Response.redirect(to: "/admin/incidents/\(view.incident.id)", type: .normal)
        } catch let error as GallraError {
            return try await listPage(context: context, error: error)
        }
    }

    /// POST /admin/incidents/{id}/facts: the Art. 33(3) description as it becomes known, and the
    /// people affected linked.
    @Sendable func updateFacts(_ request: Request, context: Context) async throws -> Response {
        let id = try context.parameters.require("id")
        let form = try await context.form(request)
        return try await changing(id, context: context) {
            let calendar = try await gallra.calendar()
            func instant(_ name: String) throws -> Date? {
                try Self.text(form, name).map { try LocalTime.parse($0, field: name, calendar) }
            }
            func count(_ name: String) throws -> Int? {
                guard let text = Self.text(form, name) else { return nil }
                guard let value = Int(text), value >= 0 else {
                    throw GallraError.invalidInput(
                        ErrorReason(
                            sv: "\"\(name)\" är ett heltal från 0.", en: "\"\(name)\" is a whole number from 0."))
                }
                return value
            }
            let vocabulary = try await gallra.incidentVocabulary(by: try context.person().party)
            let change = IncidentChange(
                occurred: try instant("occurred"), ended: try instant("ended"),
                description: Self.text(form, "description"), discoveredHow: form["discovered_how"] ?? "",
                nature: Self.nature(form),
                subjectCategories: vocabulary.subjectCategories.map(\.id).filter { form["subjects.\($0)"] == "yes" },
                dataCategories: vocabulary.dataCategories.map(\.id).filter { form["data.\($0)"] == "yes" },
                approximateSubjects: try count("approximate_subjects"),
                approximateRecords: try count("approximate_records"), consequences: form["consequences"] ?? "",
                measures: form["measures"] ?? "", contactPoint: form["contact_point"] ?? "")
            let affected = (form["affected"] ?? "").split(whereSeparator: \.isNewline).map {
                $0.trimmingCharacters(in: .whitespaces)
            }.filter { !$0.isEmpty }
            _ = try await gallra.updateIncident(id, change, affected: affected, by: try context.person().party)
        }
    }

    /// POST /admin/incidents/{id}/risk: none, risk or high, with the reasoning.
    @Sendable func assessRisk(_ request: Request, context: Context) async throws -> Response {
        let id = try context.parameters.require("id")
        let form = try await context.form(request)
        return try await changing(id, context: context) {
            guard let risk = form["risk"].flatMap(Incident.Risk.init(rawValue:)) else {
                throw GallraError.invalidInput(
                    ErrorReason(sv: "Välj risk: ingen, risk eller hög.", en: "Choose the risk: none, risk or high."))
            }
            guard let reasoning = Self.text(form, "risk_reasoning") else {
                throw GallraError.invalidInput(
                    ErrorReason(
                        sv: "Ange resonemanget bakom riskbedömningen.", en: "Give the reasoning of the risk assessment."
                    ))
            }
            _ = try await gallra.updateIncident(
                id, IncidentChange(risk: risk, riskReasoning: reasoning), by: try context.person().party)
        }
    }

    /// POST /admin/incidents/{id}/notification: when IMY was notified (with the reasons when late).
    @Sendable func recordNotification(_ request: Request, context: Context) async throws -> Response {
        let id = try context.parameters.require("id")
        let form = try await context.form(request)
        return try await changing(id, context: context) {
            let notified = try LocalTime.parse(form["imy"] ?? "", field: "imy", try await gallra.calendar())
            _ = try await gallra.recordNotification(
                id,
                IncidentNotification(
                    authorityNotified: notified, reference: Self.text(form, "reference"),
                    delayReasons: Self.text(form, "delay_reasons")),
                by: try context.person().party)
        }
    }

    /// POST /admin/incidents/{id}/no-notification: why IMY is not notified (Art. 33(5)).
    @Sendable func recordNoNotification(_ request: Request, context: Context) async throws -> Response {
        let id = try context.parameters.require("id")
        let form = try await context.form(request)
        return try await changing(id, context: context) {
            _ = try await gallra.recordNotification(
                id, IncidentNotification(noNotificationReason: form["reason"] ?? ""), by: try context.person().party)
        }
    }

    /// POST /admin/incidents/{id}/people: the Art. 34 decision; telling them queues the messages.
    @Sendable func decidePeople(_ request: Request, context: Context) async throws -> Response {
        let id = try context.parameters.require("id")
        let form = try await context.form(request)
        return try await changing(id, context: context) {
            guard let decision = form["decision"].flatMap(Incident.PeopleDecision.init(rawValue:)) else {
                throw GallraError.invalidInput(
                    ErrorReason(
                        sv: "Välj om de berörda ska informeras.", en: "Choose whether the people affected are told."))
            }
            _ = try await gallra.decidePeople(
                id, decision, exemption: form["exemption"].flatMap(Incident.Exemption.init(rawValue:)),
                reason: Self.text(form, "reason"), settings: selfService, by: try context.person().party)
        }
    }

    /// POST /admin/incidents/{id}/told: the people told another way, and when.
    @Sendable func recordTold(_ request: Request, context: Context) async throws -> Response {
        let id = try context.parameters.require("id")
        let form = try await context.form(request)
        return try await changing(id, context: context) {
            let told = try LocalTime.parse(form["told"] ?? "", field: "told", try await gallra.calendar())
            _ = try await gallra.recordPeopleTold(id, at: told, by: try context.person().party)
        }
    }

    /// POST /admin/incidents/{id}/close: refused, in words, while a duty is unsettled.
    @Sendable func closeIncident(_ request: Request, context: Context) async throws -> Response {
        let id = try context.parameters.require("id")
        _ = try await context.form(request)
        let party = try context.person().party
        let gaps = try await gallra.incident(id, by: party).gaps
        guard gaps.isEmpty else {
            let words = Words(context.language)
            let missing = gaps.map { words[IncidentPage.gapWord($0)] }.joined(separator: "; ")
            return try await incidentPage(
                id, context: context, error: "\(words[.incidentCloseRefused]) \(missing).", status: .conflict)
        }
        return try await changing(id, context: context) { _ = try await gallra.closeIncident(id, by: party) }
    }

    /// Runs a change to an incident, then shows it (after a redirect), or the refusal on its page.
    private func changing(_ id: String, context: Context, _ change: () async throws -> Void) async throws -> Response {
        do {
            try await change()
            return Response.redirect(to: "/admin/incidents/\(id)", type: .normal)
        } catch let error as GallraError {
            if case .notFound = error { throw error }
            return try await incidentPage(
                id, context: context, error: error.message(in: context.language), status: error.httpStatus)
        }
    }

    /// A field's text, trimmed; nil when empty.
    static func text(_ form: [String: String], _ name: String) -> String? {
        let value = (form[name] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        return value.isEmpty ? nil : value
    }

    static func nature(_ form: [String: String]) -> [Incident.Nature] {
        Incident.Nature.allCases.filter { form["nature.\($0.rawValue)"] == "yes" }
    }
}

/// An incident in a list (the overview, the incidents page), with its clock to notify IMY.
struct IncidentRow: Encodable, Sendable {
    let id: String
    let description: String
    let aware: String
    /// "Notify IMY by … (9 hours left)", "… (overdue by 9 hours)", or "notified".
    let clock: String
    let late: Bool
    /// On the incidents page only.
    var closed: String?
    var risk: String?

    init(_ incident: Incident, now: Date, calendar: ZonedCalendar, words: Words) {
        id = incident.id
        description = incident.description
        aware = AdminPage.moment(incident.aware, calendar)
        clock =
            incident.awaitsNotification
            ? "\(words[.notifyBy]) \(AdminPage.moment(incident.notificationDue, calendar)) (\(words.hoursLeft(incident.hoursLeft(at: now))))"
            : words[.notified]
        late = incident.awaitsNotification && incident.isLate(now)
    }
}

extension Words {
    /// "9 hours left", "1 hour left", "overdue by 9 hours" (the 72-hour clock, Art. 33(1)).
    func hoursLeft(_ hours: Int) -> String {
        let count = abs(hours)
        if hours < 0 { return "\(self[.overdueBy]) \(count) \(count == 1 ? self[.hour] : self[.hours])" }
        return "\(hours) \(hours == 1 ? self[.hourLeft] : self[.hoursLeft])"
    }
}

/// The incidents page (`incidents.mustache`).
struct IncidentsPage: Encodable, Sendable {
    let navIncidents = true
    /// The form's default moment of awareness.
    let now: String
    let nature: [IncidentPage.Choice]
    let incidents: [IncidentRow]
    var error: String?
}
