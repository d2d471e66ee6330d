import Foundation
import GallraCore
import GallraStore

/// Which requests the queue shows.
public enum RequestTab: String, CaseIterable, Sendable {
    /// Not yet completed (extended ones too).
    case open
    /// Not completed and past the deadline.
    case overdue
    case completed
    case all

    func holds(_ request: DataSubjectRequest, on day: CivilDate) -> Bool {
        switch self {
        case .open: request.status != .completed
        case .overdue: request.isOverdue(on: day)
        case .completed: request.status == .completed
        case .all: true
        }
    }
}

/// What the queue is sorted by.
public enum RequestOrder: String, CaseIterable, Sendable {
    case deadline, received, reference, kind
}

/// What an officer asks of the queue: a tab, a search, filters, an order and a page.
public struct RequestQuery: Sendable {
    public var tab: RequestTab = .open
    /// A reference (short or id), an e-mail address, a phone number, a personnummer or a name.
    public var search: String?
    public var kind: RequestKind?
    /// Deadlines from and to these days, both included.
    public var dueFrom: CivilDate?
    public var dueTo: CivilDate?
    public var order: RequestOrder = .deadline
    public var descending = false
    /// From 1.
    public var page = 1
    /// Nil: every request that matches, on one page (the CSV export).
    public var pageSize: Int? = 25
    /// Whether the rows name their requesters (a read of personal data, audited); the API's list,
    /// which shows none, reads none.
    public var requesters = true

    public init() {}
}

/// A request in the queue, with the person who made it as the caller may see them.
public struct QueuedRequest: Sendable {
    public let request: DataSubjectRequest
    /// Nil when the query asked for none.
    public let requester: Requester?
}

/// One page of the queue, and how many requests each tab holds for the same search and filters.
public struct RequestQueue: Sendable {
    public let rows: [QueuedRequest]
    /// The requests that match, on every page.
    public let total: Int
    public let page: Int
    public let pages: Int
    public let counts: [RequestTab: Int]
}

extension Gallra {
    /// The request queue: the requests the party reaches, in a tab, found by the search, filtered,
    /// sorted and paged, each with its requester as far as the party may see them (support: only
    /// addresses given under its activities, no name). A person found by an identifier is found
    /// through the subject lookup, within the party's reach; a name is matched only against the
    /// names the party may see.
    public func requestQueue(_ query: RequestQuery, on day: CivilDate, by party: Party) async throws -> RequestQueue {
        try await acting(by: party, needs: .readPersonalData) {
            let reachable = try await store.requests.all().filter {
                // try?: a request out of reach is left out of the queue
                (try? requireReach($0, by: party)) != nil
            }
            var filtered = reachable.filter { request in
                (query.kind.map { request.kind == $0 } ?? true)
                    && (query.dueFrom.map { request.deadline >= $0 } ?? true)
                    && (query.dueTo.map { request.deadline <= $0 } ?? true)
            }
            let reach = party.access.isScoped ? party.access.activities : nil
            var requesters: [String: Requester] = [:]
            if let term = query.search?.trimmingCharacters(in: .whitespaces), !term.isEmpty {
                let found = try await requestsFound(by: term, among: filtered, by: party)
                var byName: Set<String> = []
                // A name is looked for only among the names the party may see (never for support).
                if reach == nil, term.contains(where: \.isLetter), !term.contains("@") {
                    requesters = try await store.subjects.requesters(
                        filtered.map(\.subject), reach: reach, audited: false)
                    byName = Set(
                        filtered.filter { request in
                            requesters[request.subject]?.name.map { Self.name($0, contains: term) } ?? false
                        }.map(\.id))
                }
                filtered = filtered.filter { found.contains($0.id) || byName.contains($0.id) }
            }
            var counts: [RequestTab: Int] = [:]
            for tab in RequestTab.allCases { counts[tab] = filtered.filter { tab.holds($0, on: day) }.count }
            let sorted = filtered.filter { query.tab.holds($0, on: day) }.sorted { Self.precedes($0, $1, query) }
            let size = query.pageSize ?? max(sorted.count, 1)
            let pages = max(1, (sorted.count + size - 1) / size)
            let page = min(max(query.page, 1), pages)
            let shown = Array(sorted.dropFirst((page - 1) * size).prefix(size))
            let opened =
                query.requesters
                ? try await store.subjects.requesters(
                    shown.map(\.subject), reach: reach, audited: true, purpose: "requester shown in the request queue")
                : [:]
            return RequestQueue(
                rows: shown.map {
                    QueuedRequest(request: $0, requester: query.requesters ? opened[$0.subject] ?? .erasedWhole : nil)
                },
                total: sorted.count, page: page, pages: pages, counts: counts)
        }
    }

    /// The requests a reference or an identifier names: a short reference (`2026-0042`), a
    /// request's or a person's id, or a person's e-mail address, phone number or personnummer,
    /// found through the subject lookup within the party's reach. A term may read as more than one
    /// (a phone number written as `0701-234567`); every reading counts.
    func requestsFound(by term: String, among requests: [DataSubjectRequest], by party: Party) async throws
        -> Set<String>
    {
        var found: Set<String> = []
        if let reference = RequestReference(term) {
            found.formUnion(requests.filter { $0.reference == reference.description }.map(\.id))
        }
        if UUID(uuidString: term) != nil {
            let id = term.lowercased()
            found.formUnion(requests.filter { $0.id == id || $0.subject == id }.map(\.id))
        }
        let today = try await calendar().localDate(of: Date())
        if SubjectIdentifier(guessing: term, today: today) != nil {
            let subject: String?
            do {
                subject = try await reachableSubject(term, by: party)
            } catch GallraError.notFound, GallraError.forbidden {
                subject = nil
            }
            if let subject { found.formUnion(requests.filter { $0.subject == subject }.map(\.id)) }
        }
        return found
    }

    /// A name matches when it holds the term, whatever the case and the accents ("ostlund" finds
    /// "Östlund").
    static func name(_ name: String, contains term: String) -> Bool {
        name.range(of: term, options: [.caseInsensitive, .diacriticInsensitive]) != nil
    }

    static func precedes(_ a: DataSubjectRequest, _ b: DataSubjectRequest, _ query: RequestQuery) -> Bool {
        func key(_ request: DataSubjectRequest) -> [String] {
            let reference = request.reference.flatMap(RequestReference.init).map {
                String(format: "%04d-%09d", $0.year, $0.number)
            }
            let order: String =
                switch query.order {
                case .deadline: request.deadline.description
                case .received: request.received.description
                case .reference: reference ?? ""
                case .kind: request.kind.rawValue
                }
            return [order, request.deadline.description, request.received.description, request.id]
        }
        let (first, second) = (key(a), key(b))
        if first[0] != second[0] { return query.descending ? first[0] > second[0] : first[0] < second[0] }
        return first.lexicographicallyPrecedes(second)
    }

    /// The other requests not yet completed of the same person and the same kind (two open
    /// objections, say): most likely one request sent twice, to be answered once.
    public func duplicateRequests(of id: String, by party: Party) async throws -> [DataSubjectRequest] {
        try await acting(by: party, needs: .readPersonalData) {
            let request = try await reachableRequest(id, by: party)
            guard request.status != .completed else { return [] }
            return try await store.requests.pending(of: request.subject).filter {
                // try?: a request out of reach is not named
                $0.id != id && $0.kind == request.kind && (try? requireReach($0, by: party)) != nil
            }
        }
    }

    /// How many records the request's subject has under each activity the party reaches, before
    /// the request is carried out (an erasure's page of confirmation shows them).
    public func recordCounts(of id: String, by party: Party) async throws -> [String: Int] {
        try await acting(by: party, needs: .readPersonalData) {
            let request = try await reachableRequest(id, by: party)
            return try await store.requests.recordCounts(of: request).filter { party.access.reaches(activity: $0.key) }
        }
    }

    /// The id of the request a short reference (`2026-0042`) names, within the party's reach.
    public func requestID(reference: RequestReference, by party: Party) async throws -> String {
        try await acting(by: party, needs: .readPersonalData) {
            guard let request = try await store.requests.request(reference: reference) else {
                throw GallraError.notFound(
                    ErrorReason(
                        sv: "Inget ärende har referensen \(reference).",
                        en: "No request has the reference \(reference)."))
            }
            try requireReach(request, by: party)
            return request.id
        }
    }

    /// The person who made a request, as far as the party may see them; the read is audited.
    public func requester(of id: String, by party: Party) async throws -> Requester {
        try await acting(by: party, needs: .readPersonalData) {
            let request = try await reachableRequest(id, by: party)
            let reach = party.access.isScoped ? party.access.activities : nil
            return try await store.subjects.requesters(
                [request.subject], reach: reach, audited: true, purpose: "requester shown with request \(id)"
            )[request.subject] ?? .erasedWhole
        }
    }
}
