import Foundation
import GallraConnectors
import GallraCore
import GallraDatabase
import SQLKit

extension Records {
    /// The records of one activity that may be used now: not restricted, not objected to, and for
    /// an activity resting only on consent, only while the consent is in force. The read is audited.
    public func inUse(activity: String) async throws -> [RecordInUse] {
        let register = try await requireRegister()
        guard let processing = register.activity(activity) else {
            throw GallraError.notFound("The register has no activity \"\(activity)\".")
        }
        let now = Date()
        let rows = try await data.read.raw(
            """
            SELECT id, subject_id, category, value_sealed FROM records WHERE activity = \(bind: activity)
            AND subject_id NOT IN (SELECT subject_id FROM processing_limits
                WHERE lifted_at IS NULL AND (activity IS NULL OR activity = \(bind: activity)))
            ORDER BY subject_id, collected_at, id
            """
        ).all()
        // Consent-only processing: the subjects with a consent in force, in one read.
        var consenting: Set<String>?
        if processing.legalBasis == [.consent] {
            let nowMillis = now.millis
            consenting = Set(
                try await data.read.raw(
                    """
                    SELECT subject_id FROM consents WHERE activity = \(bind: activity) AND given_at <= \(bind: nowMillis)
                    AND (withdrawn_at IS NULL OR withdrawn_at > \(bind: nowMillis))
                    """
                ).all().map { try $0.decode(column: "subject_id", as: String.self) })
        }
        var result: [RecordInUse] = []
        for row in rows {
            let subject = try row.decode(column: "subject_id", as: String.self)
            if let consenting, !consenting.contains(subject) { continue }
            let id = try row.decode(column: "id", as: String.self)
            result.append(
                RecordInUse(
                    subject: subject, record: id, category: try row.decode(column: "category", as: String.self),
                    value: try await cipher(for: subject).open(
                        try row.decode(column: "value_sealed", as: Data.self), context: "record/\(id)")))
        }
        try await data.transaction { sql in
            try await self.audit(
                [AuditEvent("records.use", activity: activity, detail: "\(result.count) records read for processing")],
                on: sql)
        }
        return result
    }
}
