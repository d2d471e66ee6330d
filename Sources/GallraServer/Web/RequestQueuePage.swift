import Foundation
import GallraCore
import GallraServices

/// The requests page (`requests.mustache`): the queue in tabs, its search, filters, order and
/// pages, and the form to register a request.
struct RequestsPage: Encodable, Sendable {
    struct Choice: Encodable, Sendable {
        let value: String
        let label: String
        var selected = false
    }

    struct Tab: Encodable, Sendable {
        let value: String
        let label: String
        let count: Int
        let current: Bool
        /// The tab's address with the filters kept (none of them personal data).
        let href: String
    }

    struct PageLink: Encodable, Sendable {
        let number: Int
        let label: String
        let href: String
    }

    let navRequests = true
    let hasRequests: Bool
    /// The form's default day received.
    let today: String
    let requests: [RequestRow]
    let kinds: [Choice]
    let channels: [Choice]
    var error: String?

    // The queue.
    var tabs: [Tab] = []
    var tab = RequestTab.open.rawValue
    /// The search as typed; it travels in the posted form only, never in an address.
    var search = ""
    var searching = false
    var kindFilter: [Choice] = []
    var dueFrom = ""
    var dueTo = ""
    var orders: [Choice] = []
    var directions: [Choice] = []
    var total = 0
    var pageOf = ""
    var page = 1
    var previous: PageLink?
    var next: PageLink?
    var hasPages = false
}

extension RequestQuery {
    /// A query from a form's or an address's fields: each one that does not read is left at its
    /// default, as a filter not given.
    init(fields: [String: String]) {
        self.init()
        if let tab = (fields["tab"] ?? fields["current_tab"]).flatMap(RequestTab.init(rawValue:)) { self.tab = tab }
        search = fields["q"].map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
        kind = fields["kind"].flatMap(RequestKind.init(rawValue:))
        dueFrom = fields["due_from"].flatMap(CivilDate.init(iso:))
        dueTo = fields["due_to"].flatMap(CivilDate.init(iso:))
        if let order = fields["sort"].flatMap(RequestOrder.init(rawValue:)) { self.order = order }
        descending = fields["order"] == "desc"
        page = fields["page"].flatMap { Int($0) }.map { max(1, min($0, 1_000_000)) } ?? 1
    }

    /// The address of the queue with these filters, in another tab or on another page; the search
    /// is never in it.
    func href(tab: RequestTab? = nil, page: Int? = nil) -> String {
        var parts = ["tab=\((tab ?? self.tab).rawValue)"]
        if let kind { parts.append("kind=\(kind.rawValue)") }
        if let dueFrom { parts.append("due_from=\(dueFrom)") }
        if let dueTo { parts.append("due_to=\(dueTo)") }
        if order != .deadline { parts.append("sort=\(order.rawValue)") }
        if descending { parts.append("order=desc") }
        if let page, page > 1 { parts.append("page=\(page)") }
        return "/admin/requests?" + parts.joined(separator: "&")
    }
}

extension RequestTab {
    var word: Word {
        switch self {
        case .open: .tabOpen
        case .overdue: .tabOverdue
        case .completed: .tabCompleted
        case .all: .tabAll
        }
    }
}

extension RequestOrder {
    var word: Word {
        switch self {
        case .deadline: .deadline
        case .received: .received
        case .reference: .reference
        case .kind: .kind
        }
    }
}
