import Foundation
import GallraCore
import GallraServices
import Hummingbird

/// Consents (Art. 7) over HTTP, for a signup form or a newsletter tool: given with their evidence,
/// withdrawn, and listed per person; the same use cases as `gallra consent`.
struct ConsentController: Sendable {
    typealias Context = GallraRequestContext
    let gallra: Gallra

    func add(to api: RouterGroup<Context>) {
        api.post("consents", use: give)
        api.post("consents/withdrawal", use: withdraw)
        api.get("consents/:id", use: show)
        api.get("subjects/:ref/consents", use: list)
    }

    struct GiveBody: JSONBody {
        static let fields: Set<String> = ["subject", "activity", "wording_version", "channel", "given"]
        var subject: String
        var activity: String
        var wordingVersion: String
        var channel: String
        var given: String?

        enum CodingKeys: String, CodingKey {
            case subject, activity, channel, given
            case wordingVersion = "wording_version"
        }
    }

    /// POST /api/v1/consents: 201 with the consent as its row holds it.
    @Sendable func give(_ request: Request, context: Context) async throws -> JSONResponse {
        let body = try await request.decodeStrictly(GiveBody.self)
        let party = try context.actingParty()
        let calendar = try await gallra.calendar()
        let id = try await gallra.giveConsent(
            subject: body.subject, activity: body.activity, wordingVersion: body.wordingVersion,
            channel: body.channel, at: try body.given.map { try calendar.instant($0, field: "given") } ?? Date(),
            by: party)
        return JSONResponse(Self.json(try await gallra.consent(id, by: party), calendar), status: .created)
    }

    struct WithdrawBody: JSONBody {
        static let fields: Set<String> = ["subject", "activity", "channel", "withdrawn"]
        var subject: String
        var activity: String
        var channel: String
        var withdrawn: String?
    }

    /// POST /api/v1/consents/withdrawal: the consent in force closed (Art. 7(3)); 200 with it as
    /// its row now holds it.
    @Sendable func withdraw(_ request: Request, context: Context) async throws -> JSONResponse {
        let body = try await request.decodeStrictly(WithdrawBody.self)
        let calendar = try await gallra.calendar()
        let closed = try await gallra.withdrawConsent(
            subject: body.subject, activity: body.activity, channel: body.channel,
            at: try body.withdrawn.map { try calendar.instant($0, field: "withdrawn") } ?? Date(),
            by: try context.actingParty())
        return JSONResponse(Self.json(closed, calendar))
    }

    /// GET /api/v1/consents/{id}.
    @Sendable func show(_ request: Request, context: Context) async throws -> JSONResponse {
        let entry = try await gallra.consent(try context.parameters.require("id"), by: try context.actingParty())
        return JSONResponse(Self.json(entry, try await gallra.calendar()))
    }

    /// GET /api/v1/subjects/{ref}/consents: given and withdrawn, the oldest first.
    @Sendable func list(_ request: Request, context: Context) async throws -> JSONResponse {
        let entries = try await gallra.consents(
            subject: try context.parameters.require("ref"), by: try context.actingParty())
        let calendar = try await gallra.calendar()
        return JSONResponse(.array(entries.map { Self.json($0, calendar) }))
    }

    static func json(_ entry: ConsentEntry, _ calendar: ZonedCalendar) -> JSONText {
        .object([
            ("id", .string(entry.id)), ("subject", .string(entry.subject)), ("activity", .string(entry.activity)),
            ("wording_version", .string(entry.wordingVersion)), ("channel", .string(entry.channel)),
            ("given", .string(calendar.rfc3339(entry.given))),
            ("withdrawn", .optional(entry.withdrawn.map(calendar.rfc3339))),
            ("in_force", .bool(entry.isInForce(at: Date()))),
        ])
    }
}
