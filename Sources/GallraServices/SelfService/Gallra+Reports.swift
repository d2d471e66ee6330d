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

    /// Completes a request that came through the public pages and sends a copy (access,
    /// portability): the copy is kept sealed behind a link e-mailed to the address the person
    /// confirmed, never attached, in the same transaction as the completion.
    func completeDelivering(_ request: DataSubjectRequest, to contact: RequestContact, settings: SelfServiceSettings)
        async throws -> RequestCompletion
    {
        let register = try await registerInForce()
        let calendar = try await calendar()
        let expiry = calendar.localDate(of: Date()).adding(days: Self.reportLifetimeDays)
        let expiresAt = calendar.startOfDay(expiry.adding(days: 1))
        let token = Secret.token()
        let copy = request.kind == .access ? "access report" : "portability copy"
        let sent = "\(copy) by a download link e-mailed to the confirmed address, working until \(expiry)"
        return try await carryOut(request.id, sent: sent) { request, export in
            guard let export else { return }
            let portable = request.kind == .portability
            let payload = ReportPayload(
                request: request.id, subject: request.subject, email: contact.address, language: contact.language,
                filename: "\(register.controller.name)-\(request.id).\(portable ? "json" : "html")"
                    .replacingOccurrences(of: " ", with: "-"),
                contentType: portable ? "application/json" : "text/html; charset=utf-8",
                body: portable ? export.json.description : export.html(contact.language))
            try await store.publicTokens.issue(
                digest: Secret.digest(token), purpose: "download",
                payload: String(decoding: try JSONEncoder().encode(payload), as: UTF8.self), expires: expiresAt)
            let link = settings.baseURL + "privacy/download/" + token + "?lang=" + contact.language.rawValue
            let message = PersonMail.report(
                to: contact.address, kind: .access, contact.language, link: link, expires: expiry,
                reference: request.reference ?? request.id, controller: register.controller, settings: settings)
            try await store.outbox.enqueue(message.rfc5322(), purpose: "report", about: (request.id, request.subject))
        }
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
