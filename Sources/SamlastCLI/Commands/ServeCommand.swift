import ArgumentParser
import Domain
import Foundation
import Logging
import Platform
import Zones

/// `samlast serve`: the platform's HTTP server (JSON API, web UI, planning worker).
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the platform: JSON API (/v1, /openapi.json), web UI, /metrics and the planning worker.",
        discussion: """
        Data lives in an SQLite file in --data-directory unless --database-url names a PostgreSQL \
        database; the schema is created or upgraded on start. Several instances may share one \
        PostgreSQL database: they are stateless, and any of them picks up planning jobs.

        /metrics (Prometheus) answers a platform admin's API token, or the secret in the \
        SAMLAST_METRICS_TOKEN environment variable sent as 'Authorization: Bearer <secret>' \
        (Prometheus: authorization.credentials_file). Licence plates from cameras and declarations \
        are kept only as keyed hashes; SAMLAST_PLATE_KEY (base64 of 32 random bytes, the same on \
        every instance) keeps the key out of the database. SIGTERM or SIGINT stop the server in order: \
        requests in flight are answered (up to --shutdown-grace seconds), a plan being solved goes \
        back to the queue, then the databases close.

        On the first start of an empty database the log shows a platform-admin API token once. \
        With --demo an empty database is seeded with the Fornebu case instead (logins in the README).

        Recipients are notified once per delivery window when a route is dispatched, by e-mail \
        (--smtp-host, --mail-from) and text message (--sms-gateway-url); links in the messages \
        start with --public-url. See docs/notifications.md.

        Examples:
          samlast serve --demo                       # http://127.0.0.1:8080, log in as dispatcher@fornebu-hub.demo
          samlast serve --database-url postgres://samlast:secret@127.0.0.1:5432/samlast --port 8081
        """
    )

    @Option(help: "Address to listen on.") var hostname = "127.0.0.1"
    @Option(help: "Port to listen on.") var port = 8080
    @Option(help: "PostgreSQL URL (postgres://user:password@host:port/database); also read from SAMLAST_DATABASE_URL.")
    var databaseURL: String?
    @Option(help: "Folder of the SQLite database file (when no --database-url).") var dataDirectory = "samlast-data"
    @Option(help: "OpenStreetMap extract (.osm.pbf or .osm) for road distances and map roads.") var roads: String?
    @Flag(help: "Seed the Fornebu demonstration case into an empty database.") var demo = false
    @Flag(help: "Do not work on planning jobs in this instance (another instance does).") var noPlanningWorker = false
    @Option(help: "Largest accepted request body, in bytes.") var maximumBodyBytes = 10 * 1024 * 1024
    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.") var logLevel = "info"
    @Option(help: "Log format: text or json (one object per line).") var logFormat = "text"
    @Option(help: "Seconds a stopping server waits for requests in flight.") var shutdownGrace = 8
    @Option(help: ArgumentHelp("Address of a reverse proxy in front of the server (repeat for several); its X-Forwarded-For names the client to the log-in throttle. Also read, comma-separated, from SAMLAST_TRUSTED_PROXIES.", valueName: "address"))
    var trustedProxy: [String] = []
    @Flag(help: "Let webhook subscriptions target loopback and private addresses (a receiver on this host or network). Off by default, against server-side request forgery.")
    var allowPrivateWebhookTargets = false
    @Flag(help: "Do not deliver webhooks from this instance (another instance does).") var noWebhookWorker = false
    @Option(help: ArgumentHelp("The address people reach this server at; links in messages, tracking pages and label QR codes start with it. Default: http://<hostname>:<port>.", valueName: "url"))
    var publicURL: String?
    @OptionGroup(title: "Recipient notices") var notifications: NotificationOptions
    @OptionGroup(title: "Emission accounting") var impact: ImpactOptions

    func run() async throws {
        guard let level = Logger.Level(rawValue: logLevel) else {
            throw ValidationError("--log-level: '\(logLevel)' is not one of \(Logger.Level.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard let format = PlatformServer.LogFormat(rawValue: logFormat) else { throw ValidationError("--log-format: use text or json") }
        guard (1...65535).contains(port) else { throw ValidationError("--port: must be between 1 and 65535") }
        guard (0...300).contains(shutdownGrace) else { throw ValidationError("--shutdown-grace: must be between 0 and 300 seconds") }
        let environment = ProcessInfo.processInfo.environment
        let metricsToken = environment["SAMLAST_METRICS_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
        if let metricsToken, metricsToken.count < 16 { throw ValidationError("SAMLAST_METRICS_TOKEN: use at least 16 random characters") }
        let proxies = trustedProxy + (environment["SAMLAST_TRUSTED_PROXIES"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        if let bad = proxies.first(where: { !ClientAddress.isAddress($0) }) {
            throw ValidationError("--trusted-proxy: '\(bad)' is not an IPv4 or IPv6 address")
        }
        var plateKey: PlateKey?
        if let text = environment["SAMLAST_PLATE_KEY"], !text.isEmpty {
            guard let secret = Data(base64Encoded: text), let key = PlateKey(secret: secret) else {
                throw ValidationError("SAMLAST_PLATE_KEY: give at least 32 random bytes in base64 (e.g. openssl rand -base64 32)")
            }
            plateKey = key
        }
        let publicURL = publicURL ?? "http://\(hostname):\(port)"
        guard let url = URL(string: publicURL), ["http", "https"].contains(url.scheme ?? ""), url.host?.isEmpty == false,
              url.query == nil, url.fragment == nil else {
            throw ValidationError("--public-url: '\(publicURL)' is not an http:// or https:// address without query or fragment")
        }
        var configuration = PlatformConfiguration(
            databaseURL: databaseURL ?? environment["SAMLAST_DATABASE_URL"], dataDirectory: dataDirectory,
            roadsFile: roads, demo: demo, maximumBodyBytes: maximumBodyBytes, runsPlanningWorker: !noPlanningWorker,
            metricsToken: metricsToken, shutdownGrace: .seconds(shutdownGrace), trustedProxies: Set(proxies),
            webhooks: WebhookSettings(runsDispatcher: !noWebhookWorker, allowPrivateTargets: allowPrivateWebhookTargets),
            publicURL: publicURL, notifications: try notifications.settings(environment: environment), impact: try impact.settings())
        configuration.plateKey = plateKey
        try await PlatformServer.run(configuration, hostname: hostname, port: port, logLevel: level, logFormat: format)
    }
}
