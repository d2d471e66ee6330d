import Foundation
import GallraCore
import GallraServices
import Hummingbird

/// GET /admin: the overview. What a role may not see is said to be so, never shown as nothing:
/// an auditor must not read "no request is due" while requests are overdue.
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
            page.requests = .shown(due.map { RequestRow($0, today: today, words: words) })
            // A role limited to some activities sees the requests about them only.
            page.requestsScoped = party.access.isScoped
        }
        if let open = try await AdminPage.allowed({ try await gallra.incidents(openOnly: true, by: party) }) {
            page.incidents = .shown(open.map { IncidentRow($0.incident, now: now, calendar: calendar, words: words) })
        }
        let register = try await AdminPage.allowed({ try await gallra.register(by: party).register })
        if let forecast = try await AdminPage.allowed({ try await gallra.forecast(from: now, days: 30, by: party) }) {
            var byActivity: [String: Int] = [:]
            for day in forecast.expiring { byActivity[day.activity, default: 0] += day.records }
            page.retention = .shown([
                DashboardPage.Retention(
                    pastRetention: forecast.overdue, held: forecast.held, words: words,
                    expiring: byActivity.sorted { $0.key < $1.key }.map { activity, records in
                        .init(
                            activity: register?.activity(activity)?.name[context.language] ?? activity,
                            records: words.count(records, .record))
                    },
                    waiting: forecast.waiting.map { waiting in
                        .init(
                            events: register.map { words.events(waiting.events, in: $0) } ?? waiting.events,
                            records: words.count(waiting.records, .record))
                    })
            ])
        }
        if let register { page.agreements = .shown(register.agreementWarnings(on: today)) }
        if let mail = try await AdminPage.allowed({ try await gallra.outboxDepth(by: party) }) {
            page.mail = .shown(
                mail.failed > 0 || mail.waiting > 0
                    ? ["\(mail.waiting) \(words[.mailWaiting]), \(mail.failed) \(words[.mailFailed])"] : [])
            page.mailFailed = mail.failed > 0
        }
        if let audit = try await AdminPage.allowed({ try await gallra.verifyAudit(by: party) }) {
            switch audit {
            case .intact(let entries):
                page.audit = .shown(["\(words[.auditIntact]), \(words.count(Int(entries), .entry))"])
                page.auditIntact = true
            case .broken(let seq, let reason):
                page.audit = .shown(["\(words[.auditBroken]): #\(seq) \(reason)"])
            }
        }
        return AdminPage.render("dashboard", title: words[.dashboard], page, context)
    }
}

/// The overview (`dashboard.mustache`). Each part is either shown (`shown`, perhaps empty, and
/// then the page says there is nothing) or not visible to the role (`hidden`, and the page says
/// that), never an empty list standing for both.
struct DashboardPage: Encodable, Sendable {
    /// A part of the overview as the role may see it. Stored flags, not computed ones: the
    /// templates read a model's stored properties.
    struct Part<Element: Encodable & Sendable>: Encodable, Sendable {
        /// What the part holds; empty too when the role may not see it.
        let items: [Element]
        /// Shown, and holding something.
        let any: Bool
        /// Shown, and holding nothing.
        let none: Bool
        /// Not visible to the role.
        let hidden: Bool

        static func shown(_ items: [Element]) -> Part {
            Part(items: items, any: !items.isEmpty, none: items.isEmpty, hidden: false)
        }

        static var hidden: Part { Part(items: [], any: false, none: false, hidden: true) }
    }

    struct Expiring: Encodable, Sendable {
        let activity: String
        /// "1 post", "3 poster".
        let records: String
    }

    struct Waiting: Encodable, Sendable {
        let events: String
        let records: String
    }

    /// What the sweep has ahead of it: records past their retention, waiting for the sweep; those
    /// held; what expires within 30 days; what waits for an event.
    struct Retention: Encodable, Sendable {
        /// "Past their retention, waiting for the sweep: 3 records".
        let pastRetention: String
        /// "Kept under a legal hold: 1 record".
        let held: String
        let anyPast: Bool
        let anyPastRetention: Bool
        let anyHeld: Bool
        let expiring: [Expiring]
        let anyExpiring: Bool
        let waiting: [Waiting]
        let anyWaiting: Bool

        init(pastRetention: Int, held: Int, words: Words, expiring: [Expiring], waiting: [Waiting]) {
            self.pastRetention = words.fill(.overdueRecords, ["records": words.count(pastRetention, .record)])
            self.held = words.fill(.held, ["records": words.count(held, .record)])
            (self.expiring, self.waiting) = (expiring, waiting)
            anyPast = pastRetention > 0 || held > 0
            anyPastRetention = pastRetention > 0
            anyHeld = held > 0
            anyExpiring = !expiring.isEmpty
            anyWaiting = !waiting.isEmpty
        }
    }

    let navDashboard = true
    var requests: Part<RequestRow> = .hidden
    var requestsScoped = false
    var incidents: Part<IncidentRow> = .hidden
    var retention: Part<Retention> = .hidden
    var agreements: Part<String> = .hidden
    var mail: Part<String> = .hidden
    var mailFailed = false
    var audit: Part<String> = .hidden
    var auditIntact = false
}
