import Foundation
import GallraCore
import GallraServices
import Hummingbird

/// GET /admin: the overview. What a role may not see is left out, not refused.
struct DashboardController: Sendable {
    typealias Context = GallraRequestContext
    let gallra: Gallra

    func add(to admin: RouterGroup<Context>) {
        admin.get("", use: dashboard)
    }

    @Sendable func dashboard(_ request: Request, context: Context) async throws -> Response {
        let party = try context.person().party
        let words = Words(context.language)
        let calendar = try await gallra.calendar()
        let now = Date()
        let today = calendar.localDate(of: now)
        var page = DashboardPage()
        if let due = try await AdminPage.allowed({
            try await gallra.pendingRequests(on: today, dueWithin: 7, by: party)
        }) {
            page.requests = due.map { RequestRow($0, today: today, words: words) }
            page.hasRequests = !due.isEmpty
        }
        if let open = try await AdminPage.allowed({ try await gallra.incidents(openOnly: true, by: party) }) {
            page.incidents = open.map { IncidentRow($0.incident, now: now, calendar: calendar, words: words) }
        }
        let register = try await AdminPage.allowed({ try await gallra.register(by: party).register })
        if let forecast = try await AdminPage.allowed({ try await gallra.forecast(from: now, days: 30, by: party) }) {
            var byActivity: [String: Int] = [:]
            for day in forecast.expiring { byActivity[day.activity, default: 0] += day.records }
            page.expiring = byActivity.sorted { $0.key < $1.key }.map { activity, records in
                .init(activity: register?.activity(activity)?.name[context.language] ?? activity, records: records)
            }
            page.waiting = forecast.waiting.map { .init(events: $0.events, records: $0.records) }
            page.hasWaiting = !forecast.waiting.isEmpty
        }
        page.agreements = register?.agreementWarnings(on: today)
        if let mail = try await AdminPage.allowed({ try await gallra.outboxDepth(by: party) }),
            mail.failed > 0 || mail.waiting > 0
        {
            page.mail = "\(mail.waiting) \(words[.mailWaiting]), \(mail.failed) \(words[.mailFailed])"
            page.mailFailed = mail.failed > 0
        }
        if let audit = try await AdminPage.allowed({ try await gallra.verifyAudit(by: party) }) {
            switch audit {
            case .intact(let entries):
                page.audit = "\(words[.auditIntact]), \(entries) \(words[.entries])"
                page.auditIntact = true
            case .broken(let seq, let reason):
                page.audit = "\(words[.auditBroken]): #\(seq) \(reason)"
            }
        }
        return AdminPage.render("dashboard", title: words[.dashboard], page, context)
    }
}

/// The overview (`dashboard.mustache`); a part the role may not see stays nil and is left out.
struct DashboardPage: Encodable, Sendable {
    struct Expiring: Encodable, Sendable {
        let activity: String
        let records: Int
    }

    struct Waiting: Encodable, Sendable {
        let events: String
        let records: Int
    }

    let navDashboard = true
    var requests: [RequestRow]?
    var hasRequests: Bool?
    var incidents: [IncidentRow]?
    var expiring: [Expiring]?
    var waiting: [Waiting]?
    var hasWaiting: Bool?
    var agreements: [String]?
    var mail: String?
    var mailFailed: Bool?
    var audit: String?
    var auditIntact: Bool?
}
