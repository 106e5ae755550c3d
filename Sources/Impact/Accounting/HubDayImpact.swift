import Emissions

/// What a hub's day saved, by ISO 14083: the consolidated system as driven beside each carrier
/// driving its own parcels direct, with every leg, factor and assumption behind the figures.
/// Stored as computed; a later computation (another factor table) is a new revision, and the
/// old one keeps its numbers.
public struct HubDayImpact: Sendable, Codable, Equatable {
    /// The method of this computation; a change to how figures are made changes it.
    public static let method = "samlast-live-1"

    public var hubId: String
    public var date: String
    public var factorVersion: String
    public var method: String
    /// Carriers with parcels on the day's driven routes.
    public var carriers: Int
    public var consolidated: ImpactFigures
    public var counterfactual: ImpactFigures
    /// The counterfactual's vehicle-km over every seed it was planned with: the routing noise.
    public var counterfactualKmRange: [Double]
    public var legs: [AuditedLeg]
    public var shipments: [ShipmentFootprint]
    public var assumptions: [String]

    /// The carriers with shipments on the day's routes.
    public var carrierIds: Set<String> { Set(shipments.map(\.carrierId)) }
}

/// A system's figures for one day (or summed over days): totals, so that days add up.
public struct ImpactFigures: Sendable, Codable, Equatable {
    /// All vehicle-km: delivery routes and (consolidated) the carriers' line-haul to the hub.
    public var vehicleKm: Double = 0
    public var lineHaulKm: Double = 0
    /// Vehicles on the street: routes driven and line-haul trips.
    public var vehicles: Int = 0
    public var stops: Int = 0
    public var parcels: Int = 0
    public var singleParcelStops: Int = 0
    public var loadKg: Double = 0
    public var capacityKg: Double = 0
    public var co2eTankToWheelKg: Double = 0
    public var co2eWellToWheelKg: Double = 0
    /// Parcels the (counterfactual) plan could not place.
    public var unservedParcels: Int = 0

    public init() {}

    public var parcelsPerStop: Double { stops > 0 ? Double(parcels) / Double(stops) : 0 }
    /// Σ load ÷ Σ capacity over routes and trips, in percent.
    public var fillRateByWeight: Double { capacityKg > 0 ? 100 * loadKg / capacityKg : 0 }

    public static func + (a: ImpactFigures, b: ImpactFigures) -> ImpactFigures {
        var sum = a
        sum.vehicleKm += b.vehicleKm; sum.lineHaulKm += b.lineHaulKm; sum.vehicles += b.vehicles; sum.stops += b.stops
        sum.parcels += b.parcels; sum.singleParcelStops += b.singleParcelStops; sum.loadKg += b.loadKg; sum.capacityKg += b.capacityKg
        sum.co2eTankToWheelKg += b.co2eTankToWheelKg; sum.co2eWellToWheelKg += b.co2eWellToWheelKg; sum.unservedParcels += b.unservedParcels
        return sum
    }
}

/// One leg of a computation, for the audit trail: what it was, how far, which factors, and
/// how its emissions went to the shipments on board.
public struct AuditedLeg: Sendable, Codable, Equatable {
    public enum System: String, Sendable, Codable, CaseIterable { case consolidated, counterfactual }
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// A hub route as driven.
        case delivery
        /// A carrier's modelled trips between its depot and the hub.
        case lineHaul = "line-haul"
        /// A carrier's planned direct route (counterfactual).
        case direct
        /// The hub's own energy (an ISO 14083 hub operation).
        case hub
    }

    /// The route id, or `line-haul:<carrier>`, `direct:<carrier>:<n>`, `hub`.
    public var id: String
    public var system: System
    public var kind: Kind
    public var vehicleCategory: String?
    public var distanceKm: Double
    /// Where the distance comes from: measured on the road network between served stops, or modelled.
    public var distanceSource: String
    public var energyCarrier: String
    public var consumptionPerKm: Double?
    public var energy: Double
    public var emissions: Emissions
    public var tonneKm: Double
    public var allocations: [Allocation]

    public struct Allocation: Sendable, Codable, Equatable {
        public var shipmentId: String
        public var tonnes: Double
        /// The shortest feasible distance from where it was loaded to where it was delivered.
        public var shortestFeasibleKm: Double
        public var share: Double
    }
}

/// A shipment's footprint from the hub: its delivery leg(s) and its share of the hub's energy,
/// measured. (Its carrier's line-haul to the hub is the carrier's own transport, not in it.)
public struct ShipmentFootprint: Sendable, Codable, Equatable {
    public var shipmentId: String
    public var carrierId: String
    public var shipperId: String?
    public var siteId: String
    public var parcels: Int
    public var massKg: Double
    /// Shortest feasible distance hub → site.
    public var distanceKm: Double
    /// Mass × shortest feasible distance, the allocation basis.
    public var tonneKm: Double
    public var transport: Emissions
    public var hub: Emissions
    public var total: Emissions { transport + hub }
    /// The transport elements: one per route the shipment rode.
    public var elements: [Element]

    public struct Element: Sendable, Codable, Equatable {
        public var routeId: String
        public var vehicleCategory: String
        public var energyCarrier: String
        /// Shortest feasible distance hub → site for the route's vehicle.
        public var distanceKm: Double
        public var tonneKm: Double
        public var emissions: Emissions
        /// The route's emission intensity, kg CO2e WTW per tonne-km (its ISO 14083 TOC).
        public var wellToWheelPerTonneKm: Double
        public var tankToWheelPerTonneKm: Double
    }
}

/// A hub's day that cannot be accounted, and why.
public struct ImpactError: Error, CustomStringConvertible, Equatable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
