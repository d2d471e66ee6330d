import Foundation
import GallraConnectors
import GallraCore
import GallraDatabase
import SQLKit

/// How to answer a person who asked through the public pages.
public struct RequestContact: Sendable {
    /// The e-mail address they confirmed (their verified identity, Art. 12(6)).
    public let address: String
    public let language: Language
    /// What they wrote with the request: what is wrong (rectification), why (unsubscribe).
    public let message: String?

    public init(address: String, language: Language, message: String?) {
        self.address = address
        self.language = language
        self.message = message
    }
}

extension Requests {
    /// Keeps how to answer the person with their request; inside a transaction, it joins it.
    public func noteContact(_ id: String, subject: String, _ contact: RequestContact) async throws {
        let cipher = try await cipher(for: subject)
        let address = try cipher.seal(contact.address, context: "contact/\(id)/address")
        let message = try contact.message.map { try cipher.seal($0, context: "contact/\(id)/message") }
        try await data.transaction { sql in
            try await sql.raw(
                """
                INSERT INTO request_contacts (request_id, subject_id, lang, address_sealed, message_sealed)
                VALUES (\(bind: id), \(bind: subject), \(bind: contact.language.rawValue), \(bind: address),
                    \(bind: message))
                """
            ).run()
        }
    }

    /// How to answer the person, for a request made through the public pages; nil for the others,
    /// and once the subject is erased (its key, and with it the address, is gone).
    public func contact(of id: String) async throws -> RequestContact? {
        guard
            let row = try await data.read.raw(
                "SELECT subject_id, lang, address_sealed, message_sealed FROM request_contacts WHERE request_id = \(bind: id)"
            ).first()
        else { return nil }
        let subject = try row.decode(column: "subject_id", as: String.self)
        // Erased, their key is gone with the address; any other failure is an error, not "no one
        // to answer".
        let exists = try await data.read.raw("SELECT id FROM subjects WHERE id = \(bind: subject)").first() != nil
        guard exists else { return nil }
        let cipher = try await cipher(for: subject)
        return RequestContact(
            address: try cipher.open(
                try row.decode(column: "address_sealed", as: Data.self), context: "contact/\(id)/address"),
            language: Language(rawValue: try row.decode(column: "lang", as: String.self)) ?? .sv,
            message: try row.decode(column: "message_sealed", as: Data?.self).map {
                try cipher.open($0, context: "contact/\(id)/message")
            })
    }

    /// Audits the person's download of the copy a request sent them (or a refused attempt).
    public func noteDownload(_ id: String, subject: String, refused: Bool) async throws {
        try await data.transaction { sql in
            try await self.audit(
                [
                    AuditEvent(
                        refused ? "request.report.refused" : "request.report.download", subject: subject,
                        detail: refused
                            ? "request \(id): download link used with an address that does not match"
                            : "request \(id): the person downloaded the copy by its link")
                ], on: sql)
        }
    }
}
