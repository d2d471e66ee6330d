import Foundation
import GallraCore
import GallraServices
import Hummingbird

/// The systems file in force over HTTP (`gallra systems show`), without secrets: each database as
/// `ConnectedSystem.databaseWithoutSecrets` shows it, each table with what its rows are to the
/// register.
struct SystemsController: Sendable {
    typealias Context = GallraRequestContext
    let gallra: Gallra

    func add(to api: RouterGroup<Context>) {
        api.get("systems", use: show)
    }

    /// GET /api/v1/systems: 404 when no systems file was applied.
    @Sendable func show(_ request: Request, context: Context) async throws -> JSONResponse {
        let version = try await gallra.systemsInForce(by: try context.actingParty())
        let calendar = try await gallra.calendar()
        return JSONResponse(
            .object([
                ("version", .number(Int(version.version))),
                ("applied_at", .string(calendar.rfc3339(version.appliedAt))),
                ("systems", .array(version.file.systems.map { Self.json($0) })),
            ]))
    }

    static func json(_ system: ConnectedSystem) -> JSONText {
        .object([
            ("id", .string(system.id)), ("database", .string(system.databaseWithoutSecrets)),
            ("tables", .array(system.tables.map { json($0) })),
        ])
    }

    static func json(_ table: ConnectedTable) -> JSONText {
        func map(_ pairs: [(String, String)]) -> JSONText {
            .object(pairs.sorted { $0.0 < $1.0 }.map { ($0.0, JSONText.string($0.1)) })
        }
        return .object([
            ("table", .string(table.table)), ("key", .array(table.key.map(JSONText.string))),
            ("activity", .string(table.activity)),
            ("person", .object(table.person.map { ($0.kind.rawValue, JSONText.string($0.column)) })),
            ("columns", map(table.columns.map { ($0.key, $0.value) })),
            ("events", map(table.events.map { ($0.key.rawValue, $0.value) })),
            ("on_expiry", .string(table.onExpiry.rawValue)),
            (
                "anonymise",
                .object(table.anonymise.sorted { $0.key < $1.key }.map { ($0.key, JSONText.optional($0.value)) })
            ),
            ("restrict", .optional(table.restrict)),
            (
                "belongs_to",
                table.belongsTo.map { JSONText.object([("table", .string($0.table)), ("column", .string($0.column))]) }
                    ?? .null
            ),
        ])
    }
}
