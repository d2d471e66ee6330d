import Foundation
import GallraCore
import GallraStore

/// What a download link carries until it expires, sealed in the token register: the copy as it
/// stood when the request was completed, and the address it may be given to.
struct ReportPayload: Codable, Sendable {
    let request: String
    let subject: String
    let email: String
    let language: Language
    let filename: String
    let contentType: String
    let body: String
}

/// What a download link gives.
public enum ReportDownload: Sendable {
    /// The copy, to give to the person.
    case file(name: String, contentType: String, body: String)
    /// The address written is not the one the request was confirmed with.
    case mismatch
    /// The link is unknown or has expired.
    case invalid
}

extension Gallra {
    /// How long the link to a copy works.
    public static let reportLifetimeDays = 14

    /// Queues the answer to the person, inside the completion's transaction: for a copy that holds
    /// something, a link to it (the copy kept sealed behind the link, never attached, for the
    /// address the request keeps); else what was done, and what was not and why.
    func answer(
        _ request: DataSubjectRequest, _ outcome: RequestOutcome, export: SubjectExport?, to contact: RequestContact,
        settings: SelfServiceSettings
    ) async throws {
        let controller = outcome.register.controller
        guard request.kind.sendsCopy, let export, outcome.holdsData else {
            let message = PersonMail.outcome(
                to: contact.address, request, outcome, contact.language, controller: controller, settings: settings)
            try await store.outbox.enqueue(message.rfc5322(), purpose: "outcome", about: (request.id, request.subject))
            return
        }
        let calendar = try await calendar()
        let expiry = calendar.localDate(of: Date()).adding(days: Self.reportLifetimeDays)
        let token = Secret.token()
        let portable = request.kind == .portability
        let payload = ReportPayload(
            request: request.id, subject: request.subject, email: contact.address, language: contact.language,
            filename: "\(controller.name)-\(request.id).\(portable ? "json" : "html")"
                .replacingOccurrences(of: " ", with: "-"),
            contentType: portable ? "application/json" : "text/html; charset=utf-8",
            body: portable ? export.json.description : export.html(contact.language))
        try await store.publicTokens.issue(
            digest: Secret.digest(token), purpose: "download",
            payload: String(decoding: try JSONEncoder().encode(payload), as: UTF8.self),
            expires: calendar.startOfDay(expiry.adding(days: 1)))
        let link = settings.baseURL + "privacy/download/" + token + "?lang=" + contact.language.rawValue
        let message = PersonMail.report(
            to: contact.address, request, contact.language, link: link, expires: expiry, controller: controller,
            settings: settings)
        try await store.outbox.enqueue(message.rfc5322(), purpose: "report", about: (request.id, request.subject))
    }

    /// Whether a download link works (the page it opens gives nothing until the address is written).
    public func reportIsWaiting(token: String) async throws -> Bool {
        try await store.publicTokens.peek(digest: Secret.digest(token), purpose: "download") != nil
    }

    /// The copy behind a download link, given only for the address the request was confirmed
    /// with; every download and every refused address is audited. The link works until it expires.
    public func downloadReport(token: String, email: String) async throws -> ReportDownload {
        guard let text = try await store.publicTokens.peek(digest: Secret.digest(token), purpose: "download") else {
            return .invalid
        }
        let payload = try JSONDecoder().decode(ReportPayload.self, from: Data(text.utf8))
        // try?: an address that does not read matches no one: the download is refused
        let given = (try? SubjectIdentifier.normalisedEmail(email)) ?? ""
        let matches = Secret.digest(given) == Secret.digest(payload.email)
        try await store.work(by: Self.selfService) {
            try await store.requests.noteDownload(payload.request, subject: payload.subject, refused: !matches)
        }
        return matches ? .file(name: payload.filename, contentType: payload.contentType, body: payload.body) : .mismatch
    }
}
