import GallraCore

/// A request in a list (the overview, the requests page) and at the head of its own page.
struct RequestRow: Encodable, Sendable {
    let id: String
    let kind: String
    let subject: String
    let received: String
    let deadline: String
    /// The days left, the days overdue, or "completed".
    let left: String
    let overdue: Bool
    let verified: Bool

    init(_ request: DataSubjectRequest, today: CivilDate, words: Words) {
        id = request.id
        kind = words[.kind(request.kind)]
        subject = request.subject
        received = request.received.description
        deadline = request.deadline.description
        left =
            request.status == .completed
            ? words[.status(request.status)] : words.daysLeft(request.daysLeft(on: today))
        overdue = request.status != .completed && request.isOverdue(on: today)
        verified = request.verifiedAt != nil
    }
}

/// The requests page (`requests.mustache`): the open requests and the form to register one.
struct RequestsPage: Encodable, Sendable {
    struct Choice: Encodable, Sendable {
        let value: String
        let label: String
    }

    let navRequests = true
    let hasRequests: Bool
    /// The form's default day received.
    let today: String
    let requests: [RequestRow]
    let kinds: [Choice]
    let channels: [String]
    var error: String?
}

/// One request's page (`request.mustache`): its state, the work by hand, what completing it would
/// do in the connected databases, and the decisions.
struct RequestPage: Encodable, Sendable {
    struct Task: Encodable, Sendable {
        let system: String
        let name: String
        let instruction: String
        /// When and by whom it was done; nil while it is not.
        let done: String?
    }

    struct PlannedChange: Encodable, Sendable {
        let row: String
        let activity: String
        let action: String
    }

    struct Decision: Encodable, Sendable {
        let activity: String
        let action: String
        let article: String
        let until: String
        let reason: String
    }

    let navRequests = true
    let id: String
    let kind: String
    let subject: String
    let received: String
    let deadline: String
    let left: String
    let overdue: Bool
    let verified: Bool
    var article = ""
    var status = ""
    var open = false
    var verifiedHow: String?
    var `extension`: String?
    var message: String?
    var tasks: [Task] = []
    var hasTasks = false
    /// The messages about the request, each as its outbox row says.
    var mail: [Mail] = []
    var noMail = false

    struct Mail: Encodable, Sendable {
        let purpose: String
        let state: String
        let failed: Bool
    }
    var completed: String?
    var report = false
    var plan: [PlannedChange]?
    var hasPlan: Bool?
    var decisions: [Decision] = []
    var error: String?

    init(_ row: RequestRow) {
        (id, kind, subject, received) = (row.id, row.kind, row.subject, row.received)
        (deadline, left, overdue, verified) = (row.deadline, row.left, row.overdue, row.verified)
    }
}
