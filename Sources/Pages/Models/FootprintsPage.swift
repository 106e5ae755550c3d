/// A carrier's, shipper's or hub operator's own shipment footprints (`GET /ui/footprints`):
/// one line per shipment and day, the totals, and the downloads (CSV, iLEAP).
public struct FootprintsPage: Page, Codable, Equatable {
    public static let template = "footprints"

    public var organisationName: String
    public var from: String
    public var to: String
    public var factorVersion: String
    public var shipments: [FootprintLine]
    public var totalTonneKm: Double
    public var totalCo2eWellToWheelKg: Double

    public init(organisationName: String, from: String, to: String, factorVersion: String, shipments: [FootprintLine]) {
        self.organisationName = organisationName
        self.from = from
        self.to = to
        self.factorVersion = factorVersion
        self.shipments = shipments
        totalTonneKm = shipments.reduce(0) { $0 + $1.tonneKm }
        totalCo2eWellToWheelKg = shipments.reduce(0) { $0 + $1.co2eWellToWheelKg }
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
    public var tonneKm: Double
    /// Grams are what one parcel's footprint reads well in.
    public var co2eWellToWheelKg: Double
    public var co2eWellToWheelGrams: Double
    public var routes: String

    public init(shipmentId: String, day: String, hubId: String, parcels: Int, massKg: Double, tonneKm: Double, co2eWellToWheelKg: Double, routes: String) {
        self.shipmentId = shipmentId
        self.day = day
        self.hubId = hubId
        self.parcels = parcels
        self.massKg = massKg
        self.tonneKm = tonneKm
        self.co2eWellToWheelKg = co2eWellToWheelKg
        co2eWellToWheelGrams = co2eWellToWheelKg * 1000
        self.routes = routes
    }
}
