import Foundation
import GallraCore
import GallraServices
import Hummingbird

/// Data subject requests over HTTP: the same use cases as `gallra request`.
struct RequestController: Sendable {
    typealias Context = GallraRequestContext
    let gallra: Gallra
    /// Where a copy for a person who asked on the public pages is sent from.
    let selfService: SelfServiceSettings

    func add(to api: RouterGroup<Context>) {
        api.get("requests", use: list)
        api.post("requests", use: open)
        api.get("requests/:id", use: show)
        api.post("requests/:id/verify", use: verify)
        api.post("requests/:id/extend", use: extend)
        api.post("requests/:id/complete", use: complete)
        api.post("requests/:id/refuse", use: refuse)
        api.post("requests/:id/scope", use: scope)
    }

    /// GET /api/v1/requests[?status=open|overdue|completed|all][&kind=KIND]: the queue's tab
    /// (not yet completed by default), the nearest deadline first.
    @Sendable func list(_ request: Request, context: Context) async throws -> JSONResponse {
        let status = request.uri.queryParameters.get("status") ?? "open"
        guard let tab = RequestTab(rawValue: String(status)) else {
            throw GallraError.invalidInput("\"status\" is open, overdue, completed or all.")
        }
        var query = RequestQuery()
        query.tab = tab
        query.pageSize = nil
        query.requesters = false
        if let kind = request.uri.queryParameters.get("kind") {
            guard let named = RequestKind(rawValue: String(kind)) else {
                throw GallraError.invalidInput(
                    "\"kind\" is one of \(RequestKind.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            query.kind = named
        }
        let today = try await gallra.calendar().localDate(of: Date())
        let queue = try await gallra.requestQueue(query, on: today, by: try context.actingParty())
        return JSONResponse(.array(queue.rows.map { $0.request.summaryJSON(on: today) }))
    }

    struct OpenBody: JSONBody {
        static let fields: Set<String> = ["kind", "subject", "received", "channel", "activities", "verified_how"]
        var kind: String
        var subject: String
        var received: String?
        var channel: String?
        var activities: [String]?
        var verifiedHow: String?

        enum CodingKeys: String, CodingKey {
            case kind, subject, received, channel, activities
            case verifiedHow = "verified_how"
        }
    }

    /// POST /api/v1/requests: 201 with the request as `GET /requests/{id}` gives it.
    @Sendable func open(_ request: Request, context: Context) async throws -> JSONResponse {
        let body = try await request.decodeStrictly(OpenBody.self)
        guard let kind = RequestKind(rawValue: body.kind) else {
            throw GallraError.invalidInput(
                "\"kind\" is one of \(RequestKind.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        let received = try body.received.map { text in
            guard let day = CivilDate(iso: text) else {
                throw GallraError.invalidInput("\"received\" is a date, YYYY-MM-DD.")
            }
            return day
        }
        let party = try context.actingParty()
        let id = try await gallra.openRequest(
            kind, subject: body.subject, received: received, channel: body.channel ?? "email",
            activities: body.activities, verifiedHow: body.verifiedHow, by: party)
        return try await details(id, request: request, by: party, status: .created)
    }

    /// GET /api/v1/requests/{id}[?lang=sv|en]: the JSON of `gallra request show --json`.
    @Sendable func show(_ request: Request, context: Context) async throws -> JSONResponse {
        try await details(try context.parameters.require("id"), request: request, by: try context.actingParty())
    }

    struct VerifyBody: JSONBody {
        static let fields: Set<String> = ["how"]
        var how: String
    }

    /// POST /api/v1/requests/{id}/verify: `{"how": "BankID"}` (Art. 12(6)).
    @Sendable func verify(_ request: Request, context: Context) async throws -> JSONResponse {
        let id = try context.parameters.require("id")
        let body = try await request.decodeStrictly(VerifyBody.self)
        let party = try context.actingParty()
        try await gallra.verifyRequest(id, how: body.how, by: party)
        return try await details(id, request: request, by: party)
    }

    struct ExtendBody: JSONBody {
        static let fields: Set<String> = ["reason"]
        var reason: String
    }

    /// POST /api/v1/requests/{id}/extend: `{"reason": …}` (Art. 12(3)).
    @Sendable func extend(_ request: Request, context: Context) async throws -> JSONResponse {
        let id = try context.parameters.require("id")
        let body = try await request.decodeStrictly(ExtendBody.self)
        let party = try context.actingParty()
        _ = try await gallra.extendRequest(id, reason: body.reason, delivery: selfService, by: party)
        return try await details(id, request: request, by: party)
    }

    struct CompleteBody: JSONBody {
        static let fields: Set<String> = ["via", "lang"]
        var via: String?
        var lang: String?
    }

    /// POST /api/v1/requests/{id}/complete: carries the decisions out; for access and
    /// portability, the answer holds the copy for the person under "copy".
    @Sendable func complete(_ request: Request, context: Context) async throws -> JSONResponse {
        let id = try context.parameters.require("id")
        let body = try await request.decodeStrictly(CompleteBody.self)
        let language = try Self.language(body.lang)
        let reply = RequestReply(format: "json", language: language, via: body.via ?? "email")
        let completion = try await gallra.completeRequest(
            id, reply: reply, delivery: selfService, by: try context.actingParty())
        let calendar = try await gallra.calendar()
        var fields: [(String, JSONText)] = [
            ("request", completion.request.json(decisions: completion.decisions, language, calendar)),
            ("subject_erased", .bool(completion.subjectErased)),
            ("connected", .array(completion.connected.map(\.json))),
            ("mail", .array(completion.mail.map { $0.json(calendar) })),
        ]
        if let export = completion.export { fields.append(("copy", export.json)) }
        return JSONResponse(.object(fields))
    }

    struct RefuseBody: JSONBody {
        static let fields: Set<String> = ["ground", "reason", "via"]
        var ground: String
        var reason: String
        var via: String?
    }

    /// POST /api/v1/requests/{id}/refuse: `{"ground": "excessive", "reason": …}` (Art. 12(4)):
    /// closes it refused; the person is e-mailed the reason where the request keeps their address.
    @Sendable func refuse(_ request: Request, context: Context) async throws -> JSONResponse {
        let id = try context.parameters.require("id")
        let body = try await request.decodeStrictly(RefuseBody.self)
        let refusal = try RequestRefusal(try RequestRefusal.Ground(naming: body.ground), reason: body.reason)
        let party = try context.actingParty()
        _ = try await gallra.refuseRequest(
            id, refusal, via: body.via ?? "email", delivery: selfService, by: party)
        return try await details(id, request: request, by: party)
    }

    struct ScopeBody: JSONBody {
        static let fields: Set<String> = ["activities", "reason"]
        /// nil: all activities.
        var activities: [String]?
        var reason: String
    }

    /// POST /api/v1/requests/{id}/scope: `{"activities": [...] | null, "reason": …}`.
    @Sendable func scope(_ request: Request, context: Context) async throws -> JSONResponse {
        let id = try context.parameters.require("id")
        let body = try await request.decodeStrictly(ScopeBody.self)
        let party = try context.actingParty()
        try await gallra.changeRequestScope(id, activities: body.activities, reason: body.reason, by: party)
        return try await details(id, request: request, by: party)
    }

    private func details(
        _ id: String, request: Request, by party: Party, status: HTTPResponse.Status = .ok
    ) async throws -> JSONResponse {
        let language = try Self.language(request.uri.queryParameters.get("lang").map { String($0) })
        let details = try await gallra.requestDetails(id, by: party)
        let calendar = try await gallra.calendar()
        var json = details.request.json(decisions: details.decisions, language, calendar)
        // What the person wrote on the public page (what is wrong, why they unsubscribe).
        // Other requests not yet completed of the same person and kind (two objections, say).
        let duplicates = try await gallra.duplicateRequests(of: id, by: party).map { other in
            JSONText.object([("id", .string(other.id)), ("reference", .optional(other.reference))])
        }
        if case .object(let fields) = json {
            json = .object(
                fields + [
                    ("message", .optional(details.message)), ("duplicates", .array(duplicates)),
                    ("mail", .array(details.mail.map { $0.json(calendar) })),
                ])
        }
        return JSONResponse(json, status: status)
    }

    static func language(_ text: String?) throws -> Language {
        guard let text else { return .en }
        guard let language = Language(rawValue: text) else { throw GallraError.invalidInput("\"lang\" is sv or en.") }
        return language
    }
}
