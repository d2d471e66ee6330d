import Foundation
import GallraCore
import GallraServices
import Hummingbird

/// A subject's copy (JSON) from the admin UI: prepared on its own while its page shows how far it
/// has come, then downloaded once by the person who asked for it.
struct SubjectExportController: Sendable {
    typealias Context = GallraRequestContext
    let gallra: Gallra
    let jobs: ExportJobs

    func add(to admin: RouterGroup<Context>) {
        admin.post("subjects/:id/export", use: start)
        admin.post("subjects/export", use: startConnected)
        admin.get("exports/:job", use: progress)
        admin.get("exports/:job/download", use: download)
    }

    /// POST /admin/subjects/{id}/export: whether the person may read the subject is settled here;
    /// the copy is then prepared on its own.
    @Sendable func start(_ request: Request, context: Context) async throws -> Response {
        _ = try await context.form(request)
        let person = try context.person()
        let subject = try await gallra.reachableSubjectID(try context.parameters.require("id"), by: person.party)
        let id = await jobs.start(gallra, subject: subject, owner: person.email, by: person.party)
        return Response.redirect(to: "/admin/exports/\(id)", type: .normal)
    }

    /// POST /admin/subjects/export: the copy of a person only the connected systems know, by the
    /// identifier they were found by (`reference`, in the form, never the address); whether the
    /// person may read them is settled by the export itself, which finds them again.
    @Sendable func startConnected(_ request: Request, context: Context) async throws -> Response {
        let form = try await context.form(request)
        let person = try context.person()
        let reference = (form["reference"] ?? "").trimmingCharacters(in: .whitespaces)
        guard !reference.isEmpty, UUID(uuidString: reference) == nil else {
            throw GallraError.invalidInput(
                ErrorReason(sv: "Sök först efter personen.", en: "Search for the person first."))
        }
        let id = await jobs.start(gallra, subject: reference, shown: "", owner: person.email, by: person.party)
        return Response.redirect(to: "/admin/exports/\(id)", type: .normal)
    }

    /// GET /admin/exports/{job}: how far the copy has come; the page renews itself (no script)
    /// until it is ready to download.
    @Sendable func progress(_ request: Request, context: Context) async throws -> Response {
        let words = Words(context.language)
        let id = try context.parameters.require("job")
        guard let job = await jobs.job(id, owner: try context.person().email) else {
            throw GallraError.notFound(
                ErrorReason(
                    sv: "Ingen kopia förberedd åt dig har det id:t; den kan redan ha hämtats.",
                    en: "No copy prepared for you has this id; it may have been downloaded already."))
        }
        // A person the store does not hold is named by no id of the store's, nor linked to a page.
        let registered = !job.shown.isEmpty && !job.shown.hasPrefix("connected-")
        var page = ExportPage(
            subject: job.shown, registered: registered,
            back: registered ? "/admin/subjects/\(job.shown)" : "/admin/subjects", running: job.running, id: id,
            ready: job.body != nil, error: job.failure?[context.language])
        switch job.progress {
        case .records(let done, let total)?:
            page.step = words[.exportStepRecords]
            page.done = done
            page.total = max(total, 1)
            page.counted = true
        case .connected?: page.step = words[.exportStepConnected]
        case .finishing?: page.step = words[.exportStepFinishing]
        case nil: page.step = words[.exportStepStarting]
        }
        return Pages.shared.render(
            "export", title: words[.exportHeading], page, language: context.language,
            signedIn: context.view, refresh: job.running ? 1 : nil)
    }

    /// GET /admin/exports/{job}/download: the copy, once, to the person who asked for it.
    @Sendable func download(_ request: Request, context: Context) async throws -> Response {
        let id = try context.parameters.require("job")
        guard let copy = await jobs.take(id, owner: try context.person().email) else {
            throw GallraError.notFound(
                ErrorReason(
                    sv: "Ingen kopia förberedd åt dig har det id:t; den kan redan ha hämtats.",
                    en: "No copy prepared for you has this id; it may have been downloaded already."))
        }
        return Response(
            status: .ok,
            headers: [
                .contentType: "application/json; charset=utf-8",
                .contentDisposition: "attachment; filename=\"subject-\(copy.subject).json\"",
                .cacheControl: "no-store",
            ],
            body: .init(byteBuffer: ByteBuffer(string: copy.body)))
    }
}

/// A copy of a person's data on its way (`export.mustache`), renewed until it is ready.
struct ExportPage: Encodable, Sendable {
    let navSubjects = true
    let subject: String
    let registered: Bool
    /// The person's page; the search for a person the store does not hold.
    let back: String
    let running: Bool
    let id: String
    let ready: Bool
    let error: String?
    var step = ""
    /// How many of the records are opened, while they are counted.
    var done: Int?
    var total: Int?
    var counted: Bool?
}
