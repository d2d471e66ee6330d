import Foundation
import GallraCore
import GallraServices
import Hummingbird

/// The retention page: what expires over the next twelve weeks as a chart and a table, what
/// waits for an event, and a dry run of the sweep.
struct RetentionController: Sendable {
    typealias Context = GallraRequestContext
    static let weeks = 12
    let gallra: Gallra
    let jobs: SweepJobs

    func add(to admin: RouterGroup<Context>) {
        admin.get("retention", use: show)
        admin.post("retention/dry-run", use: dryRun)
        admin.post("retention/sweep", use: sweep)
        admin.get("retention/sweep/:id", use: sweepProgress)
    }

    /// POST /admin/retention/sweep: asks first. Without `confirm=yes`, a dry run says what the
    /// sweep would erase and anonymise and what it keeps back (paged by activity, as the dry run's
    /// page), with the button that confirms; with it, the sweep starts on its own and its
    /// progress page says what it did, read from the sweep's report.
    @Sendable func sweep(_ request: Request, context: Context) async throws -> Response {
        let form = try await context.form(request)
        let party = try context.person().party
        guard form["confirm"] == "yes" else {
            let words = Words(context.language)
            return try await dryRunPage(
                form: form, context: context, heading: words[.sweepConfirmHeading], confirm: words[.confirmSweep],
                action: "/admin/retention/sweep")
        }
        let expected = try await gallra.forecast(from: Date(), days: 1, by: party).overdue
        let id = await jobs.start(gallra, expected: expected, by: party)
        return Response.redirect(to: "/admin/retention/sweep/\(id)", type: .normal)
    }

    /// GET /admin/retention/sweep/{id}: how far the sweep has come; the page renews itself (no
    /// script) until it is done.
    @Sendable func sweepProgress(_ request: Request, context: Context) async throws -> Response {
        let words = Words(context.language)
        guard let job = await jobs.job(try context.parameters.require("id")) else {
            throw GallraError.notFound(
                ErrorReason(
                    sv: "Ingen gallring som startats här har det id:t.", en: "No sweep started here has this id."))
        }
        let page = SweepPage(
            running: job.running, done: job.done, expected: max(job.expected, job.done),
            progress: "\(job.done) / \(words.count(max(job.expected, job.done), .record))",
            report: job.report.map { SweepTotals($0, words: words) }, error: job.failure?[words.language])
        return Pages.shared.render(
            "sweep", title: words[.sweepHeading], page, language: context.language, signedIn: context.view,
            refresh: job.running ? 2 : nil)
    }

    @Sendable func show(_ request: Request, context: Context) async throws -> Response {
        try await page(context: context)
    }

    /// POST /admin/retention/dry-run: what the sweep would do now, record by record (a page of one
    /// activity at a time: `activity`, `page`); nothing is erased, and a register version whose
    /// shorter rules it reports is marked reviewed (the page says which).
    @Sendable func dryRun(_ request: Request, context: Context) async throws -> Response {
        let form = try await context.form(request)
        return try await dryRunPage(
            form: form, context: context, heading: Words(context.language)[.dryRunHeading], confirm: nil,
            action: "/admin/retention/dry-run")
    }

    private func dryRunPage(
        form: [String: String], context: Context, heading: String, confirm: String?, action: String
    ) async throws -> Response {
        let party = try context.person().party
        let words = Words(context.language)
        let report = try await gallra.sweep(now: Date(), dryRun: true, by: party)
        let register = try await AdminPage.allowed { try await gallra.register(by: party).register }
        let page = try await DryRunPage.build(
            report, activity: form["activity"], page: form["page"].flatMap { Int($0) } ?? 1, heading: heading,
            lead: confirm == nil ? words[.dryRunHint] : words[.sweepConfirmWhat],
            confirm: report.items.isEmpty && report.connected.allSatisfy({ $0.rows == 0 }) ? nil : confirm,
            action: action, register: register, calendar: try await gallra.calendar(), words: words,
            language: context.language,
            names: { subjects in try await AdminPage.allowed { try await gallra.subjectNames(subjects, by: party) } })
        return AdminPage.render("dry-run", title: heading, page, context)
    }

    private func page(context: Context) async throws -> Response {
        let party = try context.person().party
        let language = context.language
        let words = Words(language)
        let calendar = try await gallra.calendar()
        let now = Date()
        let today = calendar.localDate(of: now)
        let forecast = try await gallra.forecast(from: now, days: 7 * Self.weeks, by: party)
        let register = try await gallra.register(by: party).register
        func name(_ activity: String) -> String {
            activity == "other" ? words[.other] : register.activity(activity)?.name[language] ?? activity
        }
        let chart = ForecastChart(
            expiring: forecast.expiring.map { ($0.date, $0.activity, $0.records) }, from: today, weeks: Self.weeks)
        let page = RetentionPage(
            chart: chart.svg(title: words[.chartTitle], name: name),
            overdue: words.fill(.overdueRecords, ["records": words.count(forecast.overdue, .record)]),
            held: words.fill(.held, ["records": words.count(forecast.held, .record)]),
            weeks: chart.weeks.map { week in
                .init(
                    start: week.start.description, total: week.total,
                    detail: chart.activities.compactMap { activity in
                        week.byActivity[activity].map { "\(name(activity)): \($0)" }
                    }.joined(separator: "; "))
            },
            waiting: forecast.waiting.map {
                .init(events: words.events($0.events, in: register), records: words.count($0.records, .record))
            },
            hasWaiting: !forecast.waiting.isEmpty,
            lastSweeps: try await gallra.lastSweeps(by: party).map { sweep in
                .init(
                    at: AdminPage.moment(sweep.at, calendar), actor: sweep.actor,
                    detail: SweepSummary(sweep.detail)?.said(words) ?? sweep.detail)
            })
        return AdminPage.render("retention", title: words[.navRetention], page, context)
    }
}
