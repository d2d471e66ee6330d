import Foundation
import GallraCore
import GallraServices
import Hummingbird

/// The admin UI's outbox: every message Gallra wrote to someone, what it is about, and whether it
/// went, as its row records it.
struct OutboxController: Sendable {
    typealias Context = GallraRequestContext
    let gallra: Gallra
    static let perPage = 50

    func add(to admin: RouterGroup<Context>) {
        admin.get("outbox", use: outbox)
    }

    @Sendable func outbox(_ request: Request, context: Context) async throws -> Response {
        let words = Words(context.language)
        let calendar = try await gallra.calendar()
        let query = request.uri.queryParameters
        let state = query.get("state").map { String($0) }.flatMap {
            ["queued", "sent", "failed"].contains($0) ? $0 : nil
        }
        let page = max(1, query.get("page").flatMap { Int(String($0)) } ?? 1)
        let found = try await gallra.mailRecords(
            state: state, page: page, perPage: Self.perPage, by: try context.person().party)
        let pages = max(1, (found.total + Self.perPage - 1) / Self.perPage)
        let model = OutboxPage(
            rows: found.records.map { mail in
                OutboxPage.Row(
                    purpose: words[.mailPurpose(mail.purpose)], request: mail.request,
                    queued: AdminPage.moment(mail.queuedAt, calendar),
                    state: OutboxPage.state(of: mail, words, calendar), failed: mail.state.isFailed,
                    error: mail.lastError)
            },
            tabs: [nil, "queued", "sent", "failed"].map { tab in
                OutboxPage.Tab(
                    label: words[OutboxPage.word(tab)], href: "/admin/outbox" + (tab.map { "?state=\($0)" } ?? ""),
                    current: tab == state)
            },
            total: found.total,
            pageOf: words[.pageOf].replacingOccurrences(of: "{page}", with: "\(page)")
                .replacingOccurrences(of: "{pages}", with: "\(pages)"),
            previous: page > 1 ? OutboxPage.href(state, page - 1) : nil,
            next: page < pages ? OutboxPage.href(state, page + 1) : nil, empty: found.records.isEmpty)
        return AdminPage.render("outbox", title: words[.outbox], model, context)
    }
}

/// What the outbox page shows.
struct OutboxPage: Encodable, Sendable {
    struct Row: Encodable, Sendable {
        let purpose: String
        let request: String?
        let queued: String
        let state: String
        let failed: Bool
        let error: String?
    }

    struct Tab: Encodable, Sendable {
        let label: String
        let href: String
        let current: Bool
    }

    let navOutbox = true
    let rows: [Row]
    let tabs: [Tab]
    let total: Int
    let pageOf: String
    let previous: String?
    let next: String?
    var empty: Bool

    static func word(_ tab: String?) -> Word {
        switch tab {
        case "queued": .outboxQueued
        case "sent": .outboxSent
        case "failed": .outboxFailed
        default: .outboxAll
        }
    }

    static func href(_ state: String?, _ page: Int) -> String {
        "/admin/outbox?" + (state.map { "state=\($0)&" } ?? "") + "page=\(page)"
    }

    static func state(of mail: MailRecord, _ words: Words, _ calendar: ZonedCalendar) -> String {
        switch mail.state {
        case .queued(let next):
            mail.attempts == 0
                ? words[.outboxQueued]
                : "\(words[.outboxQueued]) · \(mail.attempts) \(words[.mailAttempts]), \(words[.mailNextAttempt]) \(AdminPage.moment(next, calendar))"
        case .sent(let at): "\(words[.sent]) \(AdminPage.moment(at, calendar))"
        case .failed(let at) where mail.wasInterrupted:
            "\(words[.mailInterrupted]) \(AdminPage.moment(at, calendar))"
        case .failed(let at):
            "\(words[.mailGivenUp]) \(AdminPage.moment(at, calendar)) (\(mail.attempts) \(words[.mailAttempts]))"
        }
    }
}
