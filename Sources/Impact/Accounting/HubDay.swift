import Domain
import Geo
import Routing

/// What a hub actually did on one day, as the platform recorded it: the routes its drivers
/// drove (stops in the order they were served), the parcels on them, the sites, and where each
/// carrier would otherwise have driven from. The input of `HubDayAccounting`.
public struct HubDay: Sendable {
    public var hubId: String
    /// The operating day, `YYYY-MM-DD` in the hub's zone.
    public var date: String
    /// 1 = Monday … 7 = Sunday.
    public var weekday: Int
    public var hubLocation: Coordinate
    /// The hub's vehicles (the driven routes name them).
    public var fleet: [FleetVehicle]
    public var routes: [DrivenRoute]
    /// Every parcel on a driven route, keyed by id; `recipientId` is the site it went to.
    public var parcels: [Parcel]
    /// Delivery sites by id, with their windows (the counterfactual plans to them).
    public var sites: [String: RecipientSite]
    /// Each carrier's depot and the vehicle it would deliver with, by carrier id; a carrier
    /// without one gets `CarrierDepot.standard`, and the assumptions say so.
    public var depots: [String: CarrierDepot]
    /// The optimiser time the hub's own plan had, given to each carrier's counterfactual plan.
    public var planTimeLimitSeconds: Double
    /// Electricity the hub uses per parcel handled (sorting, light, heat); nil when not known.
    public var hubEnergyPerParcelKWh: Double?

    public init(hubId: String, date: String, weekday: Int, hubLocation: Coordinate, fleet: [FleetVehicle], routes: [DrivenRoute], parcels: [Parcel],
                sites: [String: RecipientSite], depots: [String: CarrierDepot], planTimeLimitSeconds: Double, hubEnergyPerParcelKWh: Double?) {
        self.hubId = hubId
        self.date = date
        self.weekday = weekday
        self.hubLocation = hubLocation
        self.fleet = fleet
        self.routes = routes
        self.parcels = parcels
        self.sites = sites
        self.depots = depots
        self.planTimeLimitSeconds = planTimeLimitSeconds
        self.hubEnergyPerParcelKWh = hubEnergyPerParcelKWh
    }
}

/// A dispatched route as driven: the stops a driver served (delivered or attempted), in the
/// order of the first event recorded at each.
public struct DrivenRoute: Sendable, Hashable {
    public var id: String
    public var vehicleId: String
    public var stops: [DrivenStop]
    /// Leaving and returning to the hub, seconds after local midnight.
    public var departure: Double
    public var arrival: Double

    public init(id: String, vehicleId: String, stops: [DrivenStop], departure: Double, arrival: Double) {
        self.id = id
        self.vehicleId = vehicleId
        self.stops = stops
        self.departure = departure
        self.arrival = arrival
    }
}

/// One served stop: the site and the parcels delivered or attempted there.
public struct DrivenStop: Sendable, Hashable {
    public var siteId: String
    public var parcelIds: [String]
    /// When the first event at the stop was recorded, seconds after local midnight.
    public var servedAt: Double

    public init(siteId: String, parcelIds: [String], servedAt: Double) {
        self.siteId = siteId
        self.parcelIds = parcelIds
        self.servedAt = servedAt
    }
}

/// Where a carrier drives from and with what, had it delivered its parcels itself.
public struct CarrierDepot: Sendable, Hashable, Codable {
    public var location: Coordinate
    public var vehicleType: VehicleCategory
    public var capacityKg: Int
    public var capacityParcels: Int

    public init(location: Coordinate, vehicleType: VehicleCategory, capacityKg: Int, capacityParcels: Int) {
        self.location = location
        self.vehicleType = vehicleType
        self.capacityKg = capacityKg
        self.capacityParcels = capacityParcels
    }

    /// For a carrier that gave none: the Alnabru freight terminal in Oslo, where the large
    /// parcel carriers have their terminals, and a diesel van of 800 kg and 80 parcels — the
    /// carriers of the Fornebu scenario (`examples/fornebu-scenario.json`).
    public static let standard = CarrierDepot(location: Coordinate(longitude: 10.845, latitude: 59.933), vehicleType: .dieselVan,
                                              capacityKg: 800, capacityParcels: 80)

    var fleetSpec: DeliveryPlanning.FleetSpec {
        DeliveryPlanning.FleetSpec(category: vehicleType, capacityKg: capacityKg, capacityParcels: capacityParcels, count: nil, costs: nil)
    }
}
