import Foundation
import GallraCore
import GallraDatabase
import SQLKit

extension Requests {
    /// Narrows or widens the activities an open request names (nil: all of them), with the reason,
    /// sealed under the person's key; the audit entry names the activities before and after.
    public func rescope(_ id: String, activities: [String]?, reason: String) async throws {
        let request = try await pendingRequest(id)
        let register = try await requireRegister()
        for activity in activities ?? [] where register.activity(activity) == nil {
            throw GallraError.notFound("The register has no activity \"\(activity.prefix(60))\".")
        }
        if let activities, activities.isEmpty {
            throw GallraError.invalidInput(
                "A request concerns at least one activity; choose one, or all of them.")
        }
        guard let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines).nilIfEmpty else {
            throw GallraError.invalidInput("Say why the request's activities change; the reason is kept with it.")
        }
        // The register's order, each once.
        let chosen = activities.map { names in register.activities.map(\.id).filter(names.contains) }
        let sealed = try await sealed(reason, subject: request.subject, request: id, field: "scope_reason")
        func named(_ list: [String]?) -> String { list?.joined(separator: ", ") ?? "all activities" }
        try await update(
            request, "request.scope", detail: "activities \(named(request.scope)) → \(named(chosen)); reason given"
        ) { sql in
            try await sql.raw(
                """
                UPDATE requests SET scope = \(bind: chosen?.joined(separator: ",")), scope_reason_sealed = \(bind: sealed)
                WHERE id = \(bind: id)
                """
            ).run()
        }
    }
}
