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

    /// POST /admin/retention/sweep: starts the sweep on its own and shows its progress.
    @Sendable func sweep(_ request: Request, context: Context) async throws -> Response {
        _ = try await context.form(request)
        let party = try context.person().party
        let expected = try await gallra.forecast(from: Date(), days: 1, by: party).overdue
        let id = await jobs.start(gallra, expected: expected, by: party)
        return Response.redirect(to: "/admin/retention/sweep/\(id)", type: .normal)
    }

    /// GET /admin/retention/sweep/{id}: how far the sweep has come; the page renews itself (no
    /// script) until it is done.
    @Sendable func sweepProgress(_ request: Request, context: Context) async throws -> Response {
        let words = Words(context.language)
        guard let job = await jobs.job(try context.parameters.require("id")) else {
            throw GallraError.notFound("No sweep started here has this id.")
        }
        let page = SweepPage(
            running: job.running, done: job.done, expected: max(job.expected, job.done),
            report: job.report.map { SweepTotals($0) }, error: job.failure)
        return Pages.shared.render(
            "sweep", title: words[.sweepHeading], page, language: context.language, signedIn: context.view,
            refresh: job.running ? 2 : nil)
    }

    @Sendable func show(_ request: Request, context: Context) async throws -> Response {
        try await page(context: context, report: nil)
    }

    /// POST /admin/retention/dry-run: what the sweep would do now; nothing is erased, and a register
    /// version whose shorter rules it reports is marked reviewed (the page says which).
    @Sendable func dryRun(_ request: Request, context: Context) async throws -> Response {
        _ = try await context.form(request)
        let report = try await gallra.sweep(now: Date(), dryRun: true, by: try context.person().party)
        return try await page(context: context, report: report)
    }

    private func page(context: Context, report: SweepReport?) async throws -> Response {
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
            overdue: forecast.overdue, held: forecast.held,
            weeks: chart.weeks.map { week in
                .init(
                    start: week.start.description, total: week.total,
                    detail: chart.activities.compactMap { activity in
                        week.byActivity[activity].map { "\(name(activity)): \($0)" }
                    }.joined(separator: "; "))
            },
            waiting: forecast.waiting.map { .init(events: $0.events, records: $0.records) },
            hasWaiting: !forecast.waiting.isEmpty,
            lastSweeps: try await gallra.lastSweeps(by: party).map { sweep in
                .init(at: AdminPage.moment(sweep.at, calendar), actor: sweep.actor, detail: sweep.detail)
            },
            report: report.map { SweepTotals($0, reviewed: true) })
        return AdminPage.render("retention", title: words[.navRetention], page, context)
    }
}
