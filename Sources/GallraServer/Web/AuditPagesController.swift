import Foundation
import GallraCore
import GallraServices
import Hummingbird

/// The admin UI's audit log: who did what, and with whose data. The search is posted, never put
/// in the address, so that the person searched for stays out of the browser's history and the
/// access logs; paging and the CSV export re-post the same search. The chain's check is run on
/// request (it reads the whole log).
struct AuditPagesController: Sendable {
    typealias Context = GallraRequestContext
    let gallra: Gallra
    static let pageSize = 50
    /// The most entries one CSV export holds; the newest first.
    static let exportLimit = 50_000

    func add(to admin: RouterGroup<Context>) {
        admin.get("audit", use: page)
        admin.post("audit", use: search)
        admin.post("audit/export", use: export)
        admin.post("audit/check", use: check)
    }

    /// GET /admin/audit: the newest entries of the whole log.
    @Sendable func page(_ request: Request, context: Context) async throws -> Response {
        try await render(AuditPage(), context: context)
    }

    /// POST /admin/audit: the entries of a person, an actor, an action, an activity, a time span, a page.
    @Sendable func search(_ request: Request, context: Context) async throws -> Response {
        try await render(AuditPage(form: try await context.form(request)), context: context)
    }

    /// POST /admin/audit/check: the chain checked whole, against every checkpoint.
    @Sendable func check(_ request: Request, context: Context) async throws -> Response {
        var page = AuditPage(form: try await context.form(request))
        let words = Words(context.language)
        let check = try await gallra.checkAudit(by: try context.person().party)
        let calendar = try await gallra.calendar()
        switch check.verification {
        case .intact(let entries):
            var lines = [words.fill(.auditChainIntact, ["entries": "\(entries)"])]
            if let latest = check.latest, let count = check.checkpoints {
                // try?: a checkpoint's time that does not read is shown as written
                let at = (try? Date(latest.at, strategy: .iso8601)).map { AdminPage.moment($0, calendar) } ?? latest.at
                lines.append(
                    words.fill(.auditCheckpointsAgree, ["count": "\(count)", "seq": "\(latest.seq)", "at": at]))
            } else {
                lines.append(words[.auditNoCheckpoint])
            }
            page.check = .init(intact: true, lines: lines, reason: nil)
        case .broken(let seq, let reason):
            page.check = .init(intact: false, lines: [words.fill(.auditChainBroken, ["seq": "\(seq)"])], reason: reason)
        }
        return try await render(page, context: context)
    }

    /// POST /admin/audit/export: the entries the search names, as CSV, the newest first.
    @Sendable func export(_ request: Request, context: Context) async throws -> Response {
        let page = AuditPage(form: try await context.form(request))
        let words = Words(context.language)
        guard let filter = try await filter(page, context: context) else {
            return try await render(page, context: context)
        }
        let party = try context.person().party
        let calendar = try await gallra.calendar()
        let header: [Word] = [.when, .auditActor, .auditAction, .auditSubject, .activity, .auditDetail]
        var lines = [header.map { Register.csvField(words[$0]) }.joined(separator: ",")]
        var offset = 0
        do {
            while offset < Self.exportLimit {
                let batch = try await gallra.auditTrail(
                    subject: filter.person, since: filter.since, until: filter.until, action: filter.action,
                    actor: filter.actor, activity: filter.activity, limit: Gallra.auditTrailPageLimit, offset: offset,
                    by: party)
                for line in batch {
                    let fields = [
                        calendar.rfc3339(line.at), line.actor, line.action, line.subject ?? "", line.activity ?? "",
                        line.detail,
                    ]
                    lines.append(fields.map(Register.csvField).joined(separator: ","))
                }
                if batch.count < Gallra.auditTrailPageLimit { break }
                offset += batch.count
            }
        } catch let error as GallraError {
            var failed = page
            failed.error = Self.message(error, words)
            return try await render(failed, context: context, status: error.httpStatus)
        }
        let today = calendar.localDate(of: Date())
        return Response(
            status: .ok,
            headers: [
                .contentType: "text/csv; charset=utf-8",
                .contentDisposition: "attachment; filename=\"audit-\(today).csv\"",
                .cacheControl: "no-store",
            ],
            body: .init(byteBuffer: ByteBuffer(string: lines.joined(separator: "\r\n") + "\r\n")))
    }

    /// The search as the use case reads it; nil when a date is wrong (the page says which).
    struct Filter {
        let person: String?
        let actor: String?
        let action: String?
        let activity: String?
        let since: Date?
        let until: Date?
    }

    private func filter(_ page: AuditPage, context: Context) async throws -> Filter? {
        let calendar = try await gallra.calendar()
        let since = Self.day(page.from).map { calendar.startOfDay($0) }
        let until = Self.day(page.to).map { calendar.startOfDay($0.adding(days: 1)) }
        if (since == nil && page.from?.isEmpty == false) || (until == nil && page.to?.isEmpty == false) { return nil }
        if let since, let until, until <= since { return nil }
        return Filter(
            person: page.person, actor: page.actor, action: page.action, activity: page.activity, since: since,
            until: until)
    }

    private func render(_ searched: AuditPage, context: Context, status: HTTPResponse.Status? = nil) async throws
        -> Response
    {
        let words = Words(context.language)
        var page = searched
        let party = try context.person().party
        let calendar = try await gallra.calendar()
        let register = try await gallra.register(by: party).register
        page.activities = register.activities.map {
            .init(value: $0.id, label: $0.name[context.language], selected: $0.id == page.activity)
        }
        guard let filter = try await filter(page, context: context) else {
            let from = Self.day(page.from), to = Self.day(page.to)
            page.error =
                (from == nil && page.from?.isEmpty == false) || (to == nil && page.to?.isEmpty == false)
                ? words[.auditBadDate] : words[.auditSpan]
            return AdminPage.render("audit", title: words[.navAudit], page, context, status: .unprocessableContent)
        }
        do {
            // One more than a page: whether there are older entries.
            let lines = try await gallra.auditTrail(
                subject: filter.person, since: filter.since, until: filter.until, action: filter.action,
                actor: filter.actor, activity: filter.activity, limit: Self.pageSize + 1, offset: page.offset,
                by: party)
            page.entries = lines.prefix(Self.pageSize).map { line in
                AuditPage.Entry(
                    when: AdminPage.moment(line.at, calendar), actor: line.actor, action: line.action,
                    subject: line.subject,
                    activity: line.activity.map { register.activity($0)?.name[context.language] ?? $0 },
                    detail: line.detail)
            }
            page.older = lines.count > Self.pageSize ? page.offset + Self.pageSize : nil
            page.newer = page.offset > 0 ? max(0, page.offset - Self.pageSize) : nil
            page.hasEntries = !lines.isEmpty
            if !lines.isEmpty {
                page.showing = words.fill(
                    .auditShowing,
                    ["from": "\(page.offset + 1)", "to": "\(page.offset + min(lines.count, Self.pageSize))"])
            }
            return AdminPage.render("audit", title: words[.navAudit], page, context, status: status ?? .ok)
        } catch let error as GallraError {
            if case .forbidden = error { throw error }
            page.error = Self.message(error, words)
            return AdminPage.render("audit", title: words[.navAudit], page, context, status: error.httpStatus)
        }
    }

    /// What the page says of a search the use case refused: the person or the actor not found, or
    /// a reference that names no one.
    static func message(_ error: GallraError, _ words: Words) -> String {
        switch error {
        case .notFound(let message) where message == Gallra.unknownAuditActor: words[.auditNoUser]
        case .notFound: words[.auditNobody]
        case .invalidInput: words[.auditNotReference]
        default: error.message(in: words.language)
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
    var actor: String?
    var action: String?
    var activity: String?
    var from: String?
    var to: String?
    var offset = 0
    var activities: [Choice] = []
    var entries: [Entry] = []
    var showing: String?
    var hasEntries = false
    var older: Int?
    var newer: Int?
    var error: String?
    var check: Check?

    init() {}

    /// The search a posted form holds.
    init(form: [String: String]) {
        func field(_ name: String) -> String? {
            let value = (form[name] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            return value.isEmpty ? nil : value
        }
        person = field("person")
        actor = field("actor")
        action = field("action")
        activity = field("activity")
        from = field("from")
        to = field("to")
        offset = max(0, Int(form["offset"] ?? "") ?? 0)
    }

    struct Choice: Encodable, Sendable {
        let value: String
        let label: String
        let selected: Bool
    }

    struct Entry: Encodable, Sendable {
        let when: String
        let actor: String
        let action: String
        let subject: String?
        let activity: String?
        let detail: String
    }

    /// The chain's check, as run.
    struct Check: Encodable, Sendable {
        let intact: Bool
        let lines: [String]
        /// Where it breaks, as the store words it.
        let reason: String?
    }
}
