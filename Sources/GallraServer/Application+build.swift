import Crypto
import Foundation
import GallraCore
import GallraStore
import Hummingbird
import Logging

/// How the server runs.
public struct ServerConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// The API token callers send as `Authorization: Bearer …`; only its SHA-256 is kept.
    public var apiTokenDigest: [UInt8]
    /// When the daily sweep runs, on the controller's wall clock; nil: no sweep from the server.
    public var sweepAt: DailyTime?

    public init(host: String = "127.0.0.1", port: Int = 8080, apiToken: String, sweepAt: DailyTime? = nil) {
        self.host = host
        self.port = port
        self.sweepAt = sweepAt
        self.apiTokenDigest = Array(SHA256.hash(data: Data(apiToken.utf8)))
    }
}

/// The one composition root the executable and the tests share.
public func buildApplication(store: Store, configuration: ServerConfiguration, logger: Logger? = nil)
    -> some ApplicationProtocol
{
    let logger = logger ?? Logger(label: "gallra.server")
    return Application(
        router: buildRouter(store: store, configuration: configuration),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "Gallra"),
        services: configuration.sweepAt.map { [SweepSchedule(store: store, time: $0, logger: logger)] } ?? [],
        logger: logger)
}

public func buildRouter(store: Store, configuration: ServerConfiguration) -> Router<BasicRequestContext> {
    let router = Router(context: BasicRequestContext.self)
    router.add(middleware: StoreErrorMiddleware())
    router.get("/health") { _, _ in "ok" }
    let api = router.group("/api").add(middleware: APITokenMiddleware(digest: configuration.apiTokenDigest))
    api.addRoutes(IncidentController(store: store).routes, atPath: "/incidents")
    return router
}
