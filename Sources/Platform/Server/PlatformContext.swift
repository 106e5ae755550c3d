import Domain
import Fluent
import Foundation
import Geo
import Roads
import Routing
import Synchronization
import Vapor
import Zones

/// How a server instance runs: where its data is, and what it may accept.
public struct PlatformConfiguration: Sendable {
    /// `postgres://user:password@host:port/database`; nil runs on the SQLite file in `dataDirectory`.
    public var databaseURL: String?
    public var dataDirectory: String
    /// An OpenStreetMap extract (`.osm.pbf` / `.osm`) for road distances and maps; nil uses the bundled Fornebu extract in demo mode and great-circle estimates otherwise.
    public var roadsFile: String?
    /// Seeds the Fornebu demonstration case into an empty database.
    public var demo: Bool
    /// bcrypt cost of stored passwords (each step doubles the work).
    public var passwordCost: Int
    /// A secret that Prometheus sends as `Authorization: Bearer …` to read `/metrics`; without
    /// it only platform admins' API tokens may read the metrics.
    public var metricsToken: String?
    /// How long a stopping server waits for requests in flight before it closes the databases.
    public var shutdownGrace: Duration
    public var maximumBodyBytes: Int
    /// Whether this instance works on the planning queue (every instance may).
    public var runsPlanningWorker: Bool
    public var planningPollInterval: Duration
    /// Addresses of the reverse proxies in front of the server, whose `X-Forwarded-For` tells
    /// the client's address to the log-in throttle; with none, the peer is the client.
    public var trustedProxies: Set<String>
    public var webhooks: WebhookSettings
    /// The address people and integrations reach this server at (no trailing slash): links in
    /// messages, tracking pages and the QR codes of labels start with it.
    public var publicURL: String
    public var notifications: NotificationSettings
    public var impact: ImpactSettings
    /// How log-in failures slow further attempts (OWASP ASVS V6.3); the defaults are the product's.
    public var loginThrottle = LoginThrottle()
    /// How loading bays are booked: slots, hold time, confirmation, no-show release; the defaults are the product's.
    public var bookingRules = BookingRules.standard
    /// Days a curb event, and the plate hash of a declared trip, are kept after they happened.
    public var curbEventRetentionDays = 30
    /// The key licence plates are hashed with (`SAMLAST_PLATE_KEY`). Without one the deployment
    /// makes a key in its database, and a copy of the database then holds both the hashes and
    /// the key to test every plate against them: give one in production.
    public var plateKey: PlateKey?
    /// The time bookings are judged at: the system clock, or a test's clock that it moves on
    /// instead of sleeping through a hold's lifetime.
    public var now: @Sendable () -> Date = { Date() }

    public init(databaseURL: String? = nil, dataDirectory: String = "samlast-data", roadsFile: String? = nil, demo: Bool = false,
                passwordCost: Int = 12, maximumBodyBytes: Int = 10 * 1024 * 1024, runsPlanningWorker: Bool = true,
                planningPollInterval: Duration = .milliseconds(500), metricsToken: String? = nil, shutdownGrace: Duration = .seconds(8),
                trustedProxies: Set<String> = [], webhooks: WebhookSettings = WebhookSettings(),
                publicURL: String = "http://127.0.0.1:8080", notifications: NotificationSettings = NotificationSettings(),
                impact: ImpactSettings) {
        self.databaseURL = databaseURL
        self.dataDirectory = dataDirectory
        self.roadsFile = roadsFile
        self.demo = demo
        self.passwordCost = passwordCost
        self.maximumBodyBytes = maximumBodyBytes
        self.runsPlanningWorker = runsPlanningWorker
        self.planningPollInterval = planningPollInterval
        self.metricsToken = metricsToken
        self.shutdownGrace = shutdownGrace
        self.trustedProxies = trustedProxies
        self.webhooks = webhooks
        self.publicURL = publicURL.hasSuffix("/") ? String(publicURL.dropLast()) : publicURL
        self.notifications = notifications
        self.impact = impact
    }

    /// The SQLite file used when no database URL is given.
    public var sqlitePath: String { URL(fileURLWithPath: dataDirectory).appendingPathComponent("samlast.sqlite").path }
}

/// What the routes of an application share: its configuration, metrics and road data.
final class PlatformContext: Sendable {
    let configuration: PlatformConfiguration
    let metrics = PlatformMetrics()
    /// Road networks for distances and route lines, when road data was given.
    let roads: RoadMatrixProvider?
    /// Road centre lines to draw under maps, with the data's attribution.
    let mapRoads: [[Coordinate]]
    /// Stores single events in group commits; set once the database is configured.
    let eventWriter: EventWriter
    /// Hashes and checks passwords on threads of its own.
    let passwords: BoundedPasswordHasher
    /// Log-ins being checked now, at most one per account and address.
    let loginAdmission = LoginAdmission()
    /// The database's plate key once read (when the configuration gives none).
    let storedPlateKey = Mutex<PlateKey?>(nil)

    init(configuration: PlatformConfiguration, database: any Database, logger: Logger) throws {
        self.configuration = configuration
        eventWriter = EventWriter(database: database)
        passwords = BoundedPasswordHasher(cost: configuration.passwordCost)
        let file = configuration.roadsFile ?? (configuration.demo ? Bundle.module.path(forResource: "fornebu-roads.osm", ofType: "pbf", inDirectory: "Resources") : nil)
        if let file {
            let started = Date()
            let osm = file.hasSuffix(".pbf") ? try PBFReader.read(path: file) : try OSMXMLReader.read(path: file)
            roads = try RoadMatrixProvider(osm: osm, file: file)
            mapRoads = Self.drawableRoads(osm)
            logger.info("road data \(file): \(mapRoads.count) roads to draw, networks ready in \(Int(Date().timeIntervalSince(started) * 1000)) ms")
        } else {
            roads = nil
            mapRoads = []
        }
    }

    var matrixProvider: any TravelMatrixProvider { roads ?? GreatCircleMatrixProvider() }

    /// A line through `points` along the roads a vehicle of `category` drives, or straight where
    /// there is no road data or no route (`Polyline.through`).
    func path(through points: [Coordinate], for category: VehicleCategory) -> [Coordinate] {
        guard let network = roads?.network(for: category) else { return points }
        return Polyline.through(points) { try? network.route(from: $0, to: $1).geometry }
    }

    /// Ways worth drawing on a city map: streets and roads, not paths or service alleys.
    private static func drawableRoads(_ osm: OSMData) -> [[Coordinate]] {
        let kinds: Set<String> = ["motorway", "trunk", "primary", "secondary", "tertiary", "residential", "unclassified",
                                  "motorway_link", "trunk_link", "primary_link", "secondary_link", "tertiary_link", "living_street"]
        return osm.ways.compactMap { way in
            guard let kind = way.tags["highway"], kinds.contains(kind) else { return nil }
            let line = way.nodes.compactMap { osm.nodes[$0] }
            return line.count >= 2 ? line : nil
        }
    }
}

extension Application {
    private struct PlatformKey: StorageKey { typealias Value = PlatformContext }

    /// Set once by `configurePlatform` before the server starts.
    var platform: PlatformContext {
        get {
            guard let context = storage[PlatformKey.self] else { fatalError("configurePlatform(_:) was not called") }
            return context
        }
        set { storage[PlatformKey.self] = newValue }
    }
}
