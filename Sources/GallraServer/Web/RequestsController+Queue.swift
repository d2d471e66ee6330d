import Foundation
import GallraCore
import GallraServices
import Hummingbird

/// The queue of requests: tabs, search, filters, order, pages and the CSV export. The filters
/// travel in the address (none is personal data); a search, which may be a person's e-mail
/// address, phone number, personnummer or name, only in a posted form, so that it never reaches
/// an access log.
extension RequestsController {
    static let queueFields = ["tab", "kind", "due_from", "due_to", "sort", "order", "page"]

    @Sendable func requests(_ request: Request, context: Context) async throws -> Response {
        var fields: [String: String] = [:]
        for name in Self.queueFields {
            if let value = request.uri.queryParameters.get(name) { fields[name] = String(value) }
        }
        return try await requestsPage(RequestQuery(fields: fields), context: context, error: nil)
    }

    /// POST /admin/requests/search: the queue found by the search in the form.
    @Sendable func search(_ request: Request, context: Context) async throws -> Response {
        let form = try await context.form(request)
        return try await requestsPage(RequestQuery(fields: form), context: context, error: nil)
    }

    /// POST /admin/requests/export: every request the search and filters find, as CSV, with the
    /// requester as the role may see them. A field a spreadsheet would read as a formula is
    /// neutralised (`Register.csvField`).
    @Sendable func export(_ request: Request, context: Context) async throws -> Response {
        let form = try await context.form(request)
        var query = RequestQuery(fields: form)
        query.pageSize = nil
        query.page = 1
        let words = Words(context.language)
        let party = try context.person().party
        let today = try await gallra.calendar().localDate(of: Date())
        let queue = try await gallra.requestQueue(query, on: today, by: party)
        let header: [Word] = [.reference, .kind, .received, .deadline, .status, .requester, .addresses]
        var lines = [header.map { Register.csvField(words[$0]) }.joined(separator: ",")]
        for row in queue.rows {
            let view = RequesterView(row.requester ?? .erasedWhole, scoped: party.access.isScoped, words: words)
            let fields = [
                row.request.reference ?? row.request.id, words[.kind(row.request.kind)],
                row.request.received.description, row.request.deadline.description,
                words[.status(row.request.status)], view.name ?? view.note ?? "", view.addresses ?? "",
            ]
            lines.append(fields.map(Register.csvField).joined(separator: ","))
        }
        return Response(
            status: .ok,
            headers: [
                .contentType: "text/csv; charset=utf-8",
                .contentDisposition: "attachment; filename=\"requests-\(query.tab.rawValue)-\(today).csv\"",
                .cacheControl: "no-store",
            ],
            body: .init(byteBuffer: ByteBuffer(string: lines.joined(separator: "\r\n") + "\r\n")))
    }

    func requestsPage(_ query: RequestQuery, context: Context, error: GallraError?) async throws -> Response {
        let words = Words(context.language)
        let party = try context.person().party
        let today = try await gallra.calendar().localDate(of: Date())
        let queue = try await gallra.requestQueue(query, on: today, by: party)
        let rows = queue.rows.map { row in
            var shown = RequestRow(row.request, today: today, words: words)
            shown.requester = row.requester.map { RequesterView($0, scoped: party.access.isScoped, words: words) }
            return shown
        }
        var page = RequestsPage(
            hasRequests: !rows.isEmpty, today: today.description, requests: rows,
            kinds: RequestKind.allCases.map { .init(value: $0.rawValue, label: words[.kind($0)]) },
            channels: RequestChannel.allCases.map { .init(value: $0.rawValue, label: words[.channel($0)]) },
            error: error?.message(in: words.language))
        page.tab = query.tab.rawValue
        page.tabs = RequestTab.allCases.map { tab in
            .init(
                value: tab.rawValue, label: words[tab.word], count: queue.counts[tab] ?? 0, current: tab == query.tab,
                href: query.href(tab: tab))
        }
        page.search = query.search ?? ""
        page.searching = query.search != nil
        page.kindFilter =
            [.init(value: "", label: words[.allKinds], selected: query.kind == nil)]
            + RequestKind.allCases.map {
                .init(value: $0.rawValue, label: words[.kind($0)], selected: $0 == query.kind)
            }
        page.dueFrom = query.dueFrom?.description ?? ""
        page.dueTo = query.dueTo?.description ?? ""
        page.orders = RequestOrder.allCases.map {
            .init(value: $0.rawValue, label: words[$0.word], selected: $0 == query.order)
        }
        page.directions = [
            .init(value: "asc", label: words[.ascending], selected: !query.descending),
            .init(value: "desc", label: words[.descending], selected: query.descending),
        ]
        page.total = queue.total
        page.page = queue.page
        page.pageOf = words[.pageOf].replacingOccurrences(of: "{page}", with: "\(queue.page)")
            .replacingOccurrences(of: "{pages}", with: "\(queue.pages)")
        page.hasPages = queue.pages > 1
        if queue.page > 1 {
            page.previous = .init(
                number: queue.page - 1, label: words[.previousPage], href: query.href(page: queue.page - 1))
        }
        if queue.page < queue.pages {
            page.next = .init(number: queue.page + 1, label: words[.nextPage], href: query.href(page: queue.page + 1))
        }
        return AdminPage.render(
            "requests", title: words[.requests], page, context, status: error?.httpStatus ?? .ok)
    }
}
