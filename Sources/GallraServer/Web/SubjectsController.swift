import Foundation
import GallraCore
import GallraServices
import Hummingbird

/// The admin UI's subjects: finding a person, what is kept of them and why, their consents, and
/// the legal holds on their data.
struct SubjectsController: Sendable {
    typealias Context = GallraRequestContext
    let gallra: Gallra

    func add(to admin: RouterGroup<Context>) {
        admin.get("subjects", use: subjects)
        admin.post("subjects/:id/holds", use: placeHold)
        admin.post("holds/:id/release", use: releaseHold)
    }

    /// GET /admin/subjects?q=…: a person found by an identifier, or the search alone.
    @Sendable func subjects(_ request: Request, context: Context) async throws -> Response {
        let words = Words(context.language)
        var page = SubjectsPage()
        guard let query = request.uri.queryParameters.get("q").map({ String($0) }), !query.isEmpty else {
            return AdminPage.render("subjects", title: words[.navSubjects], page, context)
        }
        page.query = query
        do {
            let party = try context.person().party
            let export = try await gallra.exportSubject(query, by: party)
            var subject = SubjectsPage.Subject(export, context.language)
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
            page.error = error.description
            return AdminPage.render("subjects", title: words[.navSubjects], page, context, status: error.httpStatus)
        } catch let error as IdentifierError {
            page.error = error.description
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
        return Response.redirect(to: "/admin/subjects?q=\(id)", type: .normal)
    }

    /// POST /admin/holds/{id}/release.
    @Sendable func releaseHold(_ request: Request, context: Context) async throws -> Response {
        let form = try await context.form(request)
        try await gallra.releaseHold(try context.parameters.require("id"), by: try context.person().party)
        return Response.redirect(to: "/admin/subjects?q=\(form["subject"] ?? "")", type: .normal)
    }
}
