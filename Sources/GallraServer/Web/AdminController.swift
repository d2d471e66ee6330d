import Foundation
import GallraCore
import GallraServices
import Hummingbird

/// The admin UI's pages: each parses, calls the use cases as the person signed in, and renders.
/// What a role may not see is left out of the overview and refused on its own page.
struct AdminController: Sendable {
    typealias Context = GallraRequestContext
    let gallra: Gallra
    /// Where a copy for a person who asked on the public pages is sent from.
    let selfService: SelfServiceSettings

    func add(to admin: RouterGroup<Context>) {
        admin.get("", use: dashboard)
        admin.get("subjects", use: subjects)
        admin.post("subjects/:id/holds", use: placeHold)
        admin.post("holds/:id/release", use: releaseHold)
        admin.get("requests", use: requests)
        admin.post("requests", use: openRequest)
        admin.get("requests/:id", use: request)
        admin.get("requests/:id/report", use: report)
        admin.post("requests/:id/verify", use: verify)
        admin.post("requests/:id/extend", use: extend)
        admin.post("requests/:id/complete", use: complete)
        admin.post("requests/:id/tasks/:system/done", use: taskDone)
        admin.get("incidents", use: incidents)
        admin.post("incidents", use: openIncident)
        admin.post("incidents/:id/notification", use: recordNotification)
        admin.post("incidents/:id/close", use: closeIncident)
        admin.get("register", use: register)
        admin.post("register/review", use: reviewRegister)
        admin.post("register/import", use: importRegister)
        admin.post("register/apply", use: applyRegister)
    }

    // MARK: - Overview

    @Sendable func dashboard(_ request: Request, context: Context) async throws -> Response {
        let party = try context.person().party
        let words = UIText.words(context.language)
        let calendar = try await gallra.calendar()
        let now = Date()
        let today = calendar.localDate(of: now)
        var values: [String: Any] = ["navDashboard": true]
        if let due = try await allowed({ try await gallra.pendingRequests(on: today, dueWithin: 7, by: party) }) {
            values["requests"] = due.map { requestRow($0, today: today, words: words) }
            values["hasRequests"] = !due.isEmpty
        }
        if let open = try await allowed({ try await gallra.incidents(openOnly: true, by: party) }) {
            values["incidents"] = open.map { incidentRow($0.incident, now: now, calendar: calendar, words: words) }
        }
        if let forecast = try await allowed({ try await gallra.forecast(from: now, days: 30, by: party) }) {
            var byActivity: [String: Int] = [:]
            for day in forecast.expiring { byActivity[day.activity, default: 0] += day.records }
            let names = try await allowed({ try await gallra.register(by: party).register })
            values["expiring"] = byActivity.sorted { $0.key < $1.key }.map { activity, records in
                [
                    "activity": names?.activity(activity)?.name[context.language] ?? activity,
                    "records": records,
                ] as [String: Any]
            }
            values["waiting"] = forecast.waiting.map { ["events": $0.events, "records": $0.records] as [String: Any] }
            values["hasWaiting"] = !forecast.waiting.isEmpty
        }
        if let register = try await allowed({ try await gallra.register(by: party).register }) {
            values["agreements"] = register.agreementWarnings(on: today)
        }
        if let mail = try await allowed({ try await gallra.outboxDepth(by: party) }),
            mail.failed > 0 || mail.waiting > 0
        {
            values["mail"] =
                "\(mail.waiting) \(words["mail_waiting"] ?? ""), \(mail.failed) \(words["mail_failed"] ?? "")"
            values["mailFailed"] = mail.failed > 0
        }
        if let audit = try await allowed({ try await gallra.verifyAudit(by: party) }) {
            switch audit {
            case .intact(let entries):
                values["audit"] = "\(words["audit_intact"] ?? ""), \(entries) \(words["entries"] ?? "")"
                values["auditIntact"] = true
            case .broken(let seq, let reason):
                values["audit"] = "\(words["audit_broken"] ?? ""): #\(seq) \(reason)"
            }
        }
        return page("dashboard", words["dashboard"], values, context)
    }

    // MARK: - Subjects

    @Sendable func subjects(_ request: Request, context: Context) async throws -> Response {
        let words = UIText.words(context.language)
        var values: [String: Any] = ["navSubjects": true]
        guard let query = request.uri.queryParameters.get("q").map({ String($0) }), !query.isEmpty else {
            return page("subjects", words["nav_subjects"], values, context)
        }
        values["query"] = query
        do {
            let party = try context.person().party
            let export = try await gallra.exportSubject(query, by: party)
            var subject = subjectView(export, context.language)
            let calendar = export.calendar
            subject["consents"] = try await gallra.consents(subject: export.subject, by: party).map { consent in
                [
                    "activity": export.register.activity(consent.activity)?.name[context.language] ?? consent.activity,
                    "wording": consent.wordingVersion, "given": Self.moment(consent.given, calendar),
                    "state": consent.withdrawn.map { "\(words["withdrawn"] ?? "") \(Self.moment($0, calendar))" }
                        ?? words["in_force"] ?? "",
                ]
            }
            subject["hasConsents"] = !((subject["consents"] as? [[String: String]]) ?? []).isEmpty
            if let holds = try await allowed({ try await gallra.holds(subject: export.subject, by: party) }) {
                subject["mayHold"] = true
                subject["subjectID"] = export.subject
                subject["holds"] = holds.map { hold in
                    [
                        "id": hold.id,
                        "activity": hold.activity.flatMap { export.register.activity($0)?.name[context.language] }
                            ?? words["all_activities"] ?? "",
                        "until": hold.until.map { Self.moment($0, calendar) } ?? words["until_released"] ?? "",
                    ]
                }
                subject["activityChoices"] = export.register.activities.map {
                    ["id": $0.id, "name": $0.name[context.language]]
                }
            }
            values["subject"] = subject
            return page("subjects", words["nav_subjects"], values, context)
        } catch let error as GallraError {
            values["error"] = error.description
            return page("subjects", words["nav_subjects"], values, context, status: error.httpStatus)
        } catch let error as IdentifierError {
            values["error"] = error.description
            return page("subjects", words["nav_subjects"], values, context, status: .unprocessableContent)
        }
    }

    /// POST /admin/subjects/{id}/holds: a legal hold (Art. 17(3)(e)) on one activity or all.
    @Sendable func placeHold(_ request: Request, context: Context) async throws -> Response {
        let id = try context.parameters.require("id")
        let form = try await context.form(request)
        let activity = (form["activity"] ?? "").isEmpty ? nil : form["activity"]
        _ = try await gallra.placeHold(
            subject: id, activity: activity, reason: form["reason"] ?? "", until: nil, by: try context.person().party)
        return Response.redirect(to: "/admin/subjects?q=\(id)", type: .normal)
    }

    /// POST /admin/holds/{id}/release.
    @Sendable func releaseHold(_ request: Request, context: Context) async throws -> Response {
        let form = try await context.form(request)
        try await gallra.releaseHold(try context.parameters.require("id"), by: try context.person().party)
        return Response.redirect(to: "/admin/subjects?q=\(form["subject"] ?? "")", type: .normal)
    }

    private func subjectView(_ export: SubjectExport, _ language: Language) -> [String: Any] {
        let calendar = export.calendar
        return [
            "id": export.subject, "name": export.name ?? export.subject,
            "identifiers": export.identifiers.map { ["kind": $0.kind, "value": $0.value] },
            "activities": export.activities.map { activity in
                [
                    "id": activity.id, "name": activity.name[language],
                    "basis": activity.legalBasis.map(\.article).joined(separator: ", "),
                    "retention": activity.retention.wording(language, declaredEvents: export.register.events),
                    "records": export.records(of: activity.id).map { record in
                        [
                            "category": export.register.category(record.category)?.name[language]
                                ?? record.category,
                            "value": record.value, "collected": "\(calendar.localDate(of: record.collected))",
                            "expires": record.expires.map { "\(calendar.localDate(of: $0))" }
                                ?? record.waitingFor.joined(separator: ", "),
                        ]
                    },
                ] as [String: Any]
            },
        ]
    }

    // MARK: - Requests

    @Sendable func requests(_ request: Request, context: Context) async throws -> Response {
        try await requestsPage(context: context, error: nil)
    }

    private func requestsPage(context: Context, error: GallraError?) async throws -> Response {
        let words = UIText.words(context.language)
        let today = try await gallra.calendar().localDate(of: Date())
        let pending = try await gallra.pendingRequests(on: today, by: try context.person().party)
        var values: [String: Any] = [
            "navRequests": true, "hasRequests": !pending.isEmpty, "today": today.description,
            "requests": pending.map { requestRow($0, today: today, words: words) },
            "kinds": RequestKind.allCases.map {
                ["value": $0.rawValue, "label": UIText.word("kind", $0.rawValue, words)]
            },
            "channels": RequestChannel.allCases.map(\.rawValue),
        ]
        if let error { values["error"] = error.description }
        return page("requests", words["requests"], values, context, status: error?.httpStatus ?? .ok)
    }

    /// POST /admin/requests: registers a request, then shows it.
    @Sendable func openRequest(_ request: Request, context: Context) async throws -> Response {
        let form = try await context.form(request)
        do {
            guard let kind = RequestKind(rawValue: form["kind"] ?? "") else {
                throw GallraError.invalidInput("Choose what the person asks for.")
            }
            let received = try (form["received"]).flatMap { $0.isEmpty ? nil : $0 }.map { text in
                guard let day = CivilDate(iso: text) else {
                    throw GallraError.invalidInput("The day received is a date.")
                }
                return day
            }
            let verified = (form["verified"] ?? "").trimmingCharacters(in: .whitespaces)
            let id = try await gallra.openRequest(
                kind, subject: form["subject"] ?? "", received: received, channel: form["channel"] ?? "email",
                verifiedHow: verified.isEmpty ? nil : verified, by: try context.person().party)
            return Response.redirect(to: "/admin/requests/\(id)", type: .normal)
        } catch let error as GallraError {
            return try await requestsPage(context: context, error: error)
        } catch let error as IdentifierError {
            return try await requestsPage(context: context, error: .invalidInput(error.description))
        }
    }

    /// GET /admin/requests/{id}/report: the copy for the person (access, portability), as HTML.
    @Sendable func report(_ request: Request, context: Context) async throws -> Response {
        let party = try context.person().party
        let details = try await gallra.requestDetails(try context.parameters.require("id"), by: party)
        guard details.request.kind.sendsCopy else {
            throw GallraError.notFound("A \(details.request.kind.rawValue) request sends no copy.")
        }
        let export = try await gallra.exportSubject(
            details.request.subject, scope: details.request.kind == .portability ? .portability : .access, by: party)
        return Response(
            status: .ok,
            headers: [
                .contentType: "text/html; charset=utf-8",
                .contentDisposition: "attachment; filename=\"report-\(details.request.id).html\"",
            ],
            body: .init(byteBuffer: ByteBuffer(string: export.html(context.language))))
    }

    @Sendable func request(_ request: Request, context: Context) async throws -> Response {
        try await requestPage(try context.parameters.require("id"), context: context, error: nil)
    }

    @Sendable func verify(_ request: Request, context: Context) async throws -> Response {
        let id = try context.parameters.require("id")
        let form = try await context.form(request)
        return try await acting(on: id, context: context) {
            try await gallra.verifyRequest(id, how: form["how"] ?? "", by: try context.person().party)
        }
    }

    @Sendable func extend(_ request: Request, context: Context) async throws -> Response {
        let id = try context.parameters.require("id")
        let form = try await context.form(request)
        return try await acting(on: id, context: context) {
            _ = try await gallra.extendRequest(id, reason: form["reason"] ?? "", by: try context.person().party)
        }
    }

    /// POST /admin/requests/{id}/tasks/{system}/done: the work by hand in one system is done.
    @Sendable func taskDone(_ request: Request, context: Context) async throws -> Response {
        let id = try context.parameters.require("id")
        let system = try context.parameters.require("system")
        _ = try await context.form(request)
        return try await acting(on: id, context: context) {
            try await gallra.markTaskDone(id, system: system, by: try context.person().party)
        }
    }

    @Sendable func complete(_ request: Request, context: Context) async throws -> Response {
        let id = try context.parameters.require("id")
        _ = try await context.form(request)
        return try await acting(on: id, context: context) {
            let reply = RequestReply(format: "html", language: context.language, via: "email")
            _ = try await gallra.completeRequest(
                id, reply: reply, delivery: selfService, by: try context.person().party)
        }
    }

    /// Runs a change to a request, then shows the request again (after a redirect, so that a
    /// reload does not send the form twice), or with the refusal.
    private func acting(on id: String, context: Context, _ change: () async throws -> Void) async throws -> Response {
        do {
            try await change()
            return Response.redirect(to: "/admin/requests/\(id)", type: .normal)
        } catch let error as GallraError {
            return try await requestPage(id, context: context, error: error)
        }
    }

    private func requestPage(_ id: String, context: Context, error: GallraError?) async throws -> Response {
        let words = UIText.words(context.language)
        let calendar = try await gallra.calendar()
        let today = calendar.localDate(of: Date())
        let details = try await gallra.requestDetails(id, by: try context.person().party)
        let request = details.request
        var values = requestRow(request, today: today, words: words)
        values["navRequests"] = true
        values["article"] = request.kind.article
        values["status"] = UIText.word("status", request.status.rawValue, words)
        values["open"] = request.status != .completed
        values["verifiedHow"] = request.verifiedHow
        values["extension"] = request.extensionReason
        values["message"] = details.message
        values["tasks"] = details.tasks.map { task in
            var row: [String: Any] = [
                "system": task.system, "name": task.name[context.language],
                "instruction": task.instruction(for: request.kind),
            ]
            if let done = task.doneAt { row["done"] = "\(Self.moment(done, calendar)) · \(task.doneBy ?? "")" }
            return row
        }
        values["hasTasks"] = !details.tasks.isEmpty
        values["sent"] = request.sent
        values["completed"] = request.completedAt.map { Self.moment($0, calendar) }
        values["report"] = request.kind.sendsCopy && request.status == .completed
        let register = try await allowed({ try await gallra.register(by: try context.person().party).register })
        // What completing it would do in the connected databases, before anything is done.
        if request.status != .completed {
            let plan = try await gallra.connectedPlan(
                id, decisions: details.decisions, by: try context.person().party)
            values["plan"] = plan.map { change in
                [
                    "row": "\(change.system) \(change.row)",
                    "activity": register?.activity(change.activity)?.name[context.language] ?? change.activity,
                    "action": UIText.word("plan", change.action.rawValue, words),
                ]
            }
            values["hasPlan"] = !plan.isEmpty
        }
        values["decisions"] = details.decisions.map { decision in
            [
                "activity": register?.activity(decision.activity)?.name[context.language] ?? decision.activity,
                "action": UIText.word("action", decision.action.rawValue, words), "article": decision.article,
                "until": decision.until?.description ?? "", "reason": decision.reason[context.language],
            ]
        }
        if let error { values["error"] = error.description }
        return page(
            "request", "\(words["request"] ?? "") \(values["kind"] ?? "")", values, context,
            status: error?.httpStatus ?? .ok)
    }

    private func requestRow(_ request: DataSubjectRequest, today: CivilDate, words: [String: String]) -> [String: Any] {
        let left =
            request.status == .completed
            ? UIText.word("status", request.status.rawValue, words)
            : UIText.daysLeft(request.daysLeft(on: today), words)
        return [
            "id": request.id, "kind": UIText.word("kind", request.kind.rawValue, words), "subject": request.subject,
            "received": request.received.description, "deadline": request.deadline.description, "left": left,
            "overdue": request.status != .completed && request.isOverdue(on: today),
            "verified": request.verifiedAt != nil,
        ]
    }

    // MARK: - Incidents and the register

    @Sendable func incidents(_ request: Request, context: Context) async throws -> Response {
        try await incidentsPage(context: context, error: nil)
    }

    private func incidentsPage(context: Context, error: GallraError?) async throws -> Response {
        let words = UIText.words(context.language)
        let calendar = try await gallra.calendar()
        let now = Date()
        let views = try await gallra.incidents(by: try context.person().party)
        var values: [String: Any] = [
            "navIncidents": true, "now": LocalTime.field(now, calendar),
            "incidents": views.map { view in
                var row = incidentRow(view.incident, now: now, calendar: calendar, words: words)
                row["awaits"] = view.incident.awaitsNotification
                if let closed = view.incident.closed { row["closed"] = Self.moment(closed, calendar) }
                return row
            },
        ]
        if let error { values["error"] = error.description }
        return page("incidents", words["incidents"], values, context, status: error?.httpStatus ?? .ok)
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

    private func incidentRow(_ incident: Incident, now: Date, calendar: ZonedCalendar, words: [String: String])
        -> [String: Any]
    {
        let hours = Int(incident.timeLeft(at: now) / 3_600)
        let clock =
            incident.awaitsNotification
            ? "\(words["notify_by"] ?? "") \(Self.moment(incident.notificationDue, calendar)) (\(hours) \(words["hours_left"] ?? ""))"
            : words["notified"] ?? ""
        return [
            "id": incident.id, "description": incident.description, "aware": Self.moment(incident.aware, calendar),
            "clock": clock, "late": incident.awaitsNotification && incident.isLate(now),
        ]
    }

    @Sendable func register(_ request: Request, context: Context) async throws -> Response {
        try await registerPage(context: context, message: nil)
    }

    private func registerPage(context: Context, message: String?) async throws -> Response {
        let words = UIText.words(context.language)
        let language = context.language
        let stored = try await gallra.register(by: try context.person().party)
        let register = stored.register
        let since = try await gallra.calendar().localDate(of: stored.appliedAt)
        var values: [String: Any] = [
            "navRegister": true, "controller": register.controller.name, "version": stored.version,
            "mayChange": try context.person().party.access.role.grants(.changeRegister),
            "since": since.description,
            "activities": register.activities.map { activity in
                [
                    "name": activity.name[language], "purpose": activity.purpose[language],
                    "basis": activity.legalBasis.map { "\($0.name[language]) (\($0.article))" }
                        .joined(separator: ", "),
                    "retention": activity.retention.wording(language, declaredEvents: register.events),
                ]
            },
        ]
        if let message { values["message"] = message }
        return page("register", words["nav_register"], values, context)
    }

    /// POST /admin/register/review: the checker's problems by line, or what the new version
    /// changes and what it would make expire, before anything is applied.
    @Sendable func reviewRegister(_ request: Request, context: Context) async throws -> Response {
        let form = try await context.form(request)
        let yaml = (form["yaml"] ?? "").replacingOccurrences(of: "\r\n", with: "\n")
        return try await review(yaml: yaml, context: context, imported: nil)
    }

    /// POST /admin/register/import: the company's ROPA spreadsheet (sent as base64 by the page,
    /// at most 4 MiB) or a table pasted from it, shown as a draft register with every decision
    /// left flagged on its line; the person decides them in the draft and checks it again.
    @Sendable func importRegister(_ request: Request, context: Context) async throws -> Response {
        guard try context.person().party.access.role.grants(.changeRegister) else {
            throw HTTPError(.forbidden, message: "Your role does not change the register.")
        }
        let form = try await context.form(request, limit: 4 * 1024 * 1024)
        let name = (form["file_name"] ?? "").isEmpty ? "pasted.txt" : form["file_name"]!
        let data: Data
        if let encoded = form["file_data"], !encoded.isEmpty {
            guard let bytes = Data(base64Encoded: encoded) else {
                throw GallraError.invalidInput("The file did not arrive whole; choose it again.")
            }
            data = bytes
        } else if let pasted = form["table"], !pasted.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            data = Data(pasted.utf8)
        } else {
            throw GallraError.invalidInput("Choose a spreadsheet, or paste the table.")
        }
        let inForce = try await gallra.register(by: try context.person().party).register
        let draft: RopaDraft
        do {
            draft = try RopaFile.draft(data: data, fileName: name, controller: inForce.controller)
        } catch {
            throw GallraError.invalidInput("\(name): \(error).")
        }
        return try await review(yaml: draft.yaml, context: context, imported: (name, draft))
    }

    private func review(yaml: String, context: Context, imported: (name: String, draft: RopaDraft)?) async throws
        -> Response
    {
        let words = UIText.words(context.language)
        let language = context.language
        let review = try await gallra.reviewRegister(yaml: yaml, by: try context.person().party)
        let flagged = Dictionary(grouping: review.problems, by: \.line)
        let register = review.register
        var values: [String: Any] = [
            "navRegister": true, "yaml": yaml, "valid": register != nil, "refused": register == nil,
            "errorCount": review.problems.filter { $0.severity == .error }.count,
            "hasProblems": !review.problems.isEmpty, "canApply": review.canApply,
            // Errors (and decisions left) first, each in order of its line; then the warnings.
            "problems": review.problems.sorted {
                ($0.severity == .error ? 0 : 1, $0.line) < ($1.severity == .error ? 0 : 1, $1.line)
            }
            .map { ["line": $0.line, "severity": $0.severity.rawValue, "message": $0.message] as [String: Any] },
            "lines": yaml.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map { index, text in
                var line: [String: Any] = ["number": index + 1, "text": String(text)]
                if let problems = flagged[index + 1] {
                    line["problem"] = problems.map(\.message).joined(separator: " ")
                    // A line with an error is flagged; one with warnings only, marked more lightly.
                    line["error"] = problems.contains { $0.severity == .error }
                }
                return line
            },
            "hasChanges": !review.changes.isEmpty,
            "changes": review.changes.map { change in
                let events = register?.events ?? []
                var what: [String] = []
                switch (change.before, change.after) {
                case (nil, _): what.append(words["added"] ?? "")
                case (_, nil): what.append(words["removed"] ?? "")
                case (let before?, let after?) where before != after:
                    what.append(
                        "\(words["retention_changed"] ?? ""): \(before.wording(language, declaredEvents: events)) → \(after.wording(language, declaredEvents: events))"
                    )
                default: break
                }
                if change.otherFields { what.append(words["other_changes"] ?? "") }
                return [
                    "name": change.name[language], "what": what.joined(separator: "; "), "held": change.recordsHeld,
                    "expiredBefore": change.expiredBefore, "expiredAfter": change.expiredAfter,
                    "more": change.expiredAfter > change.expiredBefore,
                ] as [String: Any]
            },
        ]
        if let refusal = review.refusal { values["refusal"] = refusal }
        if let imported {
            let draft = imported.draft
            values["imported"] =
                "\(imported.name): \(draft.activityCount) \(words["import_activities"] ?? ""), \(draft.rulesRead) \(words["import_rules"] ?? ""), \(draft.decisions.count) \(words["import_decisions"] ?? "")."
        }
        return page(
            "review", words["review_heading"], values, context,
            status: register == nil || review.refusal != nil ? .unprocessableContent : .ok)
    }

    /// POST /admin/register/apply: the reviewed file becomes the version in force.
    @Sendable func applyRegister(_ request: Request, context: Context) async throws -> Response {
        let form = try await context.form(request)
        let yaml = (form["yaml"] ?? "").replacingOccurrences(of: "\r\n", with: "\n")
        _ = try await gallra.applyRegister(yaml: yaml, file: "the register", by: try context.person().party)
        return try await registerPage(context: context, message: UIText.words(context.language)["applied"])
    }

    // MARK: - Rendering

    /// An instant as people read it, in the controller's time zone: "2026-12-02 11:36".
    static func moment(_ instant: Date, _ calendar: ZonedCalendar) -> String {
        String(calendar.rfc3339(instant).prefix(16)).replacingOccurrences(of: "T", with: " ")
    }

    private func page(
        _ template: String, _ title: String?, _ values: [String: Any], _ context: Context,
        status: HTTPResponse.Status = .ok
    ) -> Response {
        Pages.shared.render(
            template, title: title ?? "", values, language: context.language, signedIn: context.view, status: status)
    }

    /// What the role may see; nil where it may not, so that the overview leaves the part out.
    private func allowed<T>(_ body: () async throws -> T) async throws -> T? {
        do {
            return try await body()
        } catch GallraError.forbidden {
            return nil
        }
    }
}
