import Foundation
import GallraCore
import GallraServices
import Hummingbird

/// The register, the retention sweep and the audit log over HTTP.
struct RegisterController: Sendable {
    typealias Context = GallraRequestContext
    let gallra: Gallra

    func add(to api: RouterGroup<Context>) {
        api.get("register", use: register)
        api.get("forecast", use: forecast)
        api.post("sweep", use: sweep)
        api.get("audit/verify", use: verifyAudit)
    }

    /// GET /api/v1/register[?lang=sv|en]: the register in force, as `gallra register export`.
    @Sendable func register(_ request: Request, context: Context) async throws -> JSONResponse {
        let language = try RequestController.language(request.uri.queryParameters.get("lang").map { String($0) })
        let stored = try await gallra.register(by: try context.actingParty())
        return JSONResponse(stored.register.exportJSON(language: language))
    }

    /// GET /api/v1/forecast?days=N: what expires per activity and day, and what waits for an event.
    @Sendable func forecast(_ request: Request, context: Context) async throws -> JSONResponse {
        let text = request.uri.queryParameters.get("days") ?? "30"
        guard let days = Int(text), (1...366).contains(days) else {
            throw GallraError.invalidInput("\"days\" is a whole number from 1 to 366.")
        }
        let calendar = try await gallra.calendar()
        let forecast = try await gallra.forecast(from: Date(), days: days, by: try context.actingParty())
        return JSONResponse(forecast.json(calendar))
    }

    struct SweepBody: JSONBody {
        static let fields: Set<String> = ["dry_run"]
        var dryRun: Bool?

        enum CodingKeys: String, CodingKey { case dryRun = "dry_run" }
    }

    /// POST /api/v1/sweep `{"dry_run": true}`: the sweep now, or what it would do.
    @Sendable func sweep(_ request: Request, context: Context) async throws -> JSONResponse {
        let body = try await request.decodeStrictly(SweepBody.self)
        let calendar = try await gallra.calendar()
        let report = try await gallra.sweep(
            now: Date(), dryRun: body.dryRun ?? false, listing: true, by: try context.actingParty())
        return JSONResponse(report.json(calendar))
    }

    /// GET /api/v1/audit/verify: whether the audit chain is intact.
    @Sendable func verifyAudit(_ request: Request, context: Context) async throws -> JSONResponse {
        switch try await gallra.verifyAudit(by: try context.actingParty()) {
        case .intact(let entries):
            return JSONResponse(.object([("intact", .bool(true)), ("entries", .number(Int(entries)))]))
        case .broken(let seq, let reason):
            return JSONResponse(
                .object([("intact", .bool(false)), ("first_broken", .number(Int(seq))), ("reason", .string(reason))]))
        }
    }
}
