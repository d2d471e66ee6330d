import Foundation
import GallraCore
import GallraStore

/// One step in a request's life, as the audit chain recorded it.
public struct RequestStep: Sendable {
    public enum Event: Sendable, Equatable {
        case opened, verified, extended, grounds, corrected, taskDone, completed, connected, lifted
        case copyDownloaded, downloadRefused, mailQueued, mailSent, mailFailed
        /// Refused with its ground (Art. 12(4)).
        case refused
        /// The activities it names changed, to these (empty: all of them).
        case rescoped([String])
        /// An entry of a kind this version does not name; its action code is shown.
        case other(String)
    }

    /// A decision as the completion's entry lists it.
    public struct Decision: Sendable, Equatable {
        public let activity: String
        public let action: String
        public let article: String
    }

    public let at: Date
    /// Who acted (`user:…` with a user's login for a user of the admin UI, `token:…`, `system:…`,
    /// `subject:…` for the person).
    public let actor: String
    public let event: Event
    /// The entry's own words after the request's id (without personal data, as every entry).
    public let detail: String
    /// The decisions carried out, on the completion's step.
    public let decisions: [Decision]
    /// The entry's place in the chain.
    public let seq: Int64
}

extension Gallra {
    /// What happened to a request, read from the audit chain in the order it was written: opened,
    /// verified, extended, grounds recorded, work by hand done, each decision carried out, rows in
    /// connected databases, each mail about it. Only for a party that may read the request.
    public func requestTimeline(_ id: String, by party: Party) async throws -> [RequestStep] {
        try await acting(by: party, needs: .readPersonalData) {
            let request = try await reachableRequest(id, by: party)
            var logins = ActorLogins(store: store)
            var steps: [RequestStep] = []
            for entry in try await store.requests.auditTrail(of: request) {
                var entry = entry
                // A user of the admin UI acts by their id; the page names them by their login.
                entry.actor = try await logins.named(entry.actor)
                steps.append(Self.step(entry, request: id))
            }
            return steps
        }
    }

    static func step(_ entry: AuditEntry, request id: String) -> RequestStep {
        let events: [String: RequestStep.Event] = [
            "request.open": .opened, "request.verify": .verified, "request.extend": .extended,
            "request.grounds": .grounds, "request.correct": .corrected, "request.task-done": .taskDone,
            "request.complete": .completed, "connected.request": .connected, "processing.lift": .lifted,
            "request.report.download": .copyDownloaded, "request.report.refused": .downloadRefused,
            "mail.queue": .mailQueued, "mail.queued": .mailQueued, "mail.sent": .mailSent,
            "mail.failed": .mailFailed, "request.refuse": .refused,
        ]
        var detail = Substring(entry.detail.dropFirst("request \(id)".count))
        detail = detail.drop { $0 == ":" || $0 == " " }
        var decisions: [RequestStep.Decision] = []
        if entry.action == "request.complete", let colon = detail.firstIndex(of: ":") {
            // "(erasure): support: erase Art. 17(1)(a); billing: keep Art. 17(3)(b)"
            decisions = detail[detail.index(after: colon)...].split(separator: ";").compactMap { part in
                let text = part.trimmingCharacters(in: .whitespaces)
                guard let split = text.firstIndex(of: ":") else { return nil }
                let rest = text[text.index(after: split)...].trimmingCharacters(in: .whitespaces)
                let action = rest.prefix { $0 != " " }
                return RequestStep.Decision(
                    activity: String(text[..<split]), action: String(action),
                    article: rest.dropFirst(action.count).trimmingCharacters(in: .whitespaces))
            }
            detail = detail[..<colon]
        }
        var event = events[entry.action] ?? .other(entry.action)
        if entry.action == "request.scope", let arrow = detail.range(of: " → ") {
            // "activities support → support, newsletter; reason given"
            let after = detail[arrow.upperBound...].prefix { $0 != ";" }
            event = .rescoped(after == "all activities" ? [] : after.components(separatedBy: ", "))
        }
        return RequestStep(
            at: Date(timeIntervalSince1970: Double(entry.at) / 1_000), actor: entry.actor, event: event,
            detail: String(detail), decisions: decisions, seq: entry.seq)
    }
}
