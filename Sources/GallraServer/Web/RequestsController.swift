import Foundation
import GallraCore
import GallraServices
import Hummingbird

/// The admin UI's requests of data subjects (Art. 15–22): the open ones and their deadlines,
/// registering one, and carrying one through: verification, extension, work by hand, completion.
struct RequestsController: Sendable {
    typealias Context = GallraRequestContext
    let gallra: Gallra
    /// Where a copy for a person who asked on the public pages is sent from.
    let selfService: SelfServiceSettings

    func add(to admin: RouterGroup<Context>) {
        admin.get("requests", use: requests)
        admin.post("requests", use: openRequest)
        admin.post("requests/search", use: search)
        admin.post("requests/export", use: export)
        admin.get("requests/:id", use: request)
        admin.get("requests/:id/confirm", use: confirm)
        admin.get("requests/:id/report", use: report)
        admin.post("requests/:id/verify", use: verify)
        admin.post("requests/:id/extend", use: extend)
        admin.post("requests/:id/complete", use: complete)
        admin.post("requests/:id/corrections", use: corrections)
        admin.post("requests/:id/tasks/:system/done", use: taskDone)
        addRefusalAndScope(to: admin)
    }

    /// POST /admin/requests: registers a request, then shows it.
    @Sendable func openRequest(_ request: Request, context: Context) async throws -> Response {
        let form = try await context.form(request)
        do {
            guard let kind = RequestKind(rawValue: form["kind"] ?? "") else {
                throw GallraError.invalidInput(
                    ErrorReason(sv: "Välj vad personen begär.", en: "Choose what the person asks for."))
            }
            let received = try (form["received"]).flatMap { $0.isEmpty ? nil : $0 }.map { text in
                guard let day = CivilDate(iso: text) else {
                    throw GallraError.invalidInput(
                        ErrorReason(sv: "Mottagningsdagen är ett datum.", en: "The day received is a date."))
                }
                return day
            }
            let verified = (form["verified"] ?? "").trimmingCharacters(in: .whitespaces)
            let id = try await gallra.openRequest(
                kind, subject: form["subject"] ?? "", received: received, channel: form["channel"] ?? "email",
                verifiedHow: verified.isEmpty ? nil : verified, by: try context.person().party)
            return Response.redirect(to: "/admin/requests/\(id)", type: .normal)
        } catch let error as GallraError {
            return try await requestsPage(RequestQuery(), context: context, error: error)
        } catch let error as IdentifierError {
            return try await requestsPage(
                RequestQuery(), context: context,
                error: .invalidInput(ErrorReason(sv: error.message(in: .sv), en: error.description)))
        }
    }

    /// GET /admin/requests/{id}/report: the copy for the person (access, portability), as HTML.
    @Sendable func report(_ request: Request, context: Context) async throws -> Response {
        let party = try context.person().party
        let details = try await gallra.requestDetails(try context.parameters.require("id"), by: party)
        guard details.request.kind.sendsCopy else {
            throw GallraError.notFound(
                ErrorReason(
                    sv: "Den här typen av ärende skickar ingen kopia.",
                    en: "A \(details.request.kind.rawValue) request sends no copy."))
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

    /// GET /admin/requests/{id}: the request's page; a short reference (`2026-0042`), as a person
    /// quotes it, leads to it too.
    @Sendable func request(_ request: Request, context: Context) async throws -> Response {
        let id = try context.parameters.require("id")
        if let reference = RequestReference(id) {
            let found = try await gallra.requestID(reference: reference, by: try context.person().party)
            return Response.redirect(to: "/admin/requests/\(found)", type: .normal)
        }
        return try await requestPage(id, context: context, error: nil)
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
            _ = try await gallra.extendRequest(
                id, reason: form["reason"] ?? "", delivery: selfService, by: try context.person().party)
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

    /// POST /admin/requests/{id}/complete: carries the decisions out. An erasure only with
    /// `confirmed=yes`, sent from the page that shows what it does (`confirm`); without it,
    /// nothing is done and that page is shown, saying so.
    @Sendable func complete(_ request: Request, context: Context) async throws -> Response {
        let id = try context.parameters.require("id")
        let form = try await context.form(request)
        let details = try await gallra.requestDetails(id, by: try context.person().party)
        if details.request.kind == .erasure && form["confirmed"] != "yes" {
            return try await confirmPage(
                id, context: context, error: .conflict(ErrorReason(Words(context.language)[.confirmRequired])))
        }
        return try await acting(on: id, context: context) {
            let reply = RequestReply(format: "html", language: context.language, via: "email")
            _ = try await gallra.completeRequest(
                id, reply: reply, delivery: selfService, by: try context.person().party)
        }
    }

    /// Runs a change to a request, then shows the request again (after a redirect, so that a
    /// reload does not send the form twice), or with the refusal.
    func acting(on id: String, context: Context, _ change: () async throws -> Void) async throws -> Response {
        do {
            try await change()
            return Response.redirect(to: "/admin/requests/\(id)", type: .normal)
        } catch let error as GallraError {
            return try await requestPage(id, context: context, error: error)
        }
    }

    /// `entered`: the corrected values a refused form held, by target, to show again.
    func requestPage(_ id: String, context: Context, error: GallraError?, entered: [String: String]? = nil)
        async throws -> Response
    {
        let words = Words(context.language)
        let language = context.language
        let calendar = try await gallra.calendar()
        let today = calendar.localDate(of: Date())
        let details = try await gallra.requestDetails(id, by: try context.person().party)
        let request = details.request
        let party = try context.person().party
        var page = RequestPage(RequestRow(request, today: today, words: words))
        page.requester = RequesterView(
            try await gallra.requester(of: id, by: party), scoped: party.access.isScoped, words: words)
        page.duplicates = try await gallra.duplicateRequests(of: id, by: party).map {
            RequestRow($0, today: today, words: words)
        }
        page.confirmFirst = request.kind == .erasure
        page.article = request.kind.article
        page.status = request.refusal == nil ? words[.status(request.status)] : words[.refusedBecause]
        page.open = request.status != .completed
        page.verifiedHow = request.verifiedHow
        page.extension = request.extensionReason
        page.message = details.message
        page.tasks = details.tasks.map { task in
            .init(
                system: task.system, name: task.name[language],
                instruction: task.instruction(for: request.kind, language),
                done: task.doneAt.map { "\(AdminPage.moment($0, calendar)) · \(task.doneBy ?? "")" })
        }
        page.hasTasks = !details.tasks.isEmpty
        page.mail = details.mail.map { mail in
            let state: String
            switch mail.state {
            case .queued(let next):
                state =
                    "\(words[.mailQueued]) \(AdminPage.moment(mail.queuedAt, calendar))"
                    + (mail.attempts > 0
                        ? " · \(mail.attempts) \(words[.mailAttempts]), \(words[.mailNextAttempt]) \(AdminPage.moment(next, calendar))"
                        : "")
            case .sent(let at): state = "\(words[.sent]) \(AdminPage.moment(at, calendar))"
            case .failed(let at) where mail.wasInterrupted:
                state = "\(words[.mailInterrupted]) \(AdminPage.moment(at, calendar))"
            case .failed(let at):
                state =
                    "\(words[.mailGivenUp]) \(AdminPage.moment(at, calendar)) (\(mail.attempts) \(words[.mailAttempts]))"
            }
            // Why the last attempt failed, as the transport said it (never the recipient: the
            // sender does not keep what a command prints).
            // An interrupted message's state says it all, in the page's language.
            let why = mail.state.isSent || mail.wasInterrupted ? "" : mail.lastError.map { " — \($0)" } ?? ""
            return .init(purpose: words[.mailPurpose(mail.purpose)], state: state + why, failed: mail.state.isFailed)
        }
        page.noMail = details.mail.isEmpty
        page.completed = request.completedAt.map { AdminPage.moment($0, calendar) }
        page.report = request.kind.sendsCopy && request.status == .completed
        let register = try await AdminPage.allowed({
            try await gallra.register(by: try context.person().party).register
        })
        // A rectification's values and the corrections noted, for a role that may write them.
        if request.kind == .rectification, request.status != .completed,
            let values = try await AdminPage.allowed({ try await gallra.correctableValues(ofRequest: id, by: party) })
        {
            page.rectification = RectificationView(values, register: register, words: words, entered: entered)
        }
        page.timeline = try await gallra.requestTimeline(id, by: party).map { step in
            TimelineStep(step, calendar: calendar, words: words) { register?.activity($0)?.name[language] ?? $0 }
        }
        // What completing it would do in the connected databases, before anything is done.
        if request.status != .completed {
            let plan = try await gallra.connectedPlan(
                id, decisions: details.decisions, by: try context.person().party)
            page.plan = plan.map { change in
                .init(
                    row: "\(change.system) \(change.row)",
                    activity: register?.activity(change.activity)?.name[language] ?? change.activity,
                    action: words[.plan(change.action)])
            }
            page.hasPlan = !plan.isEmpty
        }
        page.decisions = details.decisions.map { decision in
            .init(
                activity: register?.activity(decision.activity)?.name[language] ?? decision.activity,
                action: words[.action(decision.action)], article: decision.article,
                until: decision.until?.description ?? "", reason: decision.reason[language])
        }
        page.refusal = request.refusal.map {
            "\(words[.refusedBecause]): \(words[.ground($0.ground)])\($0.reason.isEmpty ? "" : " — \($0.reason)")"
        }
        page.grounds = RequestRefusal.Ground.allCases.map {
            .init(value: $0.rawValue, label: words[.ground($0)], checked: false)
        }
        func name(_ activity: String) -> String { register?.activity(activity)?.name[language] ?? activity }
        page.concerns = request.scope.map { $0.map(name).joined(separator: ", ") } ?? words[.scopeAll]
        if request.kind.namesActivities, let register {
            page.scope = register.activities.map {
                .init(value: $0.id, label: $0.name[language], checked: request.scope?.contains($0.id) ?? false)
            }
        }
        page.scopeReason = request.scopeReason
        page.error = error?.message(in: words.language)
        return AdminPage.render(
            "request", title: "\(words[.request]) \(page.reference): \(page.kind)", page, context,
            status: error?.httpStatus ?? .ok)
    }
}
