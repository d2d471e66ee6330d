import GallraCore

/// A request in a list (the overview, the requests page) and at the head of its own page.
struct RequestRow: Encodable, Sendable {
    let id: String
    /// The short reference people quote (`2026-0042`); the id for a request from before it.
    let reference: String
    let kind: String
    let subject: String
    let received: String
    let deadline: String
    /// The days left, the days overdue, or "completed".
    let left: String
    let overdue: Bool
    let verified: Bool
    /// The person who asked, as the role may see them; nil where the page does not show them.
    var requester: RequesterView?

    init(_ request: DataSubjectRequest, today: CivilDate, words: Words) {
        id = request.id
        reference = request.reference ?? request.id
        kind = words[.kind(request.kind)]
        subject = request.subject
        received = request.received.description
        deadline = request.deadline.description
        left =
            request.refusal != nil
            ? words[.refusedBecause]
            : request.status == .completed
                ? words[.status(request.status)] : words.daysLeft(request.daysLeft(on: today))
        overdue = request.status != .completed && request.isOverdue(on: today)
        verified = request.verifiedAt != nil
    }
}

/// The person who asked, as a role may see them: a name and addresses, or a word that says why
/// nothing is shown (erased whole, not for this role).
struct RequesterView: Encodable, Sendable {
    let name: String?
    let addresses: String?
    /// Said instead, when there is nothing to show.
    let note: String?

    init(_ requester: Requester, scoped: Bool, words: Words) {
        name = requester.name
        addresses = requester.addresses.isEmpty ? nil : requester.addresses.joined(separator: ", ")
        note =
            if requester.erased { words[.requesterErased] } else if name != nil || addresses != nil { nil } else {
                words[scoped ? .requesterHidden : .requesterNone]
            }
    }

    /// The name and addresses on one line, for a page head or a CSV field.
    var line: String { [name, addresses, note].compactMap { $0 }.joined(separator: " · ") }
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
    let reference: String
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
    var decisions: [Decision] = [] {
        didSet { hasDecisions = !decisions.isEmpty }
    }
    var hasDecisions = false
    var error: String?
    /// An open rectification's values and the corrections noted (Art. 16).
    var rectification: RectificationView?

    var requester: RequesterView?
    /// Other open requests of the same person and kind.
    var duplicates: [RequestRow] = [] {
        didSet { hasDuplicates = !duplicates.isEmpty }
    }
    var hasDuplicates = false
    var timeline: [TimelineStep] = []
    /// "Refused: ground — reason", once it is.
    var refusal: String?
    /// The grounds to refuse on, for the form.
    var grounds: [Choice] = []
    /// The activities the request names, by name; nil: all of them.
    var concerns = ""
    /// The activities to tick when the officer narrows or widens the request.
    var scope: [Choice] = [] {
        didSet { hasScope = !scope.isEmpty }
    }
    var hasScope = false
    var scopeReason: String?

    /// A choice in a form: its value, its label, and whether it is chosen.
    struct Choice: Encodable, Sendable {
        let value: String
        let label: String
        let checked: Bool
    }
    /// An erasure is carried out after a page that shows what it does (`confirm-erasure.mustache`).
    var confirmFirst = false
    var done = false

    init(_ row: RequestRow) {
        (id, reference, kind, subject, received) = (row.id, row.reference, row.kind, row.subject, row.received)
        (deadline, left, overdue, verified) = (row.deadline, row.left, row.overdue, row.verified)
    }
}
