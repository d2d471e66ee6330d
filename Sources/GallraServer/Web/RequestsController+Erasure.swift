import Foundation
import GallraCore
import GallraServices
import Hummingbird

/// The page an erasure is carried out from: whose data, what each activity's decision is (erased
/// or kept, until when, under which law), how many rows in connected databases it changes, and
/// one more question (`confirm-erasure.mustache`). Nothing is erased on the first click.
struct ErasureConfirmPage: Encodable, Sendable {
    struct Count: Encodable, Sendable {
        let system: String
        let action: String
        let rows: Int
    }

    struct Decision: Encodable, Sendable {
        let activity: String
        let action: String
        let article: String
        let until: String
        let reason: String
        /// The person's records under the activity, now.
        let records: Int
    }

    let navRequests = true
    let id: String
    let reference: String
    let kind: String
    let whose: String
    let decisions: [Decision]
    let connected: [Count]
    let hasConnected: Bool
    var error: String?
}

extension RequestsController {
    /// GET /admin/requests/{id}/confirm: what carrying the erasure out will do, and its form.
    @Sendable func confirm(_ request: Request, context: Context) async throws -> Response {
        try await confirmPage(try context.parameters.require("id"), context: context, error: nil)
    }

    func confirmPage(_ id: String, context: Context, error: GallraError?) async throws -> Response {
        let words = Words(context.language)
        let language = context.language
        let party = try context.person().party
        let details = try await gallra.requestDetails(id, by: party)
        let request = details.request
        guard request.kind == .erasure, request.status != .completed else {
            return Response.redirect(to: "/admin/requests/\(id)", type: .normal)
        }
        let register = try await AdminPage.allowed({ try await gallra.register(by: party).register })
        let requester = RequesterView(
            try await gallra.requester(of: id, by: party), scoped: party.access.isScoped, words: words)
        let plan = try await gallra.connectedPlan(id, decisions: details.decisions, by: party)
        let held = try await gallra.recordCounts(of: id, by: party)
        var counts: [String: Int] = [:]
        var order: [String] = []
        for change in plan {
            let key = "\(change.system)\u{0}\(words[.plan(change.action)])"
            if counts[key] == nil { order.append(key) }
            counts[key, default: 0] += 1
        }
        let connected = order.map { key in
            let parts = key.split(separator: "\u{0}", maxSplits: 1).map(String.init)
            return ErasureConfirmPage.Count(system: parts[0], action: parts[1], rows: counts[key] ?? 0)
        }
        let reference = request.reference ?? request.id
        var page = ErasureConfirmPage(
            id: id, reference: reference, kind: words[.kind(request.kind)], whose: requester.line,
            decisions: details.decisions.map { decision in
                .init(
                    activity: register?.activity(decision.activity)?.name[language] ?? decision.activity,
                    action: words[.action(decision.action)], article: decision.article,
                    until: decision.until?.description ?? "", reason: decision.reason[language],
                    records: held[decision.activity] ?? 0)
            }, connected: connected, hasConnected: !connected.isEmpty)
        page.error = error?.message(in: words.language)
        return AdminPage.render(
            "confirm-erasure", title: "\(words[.confirmHeading]) \(reference)", page, context,
            status: error?.httpStatus ?? .ok)
    }
}
