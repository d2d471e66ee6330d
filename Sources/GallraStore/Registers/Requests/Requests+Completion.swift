import Foundation
import GallraConnectors
import GallraCore
import GallraDatabase
import SQLKit

extension Requests {
    /// The request, once it may be completed: pending, the identity of the person asking verified
    /// (Art. 12(6)), and the work by hand in every system not connected done.
    public func completable(_ id: String) async throws -> DataSubjectRequest {
        // The work by hand is checked while the request is read.
        async let tasksDone: Void = requireTasksDone(id)
        let request = try await pendingRequest(id)
        guard request.verifiedAt != nil else {
            throw GallraError.invalidInput(
                "The identity of the person asking has not been verified (Art. 12(6)); first: gallra request verify \(id) --how …"
            )
        }
        try await tasksDone
        return request
    }

    /// Writes a request's outcome in Gallra's own store in one transaction, each step audited:
    /// the records the decisions erase or anonymise, restrictions and objections placed,
    /// consents withdrawn, corrected values; then the request completed with its decisions, `sent`
    /// (what went to the person, without personal data) and its own expiry (`expires`, by the
    /// rule of the activity that keeps the requests). `deliver`, when given, runs in the same
    /// transaction, told the store's records corrected (the copy or the answer to the person).
    /// Returns whether the subject had nothing left and was erased whole (their key is destroyed
    /// by `RetentionSweep.destroyErasedSubjectKeys`, after this commits), and what was corrected.
    public func close(
        _ request: DataSubjectRequest, decisions: [RightsDecision], sent: String, expires: Date?, at now: Date,
        deliver: (@Sendable ([RequestCompletion.Correction]) async throws -> Void)? = nil
    ) async throws -> (erasedWhole: Bool, corrected: [RequestCompletion.Correction]) {
        let corrections = request.kind == .rectification ? try await sealedCorrections(of: request) : []
        let consents = try await store.consents.entries(of: request.subject)
        // A failed completion marks the erasures it journaled aborted.
        return try await store.erasureJournal.aborting {
            try await self.closing(
                request, decisions: decisions, corrections: corrections, consents: consents, at: now, sent: sent,
                expires: expires, deliver: deliver)
        }
    }

    private func closing(
        _ request: DataSubjectRequest, decisions: [RightsDecision], corrections: [SealedCorrection],
        consents: [ConsentEntry], at now: Date, sent: String, expires: Date?,
        deliver: (@Sendable ([RequestCompletion.Correction]) async throws -> Void)?
    ) async throws -> (erasedWhole: Bool, corrected: [RequestCompletion.Correction]) {
        let id = request.id
        return try await data.transaction { sql -> (erasedWhole: Bool, corrected: [RequestCompletion.Correction]) in
            let removals = try await self.removals(
                of: request.subject, request: id,
                decisions: decisions.filter { $0.action == .erase || $0.action == .anonymise }, on: sql)
            for decision in decisions {
                switch decision.action {
                case .erase, .anonymise:
                    break
                case .restrict:
                    try await self.placeLimit(
                        .restriction, subject: request.subject, activity: decision.activity, request: id,
                        at: now.millis, on: sql)
                case .stop where request.kind == .withdrawConsent:
                    for consent in consents where consent.activity == decision.activity && consent.isInForce(at: now) {
                        try await store.consents.close(consent, channel: request.channel, at: now, on: sql)
                    }
                case .stop:
                    try await self.placeLimit(
                        .objection, subject: request.subject, activity: decision.activity, request: id, at: now.millis,
                        on: sql)
                    try await store.records.insertEvents(
                        subject: request.subject, activity: decision.activity, record: nil,
                        events: [(.objection, now)], on: sql)
                case .keep, .provide:
                    break
                }
            }
            for correction in corrections {
                try await sql.raw(
                    "UPDATE records SET value_sealed = \(bind: correction.sealed) WHERE id = \(bind: correction.record)"
                ).run()
            }
            try await self.audit(
                corrections.map {
                    AuditEvent(
                        "record.rectify", subject: request.subject, activity: $0.activity,
                        detail: "record \($0.record) corrected, request \(id), Art. 16; old value not kept")
                }, on: sql)
            let emptied =
                removals.isEmpty
                ? []
                : try await store.sweep.remove(removals, at: now.millis, in: self.data, evidence: .eachRecord).emptied
            // Corrections are noted only on a rectification request.
            if request.kind == .rectification {
                try await sql.raw("DELETE FROM request_corrections WHERE request_id = \(bind: id)").run()
                try await sql.raw("DELETE FROM request_connected_corrections WHERE request_id = \(bind: id)").run()
            }
            try await sql.raw(
                """
                UPDATE requests SET status = \(bind: RequestStatus.completed.rawValue), completed_at = \(bind: now.millis),
                decisions = \(bind: StoredDecisions.encode(decisions)), sent = \(bind: sent),
                expires_at = \(bind: expires?.millis) WHERE id = \(bind: id)
                """
            ).run()
            let corrected = corrections.map { RequestCompletion.Correction(activity: $0.activity, what: $0.category) }
            try await deliver?(corrected)
            let summary = decisions.map { "\($0.activity): \($0.action.rawValue) \($0.article)" }
            try await self.audit(
                [
                    AuditEvent(
                        "request.complete", subject: request.subject,
                        detail: "request \(id) (\(request.kind.rawValue)): " + summary.joined(separator: "; "))
                ], on: sql)
            return (!emptied.isEmpty, corrected)
        }
    }

    /// The subject's records of the activities these decisions erase or anonymise, as removals;
    /// the activities' own events go with them. One statement each, whatever the decisions.
    private func removals(
        of subject: String, request id: String, decisions: [RightsDecision], on sql: any SQLDatabase
    ) async throws -> [Removal] {
        guard !decisions.isEmpty else { return [] }
        let activities = decisions.map(\.activity)
        let rows = try await sql.raw(
            """
            SELECT id, activity, expires_at FROM records WHERE subject_id = \(bind: subject)
            AND \(sql.member("activity", of: activities))
            """
        ).all()
        let waiting = try rows.filter { try $0.decode(column: "expires_at", as: Int64?.self) == nil }.count
        try await Records.countWaiting(-waiting, on: sql)
        try await sql.raw(
            """
            DELETE FROM events WHERE subject_id = \(bind: subject) AND \(sql.member("activity", of: activities))
            AND record_id IS NULL
            """
        ).run()
        let records = try rows.map {
            (
                id: try $0.decode(column: "id", as: String.self),
                activity: try $0.decode(column: "activity", as: String.self)
            )
        }
        return decisions.flatMap { decision in
            records.filter { $0.activity == decision.activity }.map { record in
                Removal(
                    record: record.id, subject: subject, activity: decision.activity,
                    action: decision.action == .anonymise ? .anonymise : .erase,
                    grounds: "request \(id), \(decision.article)")
            }
        }
    }

    private struct SealedCorrection {
        let record: String
        let activity: String
        let category: String
        let sealed: Data
    }

    /// A rectification's corrected values, sealed for their records.
    private func sealedCorrections(of request: DataSubjectRequest) async throws -> [SealedCorrection] {
        let rows = try await data.read.raw(
            """
            SELECT request_corrections.record_id, request_corrections.value_sealed, records.activity, records.category
            FROM request_corrections JOIN records ON records.id = request_corrections.record_id
            WHERE request_corrections.request_id = \(bind: request.id) ORDER BY request_corrections.record_id
            """
        ).all()
        let cipher = try await cipher(for: request.subject)
        return try rows.map { row in
            let record = try row.decode(column: "record_id", as: String.self)
            let value = try cipher.open(
                try row.decode(column: "value_sealed", as: Data.self), context: "correction/\(request.id)/\(record)")
            return SealedCorrection(
                record: record, activity: try row.decode(column: "activity", as: String.self),
                category: try row.decode(column: "category", as: String.self),
                sealed: try cipher.seal(value, context: "record/\(record)"))
        }
    }
}
