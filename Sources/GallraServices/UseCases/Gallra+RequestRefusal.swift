import Foundation
import GallraCore
import GallraStore

extension Gallra {
    /// Closes a request by refusing it, with the ground and the reason (Art. 12(4)); nothing is
    /// carried out. The person is told by e-mail, with their right to complain to IMY and to go to
    /// court, where the request keeps their address and `delivery` says where the pages are;
    /// otherwise the party answers by `via`, and the record says Gallra sent nothing. What went
    /// to the person is read from the outbox.
    public func refuseRequest(
        _ id: String, _ refusal: RequestRefusal, via: String = "email", delivery: SelfServiceSettings? = nil,
        by party: Party
    ) async throws -> RequestCompletion {
        try await acting(by: party, needs: .writePersonalData) {
            let request = try await reachableRequest(id, by: party)
            guard request.status != .completed else {
                throw GallraError.conflict(
                    ErrorReason(
                        sv: "Ärende \(request.reference ?? id) är avslutat; det ändras inte längre.",
                        en: "Request \(request.reference ?? id) is completed; it no longer changes."))
            }
            let register = try await registerInForce()
            let calendar = try await calendar()
            let now = Date()
            let expires = Self.expiry(of: request, closedAt: now, register: register, calendar: calendar)
            if let delivery, via == "email", let contact = try await store.requests.contact(of: id) {
                let message = PersonMail.refused(
                    to: contact.address, request, refusal, contact.language, controller: register.controller,
                    settings: delivery)
                let store = self.store
                try await store.requests.refuse(id, refusal, sent: RequestAnswer.queued, expires: expires, at: now) {
                    try await store.outbox.enqueue(message.rfc5322(), purpose: "refused", about: (id, request.subject))
                }
            } else {
                _ = try RequestChannel(naming: via)
                try await store.requests.refuse(
                    id, refusal, sent: RequestAnswer.byHand(via, party), expires: expires, at: now)
            }
            return RequestCompletion(
                request: try await store.requests.request(id), decisions: [], subjectErased: false,
                mail: try await store.outbox.records(ofRequest: id))
        }
    }
}
