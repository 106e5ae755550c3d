/// Consolidated deliveries in a municipality, per hub and period (`GET /ui/municipality`),
/// aggregated over all carriers, with what consolidation saved against each carrier driving
/// direct.
public struct MunicipalityPage: Page, Codable, Equatable {
    public static let template = "municipality"

    public var organisationName: String
    /// Figures of a hub are withheld while fewer carriers than this used it.
    public var minimumCarriers: Int
    public var hubs: [HubFigures]
    /// The period shown, `YYYY-MM-DD`, and its month `YYYY-MM` (the council report's).
    public var from: String
    public var to: String
    public var month: String

    public init(organisationName: String, minimumCarriers: Int, hubs: [HubFigures], from: String, to: String, month: String) {
        self.organisationName = organisationName
        self.minimumCarriers = minimumCarriers
        self.hubs = hubs
        self.from = from
        self.to = to
        self.month = month
    }
}

/// The monthly report for the council (`GET /ui/municipality/report?month=YYYY-MM`): one
/// self-contained, printable document of every hub's month.
public struct CouncilReport: Page, Codable, Equatable {
    public static let template = "council-report"

    public var organisationName: String
    public var month: String
    public var minimumCarriers: Int
    public var hubs: [HubFigures]

    public init(organisationName: String, month: String, minimumCarriers: Int, hubs: [HubFigures]) {
        self.organisationName = organisationName
        self.month = month
        self.minimumCarriers = minimumCarriers
        self.hubs = hubs
    }
}

/// One hub's figures for the period; the numbers are nil where not given.
public struct HubFigures: Sendable, Codable, Equatable {
    public var hubName: String
    /// The period, `YYYY-MM-DD`.
    public var from: String
    public var to: String
    /// Whether the figures are withheld (too few carriers): only the carriers' count shows.
    public var withheld: Bool
    public var parcelsAnnounced: Int?
    public var parcelsDelivered: Int?
    public var parcelsFailed: Int?
    public var stops: Int?
    public var parcelsPerStop: Double?
    public var routesDriven: Int?
    public var distanceKm: Double?
    public var distanceByVehicleType: [VehicleDistance]
    /// The carriers that used the hub, as the stats give them (a count, or a note).
    public var carriers: String
    /// What consolidation saved; nil where the hub's days were not accounted.
    public var impact: ImpactSummary?

    public init(hubName: String, from: String, to: String, withheld: Bool, parcelsAnnounced: Int? = nil, parcelsDelivered: Int? = nil,
                parcelsFailed: Int? = nil, stops: Int? = nil, parcelsPerStop: Double? = nil, routesDriven: Int? = nil,
                distanceKm: Double? = nil, distanceByVehicleType: [VehicleDistance] = [], carriers: String, impact: ImpactSummary? = nil) {
        self.hubName = hubName
        self.from = from
        self.to = to
        self.withheld = withheld
        self.parcelsAnnounced = parcelsAnnounced
        self.parcelsDelivered = parcelsDelivered
        self.parcelsFailed = parcelsFailed
        self.stops = stops
        self.parcelsPerStop = parcelsPerStop
        self.routesDriven = routesDriven
        self.distanceKm = distanceKm
        self.distanceByVehicleType = distanceByVehicleType
        self.carriers = carriers
        self.impact = impact
    }
}

/// Kilometres driven by one kind of vehicle (`e-van`, `e-cargo-bike`, …).
public struct VehicleDistance: Sendable, Codable, Equatable {
    public var vehicleType: String
    public var km: Double

    public init(vehicleType: String, km: Double) {
        self.vehicleType = vehicleType
        self.km = km
    }
}
