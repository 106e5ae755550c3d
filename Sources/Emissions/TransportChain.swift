/// One vehicle trip (a transport chain element in ISO 14083 terms, "leg" for short): how far
/// the vehicle drove and what it carried, enough to compute its energy and allocate its
/// emissions to the consignments on board.
public struct Leg: Sendable {
    /// Vehicle category as in the factor table ("e-van", "diesel-van", "e-cargo-bike", …).
    public var vehicleCategory: String
    /// Kilometres driven, empty running included.
    public var distanceKm: Double
    /// Consignments carried and, for each, the basis of its share: mass (tonnes) times the
    /// shortest feasible distance (km) from where it was loaded to where it was delivered
    /// (ISO 14083's allocation by tonne-kilometres on a tour).
    public var shipments: [Shipment]
    /// Measured consumption per km, replacing the factor table's default (primary data).
    public var measuredConsumptionPerKm: Double?

    public struct Shipment: Sendable {
        public var id: String
        public var tonnes: Double
        public var shortestFeasibleKm: Double
        public init(id: String, tonnes: Double, shortestFeasibleKm: Double) {
            self.id = id
            self.tonnes = tonnes
            self.shortestFeasibleKm = shortestFeasibleKm
        }
    }

    public init(vehicleCategory: String, distanceKm: Double, shipments: [Shipment], measuredConsumptionPerKm: Double? = nil) {
        self.vehicleCategory = vehicleCategory
        self.distanceKm = distanceKm
        self.shipments = shipments
        self.measuredConsumptionPerKm = measuredConsumptionPerKm
    }
}

/// Energy used at a hub (sorting, lighting, heating) for the consignments it handled.
public struct HubOperation: Sendable {
    public var energyCarrier: String
    /// Energy over the period, in the carrier's unit.
    public var energy: Double
    /// Consignment ids handled in the period; the hub's emissions are shared equally among them.
    public var shipmentIds: [String]

    public init(energyCarrier: String, energy: Double, shipmentIds: [String]) {
        self.energyCarrier = energyCarrier
        self.energy = energy
        self.shipmentIds = shipmentIds
    }
}

/// Greenhouse gases of one element or a total, in kg CO2e.
public struct Emissions: Sendable, Equatable, Codable {
    public var tankToWheel: Double
    public var wellToWheel: Double
    public static let zero = Emissions(tankToWheel: 0, wellToWheel: 0)
    public init(tankToWheel: Double, wellToWheel: Double) {
        self.tankToWheel = tankToWheel
        self.wellToWheel = wellToWheel
    }
    public static func + (a: Emissions, b: Emissions) -> Emissions {
        Emissions(tankToWheel: a.tankToWheel + b.tankToWheel, wellToWheel: a.wellToWheel + b.wellToWheel)
    }
    public static func * (a: Emissions, factor: Double) -> Emissions {
        Emissions(tankToWheel: a.tankToWheel * factor, wellToWheel: a.wellToWheel * factor)
    }
}
