/// A carrier's, shipper's or hub operator's own shipment footprints (`GET /ui/footprints`):
/// one line per shipment and day, the totals, and the downloads (CSV, iLEAP).
public struct FootprintsPage: Page, Codable, Equatable {
    public static let template = "footprints"

    public var organisationName: String
    public var from: String
    public var to: String
    public var factorVersion: String
    public var shipments: [FootprintLine]
    public var totalParcels: Int
    public var totalMassKg: Double
    public var totalCo2eWellToWheelGrams: Double

    public init(organisationName: String, from: String, to: String, factorVersion: String, shipments: [FootprintLine]) {
        self.organisationName = organisationName
        self.from = from
        self.to = to
        self.factorVersion = factorVersion
        self.shipments = shipments
        totalParcels = shipments.reduce(0) { $0 + $1.parcels }
        totalMassKg = shipments.reduce(0) { $0 + $1.massKg }
        totalCo2eWellToWheelGrams = shipments.reduce(0) { $0 + $1.co2eWellToWheelGrams }
    }
}

extension FootprintsPage: TemplateFields {
    func templateFields(_ catalogue: Catalogue) -> [String: Any] { ["hasShipments": !shipments.isEmpty] }
}

/// One shipment's footprint of one day.
public struct FootprintLine: Sendable, Codable, Equatable {
    public var shipmentId: String
    public var day: String
    public var hubId: String
    public var parcels: Int
    public var massKg: Double
    /// The shortest feasible distance from the hub, the allocation's basis with the mass.
    public var distanceKm: Double
    /// Grams are what one shipment's footprint reads well in.
    public var co2eWellToWheelGrams: Double
    public var routes: String

    public init(shipmentId: String, day: String, hubId: String, parcels: Int, massKg: Double, distanceKm: Double, co2eWellToWheelKg: Double,
                routes: String) {
        self.shipmentId = shipmentId
        self.day = day
        self.hubId = hubId
        self.parcels = parcels
        self.massKg = massKg
        self.distanceKm = distanceKm
        co2eWellToWheelGrams = co2eWellToWheelKg * 1000
        self.routes = routes
    }
}
