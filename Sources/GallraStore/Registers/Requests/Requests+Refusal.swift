import Foundation
import GallraCore
import GallraDatabase
import SQLKit

extension Requests {
    /// Closes a request by refusing it (Art. 12(4)): nothing is carried out; the ground is kept,
    /// the reason sealed under the person's key, and the answer to the person (`deliver`) queued
    /// in the same transaction, so that a refusal is never recorded without its answer.
    public func refuse(
        _ id: String, _ refusal: RequestRefusal, sent: String, expires: Date?, at now: Date,
        deliver: (@Sendable () async throws -> Void)? = nil
    ) async throws {
        let request = try await pendingRequest(id)
        let reason = try await sealed(refusal.reason, subject: request.subject, request: id, field: "refusal_reason")
        try await data.transaction { sql in
            try await sql.raw(
                """
                UPDATE requests SET status = \(bind: RequestStatus.completed.rawValue), completed_at = \(bind: now.millis),
                decisions = \(bind: StoredDecisions.encode([])), sent = \(bind: sent), expires_at = \(bind: expires?.millis),
                refusal = \(bind: refusal.ground.rawValue), refusal_reason_sealed = \(bind: reason)
                WHERE id = \(bind: id) AND status <> \(bind: RequestStatus.completed.rawValue)
                """
            ).run()
            // Completed meanwhile by someone else: the row is not this refusal's, and no answer may
            // go out for it (the transaction rolls back).
            let refused = try await sql.raw(
                "SELECT refusal, completed_at FROM requests WHERE id = \(bind: id)"
            ).first()
            guard try refused?.decode(column: "refusal", as: String?.self) == refusal.ground.rawValue,
                try refused?.decode(column: "completed_at", as: Int64?.self) == now.millis
            else {
                throw GallraError.conflict("Request \(id) was completed meanwhile; it no longer changes.")
            }
            // Corrections noted for a rectification refused are not carried out: they go.
            try await sql.raw("DELETE FROM request_corrections WHERE request_id = \(bind: id)").run()
            try await sql.raw("DELETE FROM request_connected_corrections WHERE request_id = \(bind: id)").run()
            try await deliver?()
            try await self.audit(
                [
                    AuditEvent(
                        "request.refuse", subject: request.subject,
                        detail:
                            "request \(id) (\(request.kind.rawValue)) refused, \(refusal.ground.rawValue) (\(refusal.ground.article)); reasons given"
                    )
                ], on: sql)
        }
    }
}
