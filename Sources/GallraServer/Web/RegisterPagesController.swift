import Foundation
import GallraCore
import GallraServices
import Hummingbird

/// The admin UI's register of processing activities (Art. 30): the version in force, a new
/// version checked and compared before it is applied, and a draft written from the company's
/// spreadsheet.
struct RegisterPagesController: Sendable {
    typealias Context = GallraRequestContext
    let gallra: Gallra

    func add(to admin: RouterGroup<Context>) {
        admin.get("register", use: register)
        admin.post("register/review", use: reviewRegister)
        admin.post("register/import", use: importRegister)
        admin.post("register/apply", use: applyRegister)
        admin.get("register/versions/:version", use: version)
    }

    @Sendable func register(_ request: Request, context: Context) async throws -> Response {
        try await registerPage(context: context, message: nil)
    }

    private func registerPage(context: Context, message: String?) async throws -> Response {
        let language = context.language
        let party = try context.person().party
        let stored = try await gallra.register(by: party)
        let register = stored.register
        let since = try await gallra.calendar().localDate(of: stored.appliedAt)
        var page = RegisterPage(
            controller: register.controller.name, version: stored.version,
            mayChange: party.access.role.grants(.changeRegister), since: since.description,
            activities: register.activities.map { activity in
                .init(
                    name: activity.name[language], purpose: activity.purpose[language],
                    basis: activity.legalBasis.map { "\($0.name[language]) (\($0.article))" }
                        .joined(separator: ", "),
                    retention: activity.retention.wording(language, declaredEvents: register.events))
            },
            message: message)
        page.processorRecord = register.processorRecord.map { ProcessorRecordView($0, words: Words(language)) }
        return AdminPage.render("register", title: Words(language)[.navRegister], page, context)
    }

    /// POST /admin/register/review: the checker's problems by line, or what the new version
    /// changes and what it would make expire, before anything is applied.
    @Sendable func reviewRegister(_ request: Request, context: Context) async throws -> Response {
        let form = try await context.form(request)
        let yaml = (form["yaml"] ?? "").replacingOccurrences(of: "\r\n", with: "\n")
        return try await review(yaml: yaml, context: context, imported: nil)
    }

    /// POST /admin/register/import: the company's ROPA spreadsheet (sent as base64 by the page,
    /// at most 4 MiB) or a table pasted from it, shown as a draft register with every decision
    /// left flagged on its line; the person decides them in the draft and checks it again.
    @Sendable func importRegister(_ request: Request, context: Context) async throws -> Response {
        guard try context.person().party.access.role.grants(.changeRegister) else {
            throw HTTPError(.forbidden, message: "Your role does not change the register.")
        }
        let form = try await context.form(request, limit: 4 * 1024 * 1024)
        let name = (form["file_name"] ?? "").isEmpty ? "pasted.txt" : form["file_name"]!
        let data: Data
        if let encoded = form["file_data"], !encoded.isEmpty {
            guard let bytes = Data(base64Encoded: encoded) else {
                throw GallraError.invalidInput(
                    ErrorReason(
                        sv: "Filen kom inte fram hel; välj den igen.",
                        en: "The file did not arrive whole; choose it again."))
            }
            data = bytes
        } else if let pasted = form["table"], !pasted.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            data = Data(pasted.utf8)
        } else {
            throw GallraError.invalidInput(
                ErrorReason(
                    sv: "Välj ett kalkylark, eller klistra in tabellen.",
                    en: "Choose a spreadsheet, or paste the table."))
        }
        let inForce = try await gallra.register(by: try context.person().party).register
        let draft: RopaDraft
        do {
            draft = try RopaFile.draft(data: data, fileName: name, controller: inForce.controller)
        } catch let error as RopaImportError {
            throw GallraError.invalidInput(
                ErrorReason(sv: "\(name): \(error.text[.sv]).", en: "\(name): \(error.text[.en])."))
        } catch {
            throw GallraError.invalidInput("\(name): \(error).")
        }
        return try await review(yaml: draft.yaml, context: context, imported: (name, draft))
    }

    private func review(yaml: String, context: Context, imported: (name: String, draft: RopaDraft)?) async throws
        -> Response
    {
        let words = Words(context.language)
        let review = try await gallra.reviewRegister(yaml: yaml, by: try context.person().party)
        var page = ReviewPage(yaml: yaml, review: review, words: words)
        if let imported {
            let draft = imported.draft
            var counts = [words.fill(.importActivities, ["activities": "\(draft.activityCount)"])]
            if draft.controllersProcessedFor > 0 {
                counts.append(words.fill(.importControllers, ["controllers": "\(draft.controllersProcessedFor)"]))
            }
            counts += [
                words.fill(.importRules, ["rules": "\(draft.rulesRead)"]),
                words.fill(.importDecisions, ["decisions": "\(draft.decisions.count)"]),
            ]
            let template =
                Word.template(draft.template).map { words.fill(.importRecognised, ["template": words[$0]]) }
                ?? words[.importNoTemplate]
            page.imported = "\(imported.name): " + counts.joined(separator: ", ") + ". " + template
        }
        return AdminPage.render(
            "review", title: words[.reviewHeading], page, context,
            status: review.register == nil || review.refusal != nil ? .unprocessableContent : .ok)
    }

    /// POST /admin/register/apply: asks once more, showing what the version changes (from the
    /// review, done again); with `confirm=yes` the reviewed file becomes the version in force,
    /// and the page says so from the version's row.
    @Sendable func applyRegister(_ request: Request, context: Context) async throws -> Response {
        let form = try await context.form(request)
        let yaml = (form["yaml"] ?? "").replacingOccurrences(of: "\r\n", with: "\n")
        let party = try context.person().party
        guard form["confirm"] == "yes" else {
            let words = Words(context.language)
            let review = try await gallra.reviewRegister(yaml: yaml, by: party)
            // A file the checker refuses goes back to its review, with its problems by line.
            guard review.canApply else { return try await self.review(yaml: yaml, context: context, imported: nil) }
            let changes = ReviewPage(yaml: yaml, review: review, words: words).changes
            var page = ConfirmPage(
                heading: words[.applyConfirmHeading], what: words[.applyConfirmWhat], back: "/admin/register",
                backLabel: words[.back])
            page.navRegister = true
            page.table = ConfirmPage.Table(
                caption: words[.changes],
                headers: [words[.activity], words[.change], words[.records], words[.expiredNow]],
                rows: changes.map {
                    .init(cells: [$0.name, $0.what, "\($0.held)", "\($0.expiredBefore) → \($0.expiredAfter)"])
                })
            if review.processorRecordChanged {
                page.facts = .init(items: [.init(term: words[.changes], value: words[.processorRecordChanged])])
            } else if changes.isEmpty {
                page.facts = .init(items: [.init(term: words[.changes], value: words[.noChanges])])
            }
            page.action = "/admin/register/apply"
            page.button = words[.confirmApply]
            page.text = yaml
            return AdminPage.render("confirm", title: page.heading, page, context)
        }
        let applied = try await gallra.applyRegister(yaml: yaml, file: "the register", by: party)
        return Response.redirect(to: "/admin/register/versions/\(applied.version)", type: .normal)
    }

    /// GET /admin/register/versions/{n}: a version as its row says: when it was applied, and
    /// whether it is in force.
    @Sendable func version(_ request: Request, context: Context) async throws -> Response {
        let words = Words(context.language)
        guard let number = Int64(try context.parameters.require("version")) else {
            throw GallraError.notFound(
                ErrorReason(sv: "Den registerversionen finns inte.", en: "There is no such register version."))
        }
        let party = try context.person().party
        let stored = try await gallra.register(.version(number), by: party)
        let current = try await gallra.register(by: party)
        let at = AdminPage.moment(stored.appliedAt, try await gallra.calendar())
        let values = ["version": "\(stored.version)", "at": at]
        var page = ConfirmPage(
            heading: words[.navRegister],
            what: current.version == stored.version
                ? words.fill(.versionApplied, values) : words.fill(.versionSuperseded, values),
            back: "/admin/register", backLabel: words[.navRegister])
        page.done = true
        page.navRegister = true
        page.facts = .init(items: [
            .init(
                term: words[.activity],
                value: stored.register.activities.map { $0.name[context.language] }.joined(separator: ", "))
        ])
        return AdminPage.render("confirm", title: page.heading, page, context)
    }
}
