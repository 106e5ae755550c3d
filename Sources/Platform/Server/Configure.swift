import Domain
import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import Store
import Vapor

/// Sets up an application as a Samlast platform server: database and schema, middleware,
/// the JSON API under `/v1`, the web UI, `/openapi.json`, `/metrics` and `/health`, and the
/// background workers (planning queue, webhook and notice outboxes, impact accounting).
public func configurePlatform(_ app: Application, _ configuration: PlatformConfiguration) async throws {
    if let url = configuration.databaseURL {
        let postgres: SQLPostgresConfiguration
        do { postgres = try SQLPostgresConfiguration(url: url) } catch {
            throw PlatformStartError("--database-url: '\(url)' is not a postgres://user:password@host:port/database URL")
        }
        app.databases.use(.postgres(configuration: postgres, maxConnectionsPerEventLoop: 4, connectionPoolTimeout: .seconds(10)), as: .psql)
    } else {
        do {
            try FileManager.default.createDirectory(atPath: configuration.dataDirectory, withIntermediateDirectories: true)
        } catch {
            throw PlatformStartError("--data-directory: cannot create '\(configuration.dataDirectory)': \(error.localizedDescription)")
        }
        app.databases.use(.sqlite(.file(configuration.sqlitePath)), as: .sqlite)
    }
    app.platform = try PlatformContext(configuration: configuration, database: app.db, logger: app.logger)
    app.lifecycle.use(app.platform.passwords)
    app.routes.defaultMaxBodySize = ByteCount(value: configuration.maximumBodyBytes)

    app.middleware = Middlewares()
    app.middleware.use(MetricsMiddleware())
    app.middleware.use(SecurityHeadersMiddleware())
    app.middleware.use(RequestLogMiddleware())
    app.middleware.use(ProblemMiddleware())
    app.middleware.use(AuthenticationMiddleware())

    let store = Store(app.db)
    // Upgrading to version 2 checks the stored data once against today's identifier rules.
    if try await Migrator.migrate(store).contains(Schema.loginThrottling) {
        for line in try await Schema.normalisationReport(store) { app.logger.warning("stored data to check: \(line)") }
    }
    if try await store.isEmpty() {
        if configuration.demo {
            try await DemoSeed.seed(app)
        } else {
            try await bootstrapAdministrator(app)
        }
    }

    try registerRoutes(app)
    if configuration.runsPlanningWorker {
        app.lifecycle.use(PlanningWorker(pollInterval: configuration.planningPollInterval))
    }
    if configuration.webhooks.runsDispatcher {
        app.lifecycle.use(WebhookDispatcher.worker(settings: configuration.webhooks))
    }
    if configuration.notifications.runsDispatcher, !configuration.notifications.channels.isEmpty {
        app.lifecycle.use(NoticeDispatcher.worker(settings: configuration.notifications))
    }
    if configuration.impact.runsWorker {
        app.lifecycle.use(ImpactAccountant.worker(settings: configuration.impact))
    }
    app.lifecycle.use(CurbEventsController.retentionWorker(days: configuration.curbEventRetentionDays))
}

/// A reason the server cannot start, said in terms of its options.
public struct PlatformStartError: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}

func registerRoutes(_ app: Application) throws {
    app.get("health") { request async throws -> [String: String] in
        let store = Store(request.db)
        try await store.ping()
        return ["status": "ok", "database": store.dialectName]
    }
    app.get("metrics") { request -> Response in
        try requireMetricsReader(request)
        return Response(status: .ok, headers: ["Content-Type": "text/plain; version=0.0.4; charset=utf-8"],
                        body: .init(string: request.application.platformMetrics.registry.emitToString()))
    }
    app.get("openapi.json") { request -> Response in
        Response(status: .ok, headers: ["Content-Type": "application/json"], body: .init(data: OpenAPIDocument.json))
    }
    let api = app.grouped("v1")
    for collection: any RouteCollection in [
        OrganisationsController(), HubsController(), SitesController(), ShipmentsController(), ParcelsController(), EventsController(),
        PlansController(), DispatchController(), LabelsController(), WebhooksController(), ContactsController(),
    ] {
        try api.register(collection: collection)
    }
    try api.register(collection: StatsController())
    try api.register(collection: ImpactController())
    try api.register(collection: FootprintsController())
    for collection: any RouteCollection in [ZonesController(), PermitsController(), BaysController(), BookingsController(), CurbEventsController()] {
        try api.register(collection: collection)
    }
    try app.register(collection: WebController())
    try app.register(collection: TrackingController())
}

/// `/metrics` tells request counts per route and status: it is for the operators of the
/// platform, read with the `--metrics-token` secret (Prometheus: `authorization: credentials`)
/// or a platform admin's API token.
private func requireMetricsReader(_ request: Request) throws {
    if let expected = request.application.platform.configuration.metricsToken, let bearer = request.headers.bearerAuthorization?.token,
       Secrets.hash(bearer) == Secrets.hash(expected) { return }
    guard let caller = request.caller else { throw Problem.unauthenticated }
    guard caller.isPlatformAdmin else { throw Problem.forbidden("the metrics are for the platform's operators") }
}

/// On the first start of an empty, non-demo database: creates the platform organisation and
/// its admin, and logs an API token for them once (it is stored only as a hash).
private func bootstrapAdministrator(_ app: Application) async throws {
    let store = Store(app.db)
    let secret = try await store.transaction { store in
        try await store.insert(Organisation(id: "platform", name: "Samlast platform", kind: .platform))
        try await store.insert(AccountRecord(id: "admin", organisationId: "platform", name: "Platform administrator", role: .admin, email: nil),
                               passwordHash: nil, existing: "account 'admin'")
        return try await Tokens.issue(accountId: "admin", name: "bootstrap", store: store).secret
    }
    app.logger.notice("new database: platform admin API token (shown once, store it safely): \(secret)")
}
