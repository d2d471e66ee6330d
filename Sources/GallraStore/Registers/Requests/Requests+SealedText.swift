import Foundation
import GallraConnectors
import GallraCore
import GallraDatabase
import SQLKit

/// What a request says in free text — how the person's identity was verified ("BankID",
/// "körkort 1234"), why its deadline was extended — is personal data: sealed under the person's
/// key, bound to its request and field, and gone with the key when the person is erased.
extension Requests {
    /// `text` sealed for `field` of `request`; nil for none. Nil too once the person has been erased
    /// (by another request or the sweep): their key is gone, and the text is kept as it would be
    /// had it been written a moment before the erasure — not at all. The request itself goes on.
    func sealed(_ text: String?, subject: String, request: String, field: String) async throws -> Data? {
        guard let text, try await subjectExists(subject) else { return nil }
        return try await cipher(for: subject).seal(text, context: "request/\(request)/\(field)")
    }

    /// A request read from its row, its free text opened. For a person erased since, whose key
    /// is gone, the text reads as none; any other failure to open it is an error.
    func opened(_ row: any SQLRow) async throws -> DataSubjectRequest {
        var request = try DataSubjectRequest(row: row)
        let sealed = [
            ("verified_how", try row.decode(column: "verified_how_sealed", as: Data?.self)),
            ("extension_reason", try row.decode(column: "extension_reason_sealed", as: Data?.self)),
            ("refusal_reason", try row.decode(column: "refusal_reason_sealed", as: Data?.self)),
            ("scope_reason", try row.decode(column: "scope_reason_sealed", as: Data?.self)),
        ].compactMap { field, data in data.map { (field, $0) } }
        guard !sealed.isEmpty else { return request }
        // A person erased since, whose key is gone: the texts read as none (a refusal keeps its ground).
        let cipher = try await subjectExists(request.subject) ? try await cipher(for: request.subject) : nil
        for (field, data) in sealed {
            let text = try cipher?.open(data, context: "request/\(request.id)/\(field)")
            switch field {
            case "verified_how": request.verifiedHow = text
            case "extension_reason": request.extensionReason = text
            case "refusal_reason":
                request.refusal = request.refusal.map { .init(restoring: $0.ground, reason: text ?? "") }
            default: request.scopeReason = text
            }
        }
        return request
    }

    private func subjectExists(_ subject: String) async throws -> Bool {
        try await data.read.raw("SELECT id FROM subjects WHERE id = \(bind: subject)").first() != nil
    }

    /// Seals what earlier versions kept in clear, and clears it; a person erased loses it. Run when
    /// the store opens; does nothing once done.
    func sealLegacyText() async throws {
        let rows = try await data.sql.raw(
            """
            SELECT id, subject_id, verified_how, extension_reason FROM requests
            WHERE verified_how IS NOT NULL OR extension_reason IS NOT NULL
            """
        ).all()
        for row in rows {
            let id = try row.decode(column: "id", as: String.self)
            let subject = try row.decode(column: "subject_id", as: String.self)
            let exists = try await subjectExists(subject)
            let verified =
                exists
                ? try await sealed(
                    try row.decode(column: "verified_how", as: String?.self), subject: subject, request: id,
                    field: "verified_how") : nil
            let reason =
                exists
                ? try await sealed(
                    try row.decode(column: "extension_reason", as: String?.self), subject: subject, request: id,
                    field: "extension_reason") : nil
            try await data.transaction { sql in
                try await sql.raw(
                    """
                    UPDATE requests SET verified_how = NULL, extension_reason = NULL,
                    verified_how_sealed = COALESCE(verified_how_sealed, \(bind: verified)),
                    extension_reason_sealed = COALESCE(extension_reason_sealed, \(bind: reason))
                    WHERE id = \(bind: id)
                    """
                ).run()
            }
        }
    }
}
