import Foundation
import GallraCore
import GallraServices
import Hummingbird

/// The admin UI's audit log: who did what, and with whose data. The search is posted, never put
/// in the address, so that the person searched for stays out of the browser's history and the
/// access logs; paging re-posts the same search.
struct AuditPagesController: Sendable {
    typealias Context = GallraRequestContext
    let gallra: Gallra
    static let pageSize = 50

    func add(to admin: RouterGroup<Context>) {
        admin.get("audit", use: page)
        admin.post("audit", use: search)
    }

    /// GET /admin/audit: the newest entries of the whole log.
    @Sendable func page(_ request: Request, context: Context) async throws -> Response {
        try await render(AuditPage(), context: context)
    }

    /// POST /admin/audit: the entries of a person, a time span, a page.
    @Sendable func search(_ request: Request, context: Context) async throws -> Response {
        let form = try await context.form(request)
        var page = AuditPage()
        page.person = (form["person"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        page.from = (form["from"] ?? "").trimmingCharacters(in: .whitespaces)
        page.to = (form["to"] ?? "").trimmingCharacters(in: .whitespaces)
        page.offset = max(0, Int(form["offset"] ?? "") ?? 0)
        return try await render(page, context: context)
    }

    private func render(_ searched: AuditPage, context: Context) async throws -> Response {
        let words = Words(context.language)
        var page = searched
        let calendar = try await gallra.calendar()
        let since = Self.day(page.from).map { calendar.startOfDay($0) }
        let until = Self.day(page.to).map { calendar.startOfDay($0.adding(days: 1)) }
        if (since == nil && page.from?.isEmpty == false) || (until == nil && page.to?.isEmpty == false) {
            page.error = words[.auditBadDate]
        } else if let since, let until, until <= since {
            page.error = words[.auditSpan]
        }
        if page.error != nil {
            return AdminPage.render("audit", title: words[.navAudit], page, context, status: .unprocessableContent)
        }
        do {
            // One more than a page: whether there are older entries.
            let lines = try await gallra.auditTrail(
                subject: page.person, since: since, until: until, action: nil, limit: Self.pageSize + 1,
                offset: page.offset, by: try context.person().party)
            page.entries = lines.prefix(Self.pageSize).map { line in
                AuditPage.Entry(
                    when: AdminPage.moment(line.at, calendar), actor: line.actor, action: line.action,
                    subject: line.subject, activity: line.activity, detail: line.detail)
            }
            page.older = lines.count > Self.pageSize ? page.offset + Self.pageSize : nil
            page.newer = page.offset > 0 ? max(0, page.offset - Self.pageSize) : nil
            page.hasEntries = !lines.isEmpty
            if !lines.isEmpty {
                page.showing = words.fill(
                    .auditShowing,
                    ["from": "\(page.offset + 1)", "to": "\(page.offset + min(lines.count, Self.pageSize))"])
            }
            return AdminPage.render("audit", title: words[.navAudit], page, context)
        } catch let error as GallraError {
            switch error {
            case .forbidden: throw error
            // The reference is the one thing of the search the use case reads.
            case .notFound: page.error = words[.auditNobody]
            case .invalidInput: page.error = words[.auditNotReference]
            default: page.error = error.description
            }
            return AdminPage.render("audit", title: words[.navAudit], page, context, status: error.httpStatus)
        }
    }

    static func day(_ text: String?) -> CivilDate? {
        guard let text, !text.isEmpty else { return nil }
        return CivilDate(iso: text)
    }
}

/// The audit log page (`audit.mustache`).
struct AuditPage: Encodable, Sendable {
    let navAudit = true
    var person: String?
    var from: String?
    var to: String?
    var offset = 0
    var entries: [Entry] = []
    var showing: String?
    var hasEntries = false
    var older: Int?
    var newer: Int?
    var error: String?

    struct Entry: Encodable, Sendable {
        let when: String
        let actor: String
        let action: String
        let subject: String?
        let activity: String?
        let detail: String
    }
}
