import Foundation
import GallraCore
import GallraServices
import Hummingbird

/// The admin UI's subjects: finding a person, what is kept of them and why, their consents, and
/// the legal holds on their data. A search is posted, never put in the address: what a person is
/// searched by (an address, a phone number, a name) would otherwise stay in the browser's history
/// and the logs of every proxy on the way; the page of a person found has their opaque id only.
struct SubjectsController: Sendable {
    typealias Context = GallraRequestContext
    let gallra: Gallra

    func add(to admin: RouterGroup<Context>) {
        admin.get("subjects", use: searchPage)
        admin.post("subjects", use: search)
        admin.get("subjects/:id", use: subject)
        admin.post("subjects/:id/holds", use: placeHold)
        admin.get("holds/:id", use: hold)
        admin.get("holds/:id/release", use: releaseQuestion)
        admin.post("holds/:id/release", use: releaseHold)
    }

    /// GET /admin/subjects: the search. An old link with a subject's id (`?q=<id>`) shows them;
    /// any other `q` is not looked up, so that no search is ever answered from an address.
    @Sendable func searchPage(_ request: Request, context: Context) async throws -> Response {
        let words = Words(context.language)
        let query = request.formQuery["q"] ?? ""
        if let id = UUID(uuidString: query.trimmingCharacters(in: .whitespaces)) {
            return Response.redirect(to: "/admin/subjects/\(id.uuidString.lowercased())", type: .normal)
        }
        var page = SubjectsPage()
        if !query.isEmpty { page.notice = words[.searchInForm] }
        return AdminPage.render("subjects", title: words[.navSubjects], page, context)
    }

    /// POST /admin/subjects: a person found by an identifier (e-mail, phone, personnummer, id), or
    /// the people found by a name.
    @Sendable func search(_ request: Request, context: Context) async throws -> Response {
        let form = try await context.form(request)
        let query = (form["q"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !query.isEmpty else {
            return AdminPage.render("subjects", title: Words(context.language)[.navSubjects], SubjectsPage(), context)
        }
        if Self.isName(query) { return try await names(query, context: context) }
        return try await person(query, query: query, context: context)
    }

    /// GET /admin/subjects/{id}: a person by their opaque id.
    @Sendable func subject(_ request: Request, context: Context) async throws -> Response {
        try await person(try context.parameters.require("id"), query: nil, context: context)
    }

    /// A name, not an identifier: letters, no "@", not an id. A phone number or a personnummer
    /// has no letters.
    static func isName(_ query: String) -> Bool {
        query.contains(where: \.isLetter) && !query.contains("@") && UUID(uuidString: query) == nil
    }

    private func names(_ query: String, context: Context) async throws -> Response {
        let words = Words(context.language)
        var page = SubjectsPage()
        page.query = query
        do {
            let search = try await gallra.subjectsNamed(query, by: try context.person().party)
            page.named = search.found.map { .init(id: $0.subject, name: $0.name) }
            page.nameSearched = true
            if !search.complete {
                page.notice = words.fill(.nameSearchBounded, ["compared": "\(search.compared)"])
            }
            return AdminPage.render("subjects", title: words[.navSubjects], page, context)
        } catch let error as GallraError {
            page.error = error.message(in: words.language)
            return AdminPage.render("subjects", title: words[.navSubjects], page, context, status: error.httpStatus)
        }
    }

    private func person(_ reference: String, query: String?, context: Context) async throws -> Response {
        let words = Words(context.language)
        var page = SubjectsPage()
        page.query = query
        do {
            let party = try context.person().party
            let export = try await gallra.exportSubject(reference, by: party)
            var subject = SubjectsPage.Subject(export, context.language)
            guard export.registered else {
                // Known only to the connected systems: their rows, and nothing the store would
                // hold (consents, holds), nor anything that would register them.
                subject.connectedOnly = true
                subject.reference = reference.trimmingCharacters(in: .whitespaces)
                page.subject = subject
                return AdminPage.render("subjects", title: words[.navSubjects], page, context)
            }
            let calendar = export.calendar
            subject.consents = try await gallra.consents(subject: export.subject, by: party).map { consent in
                .init(
                    activity: export.register.activity(consent.activity)?.name[context.language] ?? consent.activity,
                    wording: consent.wordingVersion, given: AdminPage.moment(consent.given, calendar),
                    state: consent.withdrawn.map { "\(words[.withdrawn]) \(AdminPage.moment($0, calendar))" }
                        ?? words[.inForce])
            }
            subject.hasConsents = !subject.consents.isEmpty
            if let holds = try await AdminPage.allowed({ try await gallra.holds(subject: export.subject, by: party) }) {
                subject.mayHold = true
                subject.subjectID = export.subject
                subject.holds = holds.map { hold in
                    .init(
                        id: hold.id,
                        activity: hold.activity.flatMap { export.register.activity($0)?.name[context.language] }
                            ?? words[.allActivities],
                        until: hold.until.map { AdminPage.moment($0, calendar) } ?? words[.untilReleased])
                }
                subject.activityChoices = export.register.activities.map {
                    .init(id: $0.id, name: $0.name[context.language])
                }
            }
            page.subject = subject
            return AdminPage.render("subjects", title: words[.navSubjects], page, context)
        } catch let error as GallraError {
            page.error = error.message(in: words.language)
            return AdminPage.render("subjects", title: words[.navSubjects], page, context, status: error.httpStatus)
        } catch let error as IdentifierError {
            page.error = error.message(in: words.language)
            return AdminPage.render(
                "subjects", title: words[.navSubjects], page, context, status: .unprocessableContent)
        }
    }

    /// POST /admin/subjects/{id}/holds: a legal hold (Art. 17(3)(e)) on one activity or all.
    @Sendable func placeHold(_ request: Request, context: Context) async throws -> Response {
        let id = try context.parameters.require("id")
        let form = try await context.form(request)
        let activity = (form["activity"] ?? "").isEmpty ? nil : form["activity"]
        _ = try await gallra.placeHold(
            subject: id, activity: activity, reason: form["reason"] ?? "", until: nil, by: try context.person().party)
        return Response.redirect(to: "/admin/subjects/\(Self.pathSafe(id))", type: .normal)
    }

    /// GET /admin/holds/{id}/release: what releasing the hold does, and whose it is, before it is
    /// released.
    @Sendable func releaseQuestion(_ request: Request, context: Context) async throws -> Response {
        try await holdPage(try context.parameters.require("id"), context: context, asking: true)
    }

    /// POST /admin/holds/{id}/release: with `confirm=yes`, releases the hold and shows its row;
    /// without, asks first (a form that posts straight here is asked too).
    @Sendable func releaseHold(_ request: Request, context: Context) async throws -> Response {
        let id = try context.parameters.require("id")
        let form = try await context.form(request)
        guard form["confirm"] == "yes" else { return try await holdPage(id, context: context, asking: true) }
        try await gallra.releaseHold(id, by: try context.person().party)
        return Response.redirect(to: "/admin/holds/\(Self.pathSafe(id))", type: .normal)
    }

    /// GET /admin/holds/{id}: the hold as its row says, released or still in force.
    @Sendable func hold(_ request: Request, context: Context) async throws -> Response {
        try await holdPage(try context.parameters.require("id"), context: context, asking: false)
    }

    /// The hold's page: asking before the release, or saying, from the hold's row, what it is now.
    private func holdPage(_ id: String, context: Context, asking: Bool) async throws -> Response {
        let words = Words(context.language)
        let party = try context.person().party
        let hold = try await gallra.hold(id, by: party)
        let calendar = try await gallra.calendar()
        // The person as the role may see them: their name (or their id, where they gave none),
        // else that the role may not.
        let person =
            try await AdminPage.allowed({ try await gallra.subjectNames([hold.subject], by: party) }).map {
                $0[hold.subject] ?? hold.subject
            } ?? words[.notVisibleToRole]
        let register = try await AdminPage.allowed { try await gallra.register(by: party).register }
        var facts: [ConfirmPage.Fact] = [
            .init(term: words[.person], value: person),
            .init(
                term: words[.activity],
                value: hold.activity.map { register?.activity($0)?.name[context.language] ?? $0 }
                    ?? words[.allActivities]),
        ]
        if let reason = hold.reason { facts.append(.init(term: words[.reasonLabel], value: reason)) }
        let back = "/admin/subjects/\(Self.pathSafe(hold.subject))"
        var page: ConfirmPage
        if asking && hold.released == nil {
            page = ConfirmPage(
                heading: words[.releaseHoldHeading], what: words[.releaseHoldWhat], back: back,
                backLabel: words[.toSubject])
            page.action = "/admin/holds/\(Self.pathSafe(id))/release"
            page.button = words[.confirmRelease]
        } else {
            let what =
                hold.released.map { words.fill(.holdReleasedAt, ["at": AdminPage.moment($0, calendar)]) }
                ?? words[.holdStillInForce]
            page = ConfirmPage(heading: words[.holdHeading], what: what, back: back, backLabel: words[.toSubject])
            page.done = true
        }
        page.navSubjects = true
        page.facts = .init(items: facts)
        return AdminPage.render("confirm", title: page.heading, page, context)
    }

    /// An id as a path segment: ids are UUIDs, and anything else is escaped.
    static func pathSafe(_ id: String) -> String {
        id.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(["-"])) ?? ""
    }
}
