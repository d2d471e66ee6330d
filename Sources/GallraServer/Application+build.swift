import Foundation
import GallraCore
import GallraServices
import Hummingbird
import Logging
import ServiceLifecycle

/// How the server runs.
public struct ServerConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// When the daily sweep runs, on the controller's wall clock; nil: no sweep from the server.
    public var sweepAt: DailyTime?
    /// Cookies only over TLS: true when people reach the server by https.
    public var secureCookies: Bool
    /// Admins sign in only with a second factor (the controller's choice).
    public var adminsNeedSecondFactor: Bool
    /// Where the public pages' links lead and who their mail is from; by default
    /// http://HOST:PORT/ and the controller's own address.
    public var baseURL: String?
    public var mailFrom: String?
    /// Where the outbox's messages go; nil: they wait in the outbox.
    public var mail: MailTransport?
    /// The privacy officers' daily reminder; only with a mail transport.
    public var reminders: ReminderPlan = .off("not asked for")
    /// The wording of the public pages' e-mails: Gallra's own, or the controller's.
    public var mailTemplates: MailTemplates = .builtIn
    /// The bearer token a scraper of /metrics sends; nil: /metrics is not served (404).
    public var metricsToken: String?
    /// The reverse proxies whose `X-Forwarded-For` names the client (`--trusted-proxy`).
    public var trustedProxies = TrustedProxies()
    /// A connection that sends nothing for this long is closed: a client that opens connections
    /// and never finishes a request (slowloris) cannot hold them all.
    public var idleTimeout: Duration = .seconds(30)
    /// How often the audit log's head is signed into the checkpoints file (and when the server
    /// stops); nil: never, from this server.
    public var auditCheckpointEvery: Duration? = .seconds(600)

    public init(
        host: String = "127.0.0.1", port: Int = 8080, sweepAt: DailyTime? = nil, secureCookies: Bool = false,
        adminsNeedSecondFactor: Bool = false
    ) {
        self.host = host
        self.port = port
        self.sweepAt = sweepAt
        self.secureCookies = secureCookies
        self.adminsNeedSecondFactor = adminsNeedSecondFactor
    }
}

/// The one composition root the executable and the tests share.
public func buildApplication(gallra: Gallra, configuration: ServerConfiguration, logger: Logger? = nil)
    -> some ApplicationProtocol
{
    let logger = logger ?? Logger(label: "gallra.server")
    let metrics = ServerMetrics()
    var services: [any Service] = []
    if let time = configuration.sweepAt {
        services.append(SweepSchedule(gallra: gallra, time: time, logger: logger, metrics: metrics))
    }
    if let interval = configuration.auditCheckpointEvery {
        services.append(AuditCheckpointSchedule(gallra: gallra, interval: interval, logger: logger))
    }
    if let mail = configuration.mail {
        services.append(OutboxSender(gallra: gallra, transport: mail, logger: logger))
    }
    switch (configuration.reminders, configuration.mail) {
    case (.daily(let time, let window), .some):
        services.append(
            ReminderSchedule(
                gallra: gallra, time: time, within: window, settings: configuration.selfService, logger: logger))
    case (.daily, nil):
        logger.notice("daily reminders off", metadata: ["reason": "no mail transport"])
    case (.off(let reason), _):
        logger.notice("daily reminders off", metadata: ["reason": "\(reason)"])
    }
    return Application(
        router: buildRouter(gallra: gallra, configuration: configuration, metrics: metrics),
        server: .http1(configuration: .init(idleTimeout: .milliseconds(configuration.idleTimeout.milliseconds))),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "Gallra"),
        services: services, logger: logger)
}

public func buildRouter(
    gallra: Gallra, configuration: ServerConfiguration = ServerConfiguration(), metrics: ServerMetrics = ServerMetrics()
) -> Router<GallraRequestContext> {
    let selfService = configuration.selfService
    let router = Router(context: GallraRequestContext.self)
    router.add(middleware: ClientAddressMiddleware(proxies: configuration.trustedProxies))
    router.add(middleware: RequestObservation(metrics: metrics))
    // HSTS only where people reach the server by https: over http the header means nothing.
    let https = configuration.baseURL?.lowercased().hasPrefix("https://") ?? false
    router.add(middleware: SecurityHeaders(strictTransportSecurity: https))
    router.add(middleware: NotFoundPages(gallra: gallra))
    router.add(middleware: ErrorMiddleware())
    router.get("/static/gallra.css") { _, _ in
        Response(
            status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "max-age=3600"],
            body: .init(byteBuffer: Pages.shared.stylesheet))
    }
    router.get("/static/gallra.js") { _, _ in
        Response(
            status: .ok, headers: [.contentType: "text/javascript; charset=utf-8", .cacheControl: "max-age=3600"],
            body: .init(byteBuffer: Pages.shared.script))
    }
    router.get("/") { _, _ in Response.redirect(to: "/admin", type: .normal) }
    let signIn = SignInController(
        gallra: gallra, throttle: SignInThrottle(gallra: gallra, scope: "sign-in"),
        secureCookies: configuration.secureCookies,
        adminsNeedSecondFactor: configuration.adminsNeedSecondFactor)
    signIn.add(to: router)
    let admin = router.group("/admin").add(middleware: SessionAuthentication(gallra: gallra))
        .add(middleware: AdminErrorPages())
    signIn.add(toAdmin: admin)
    DashboardController(gallra: gallra).add(to: admin)
    SubjectsController(gallra: gallra).add(to: admin)
    RequestsController(gallra: gallra, selfService: selfService).add(to: admin)
    IncidentsController(gallra: gallra, selfService: selfService).add(to: admin)
    OutboxController(gallra: gallra).add(to: admin)
    RegisterPagesController(gallra: gallra).add(to: admin)
    SubjectExportController(gallra: gallra, jobs: ExportJobs()).add(to: admin)
    RetentionController(gallra: gallra, jobs: SweepJobs()).add(to: admin)
    AuditPagesController(gallra: gallra).add(to: admin)
    LanguageController(gallra: gallra).add(to: admin)
    PeopleController(gallra: gallra, origin: selfService.baseURL).add(to: admin)
    AccountController(gallra: gallra).add(to: admin)
    InvitationController(
        gallra: gallra, throttle: SignInThrottle(gallra: gallra, scope: "invitation"),
        secureCookies: configuration.secureCookies
    )
    .add(to: router)
    PrivacyController(gallra: gallra, settings: selfService, secureCookies: configuration.secureCookies).add(to: router)
    router.get("/health") { _, _ in "ok" }
    router.get("/metrics") { request, _ in
        try MetricsToken.check(request, against: configuration.metricsToken)
        // try?: a gauge of the outbox left as it was when the outbox cannot be read
        if let depth = try? await gallra.outboxDepth() { metrics.outbox(waiting: depth.waiting, failed: depth.failed) }
        return Response(
            status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: metrics.exposition())))
    }
    router.get("/ready") { _, _ in
        _ = try await gallra.calendar()
        return "ready"
    }
    router.get("/api/v1/openapi.json") { _, _ in JSONResponse(OpenAPIDocument.json) }
    let api = router.group("/api/v1").add(middleware: BearerAuthentication(gallra: gallra))
    SubjectController(gallra: gallra).add(to: api)
    RequestController(gallra: gallra, selfService: selfService).add(to: api)
    RegisterController(gallra: gallra).add(to: api)
    AuditController(gallra: gallra).add(to: api)
    ConsentController(gallra: gallra).add(to: api)
    HoldController(gallra: gallra).add(to: api)
    SystemsController(gallra: gallra).add(to: api)
    let incidents = IncidentController(gallra: gallra, selfService: selfService)
    api.addRoutes(incidents.routes, atPath: "/incidents")
    api.addRoutes(incidents.registerRoutes, atPath: "/incident-register")
    PeopleAPIController(gallra: gallra, origin: selfService.baseURL).add(to: api)
    return router
}

extension ServerConfiguration {
    /// Where the e-mails' links lead, who they are from, and their wording.
    var selfService: SelfServiceSettings {
        SelfServiceSettings(
            baseURL: baseURL ?? "http://\(host):\(port)/", sender: mailFrom ?? "privacy@\(host)",
            templates: mailTemplates)
    }
}

extension Duration {
    /// Whole milliseconds, for the NIO settings that count in them.
    var milliseconds: Int64 {
        components.seconds * 1_000 + components.attoseconds / 1_000_000_000_000_000
    }
}
