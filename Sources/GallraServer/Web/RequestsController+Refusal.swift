import Foundation
import GallraCore
import GallraServices
import Hummingbird

/// Refusing a request with its reason (Art. 12(4)), and changing the activities it names.
extension RequestsController {
    func addRefusalAndScope(to admin: RouterGroup<Context>) {
        admin.post("requests/:id/refuse", use: refuse)
        admin.post("requests/:id/scope", use: scope)
    }

    /// POST /admin/requests/{id}/refuse: closes the request refused, the person told why.
    @Sendable func refuse(_ request: Request, context: Context) async throws -> Response {
        let id = try context.parameters.require("id")
        let form = try await context.form(request)
        return try await acting(on: id, context: context) {
            let refusal = try RequestRefusal(
                try RequestRefusal.Ground(naming: form["ground"] ?? ""), reason: form["reason"] ?? "")
            _ = try await gallra.refuseRequest(id, refusal, delivery: selfService, by: try context.person().party)
        }
    }

    /// POST /admin/requests/{id}/scope: the activities ticked (`activity.ID`; none: all of
    /// them), and the reason.
    @Sendable func scope(_ request: Request, context: Context) async throws -> Response {
        let id = try context.parameters.require("id")
        let form = try await context.form(request)
        let ticked = form.ticked("activity")
        return try await acting(on: id, context: context) {
            try await gallra.changeRequestScope(
                id, activities: ticked.isEmpty ? nil : ticked, reason: form["reason"] ?? "",
                by: try context.person().party)
        }
    }
}
