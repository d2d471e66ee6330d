import Foundation
import Hummingbird
import Logging

/// Every request counted and logged once it is answered: the route's pattern
/// (`/api/v1/subjects/{ref}`), never its path or query, which may carry an e-mail address or a
/// personnummer; the status and the time taken. Hummingbird's request id is on the log entry.
struct RequestObservation<Context: RequestContext>: RouterMiddleware {
    let metrics: ServerMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        let start = ContinuousClock.now
        do {
            let response = try await next(request, context)
            record(request, context, status: response.status.code, since: start)
            return response
        } catch let error as HTTPResponseError {
            record(request, context, status: error.status.code, since: start)
            throw error
        } catch {
            record(request, context, status: 500, since: start)
            throw error
        }
    }

    private func record(_ request: Request, _ context: Context, status: Int, since start: ContinuousClock.Instant) {
        let duration = ContinuousClock.now - start
        let route = context.endpointPath ?? "unmatched"
        metrics.requestAnswered(route: route, method: request.method.rawValue, status: status, duration: duration)
        context.logger.info(
            "answered",
            metadata: [
                "route": .string(route), "method": .string(request.method.rawValue),
                "status": .stringConvertible(status),
                "ms": .stringConvertible(Int(duration / .milliseconds(1))),
            ])
    }
}
