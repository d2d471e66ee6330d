import Crypto
import Foundation
import GallraCore
import GallraServices
import GallraStore
import Hummingbird
import Logging

/// How the server runs.
public struct ServerConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// The API token callers send as `Authorization: Bearer …`; only its SHA-256 is kept.
    public var apiTokenDigest: [UInt8]
    /// The name the token's calls carry in the audit log.
    public var apiTokenName: String
    /// When the daily sweep runs, on the controller's wall clock; nil: no sweep from the server.
    public var sweepAt: DailyTime?

    public init(
        host: String = "127.0.0.1", port: Int = 8080, apiToken: String, apiTokenName: String = "api",
        sweepAt: DailyTime? = nil
    ) {
        self.apiTokenName = apiTokenName
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
        services: configuration.sweepAt.map { [SweepSchedule(gallra: Gallra(store: store), time: $0, logger: logger)] }
            ?? [],
        logger: logger)
}

public func buildRouter(store: Store, configuration: ServerConfiguration) -> Router<GallraRequestContext> {
    let gallra = Gallra(store: store)
    let router = Router(context: GallraRequestContext.self)
    router.add(middleware: ErrorMiddleware())
    router.get("/health") { _, _ in "ok" }
    let api = router.group("/api").add(
        middleware: APITokenMiddleware(
            digest: configuration.apiTokenDigest, party: .token(configuration.apiTokenName)))
    api.addRoutes(IncidentController(gallra: gallra).routes, atPath: "/incidents")
    return router
}
