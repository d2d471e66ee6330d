import Foundation
import GallraCore
import SQLKit

/// Everything held on one subject (GDPR Art. 15/20), decrypted, with each record's activity,
/// purpose, legal basis, retention and expiry.
public struct SubjectExport: Sendable {
    public struct Identifier: Sendable {
        public let kind: String
        public let value: String
    }

    public struct Record: Sendable {
        public let id: String
        public let activity: ProcessingActivity
        public let category: String
        public let system: String?
        public let value: String
        public let collected: Date
        public let expires: Date?
        public let waitingFor: [String]
    }

    public struct Event: Sendable {
        public let name: String
        public let activity: String?
        public let record: String?
        public let occurred: Date
    }

    public let subject: String
    public let name: String?
    public let identifiers: [Identifier]
    public let records: [Record]
    public let events: [Event]
    public let calendar: ZonedCalendar
}

extension Store {
    /// Reads and decrypts everything held on the subject; the read is audited.
    public func exportSubject(_ reference: String) async throws -> SubjectExport {
        let subject = try await resolveSubject(reference)
        let register = try await requireRegister()
        let cipher = try await cipher(for: subject)
        let subjectRow = try await data.sql.raw("SELECT name_sealed FROM subjects WHERE id = \(bind: subject)").first()
        let name = try subjectRow?.decode(column: "name_sealed", as: Data?.self).map {
            try cipher.open($0, context: "\(subject)/name")
        }
        let identifiers = try await data.sql.raw(
            "SELECT kind, value_sealed FROM subject_identifiers WHERE subject_id = \(bind: subject) ORDER BY kind"
        ).all().map { row in
            let kind = try row.decode(column: "kind", as: String.self)
            return SubjectExport.Identifier(
                kind: kind,
                value: try cipher.open(
                    try row.decode(column: "value_sealed", as: Data.self), context: "\(subject)/\(kind)"))
        }
        let records = try await data.sql.raw(
            """
            SELECT id, activity, category, system, value_sealed, collected_at, expires_at, waiting_for
            FROM records WHERE subject_id = \(bind: subject) ORDER BY collected_at, id
            """
        ).all().compactMap { row -> SubjectExport.Record? in
            let id = try row.decode(column: "id", as: String.self)
            guard let activity = register.activity(try row.decode(column: "activity", as: String.self)) else {
                return nil
            }
            return SubjectExport.Record(
                id: id, activity: activity, category: try row.decode(column: "category", as: String.self),
                system: try row.decode(column: "system", as: String?.self),
                value: try cipher.open(try row.decode(column: "value_sealed", as: Data.self), context: "record/\(id)"),
                collected: Date(millis: try row.decode(column: "collected_at", as: Int64.self)),
                expires: try row.decode(column: "expires_at", as: Int64?.self).map(Date.init(millis:)),
                waitingFor: (try row.decode(column: "waiting_for", as: String?.self))?.split(separator: ",").map(
                    String.init) ?? [])
        }
        let events = try await storedEvents(subject: subject).sorted { $0.occurred < $1.occurred }.map {
            SubjectExport.Event(name: $0.name.rawValue, activity: $0.activity, record: $0.record, occurred: $0.occurred)
        }
        try await data.transaction { sql in
            try await self.audit(
                [AuditEvent("subject.export", subject: subject, detail: "\(records.count) records read")], on: sql)
        }
        return SubjectExport(
            subject: subject, name: name, identifiers: identifiers, records: records, events: events,
            calendar: try await calendar())
    }
}

extension SubjectExport {
    /// The export as JSON, keys in a stable, documented order.
    public var json: JSONText {
        func instant(_ date: Date?) -> JSONText { .optional(date.map(calendar.rfc3339)) }
        return .object([
            ("subject", .string(subject)),
            ("name", .optional(name)),
            (
                "identifiers",
                .array(identifiers.map { .object([("kind", .string($0.kind)), ("value", .string($0.value))]) })
            ),
            (
                "records",
                .array(
                    records.map { record in
                        .object([
                            ("id", .string(record.id)),
                            ("activity", .string(record.activity.id)),
                            (
                                "activity_name",
                                .object([
                                    ("sv", .string(record.activity.name[.sv])),
                                    ("en", .string(record.activity.name[.en])),
                                ])
                            ),
                            (
                                "purpose",
                                .object([
                                    ("sv", .string(record.activity.purpose[.sv])),
                                    ("en", .string(record.activity.purpose[.en])),
                                ])
                            ),
                            ("legal_basis", .array(record.activity.legalBasis.map { .string($0.rawValue) })),
                            ("law", .optional(record.activity.law)),
                            ("category", .string(record.category)),
                            ("system", .optional(record.system)),
                            ("value", .string(record.value)),
                            ("collected", instant(record.collected)),
                            ("retention", .string(record.activity.retention.description)),
                            ("retention_text", .optional(record.activity.retentionText.map { $0[.sv] })),
                            ("expires", instant(record.expires)),
                            ("waiting_for", .array(record.waitingFor.map(JSONText.string))),
                        ])
                    })
            ),
            (
                "events",
                .array(
                    events.map {
                        .object([
                            ("name", .string($0.name)), ("activity", .optional($0.activity)),
                            ("record", .optional($0.record)),
                            ("occurred", instant($0.occurred)),
                        ])
                    })
            ),
        ])
    }
}
