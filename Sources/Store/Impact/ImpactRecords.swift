import Foundation

/// Where a carrier drives from, and with what, had it delivered its parcels itself: the
/// counterfactual of the hub's impact figures.
public struct DepotRecord: Decodable, Sendable, Equatable {
    public var organisationId: String
    public var longitude: Double
    public var latitude: Double
    public var vehicleType: String
    public var capacityKg: Int
    public var capacityParcels: Int
    public var updatedAt: EpochMilliseconds

    public init(organisationId: String, longitude: Double, latitude: Double, vehicleType: String, capacityKg: Int, capacityParcels: Int,
                updatedAt: EpochMilliseconds) {
        self.organisationId = organisationId
        self.longitude = longitude
        self.latitude = latitude
        self.vehicleType = vehicleType
        self.capacityKg = capacityKg
        self.capacityParcels = capacityParcels
        self.updatedAt = updatedAt
    }
}

/// A parcel served on a dispatched route of a hub's day: its stop, and when its first
/// delivery or attempt there was recorded.
public struct ServedParcelRow: Decodable, Sendable {
    public var routeId: String
    public var vehicleId: String
    public var departure: EpochMilliseconds
    public var returnTime: EpochMilliseconds
    public var stopIndex: Int
    public var siteId: String
    public var barcode: String
    public var shipmentId: String
    public var carrierId: String
    public var shipperId: String?
    public var weightKg: Double
    public var servedAt: EpochMilliseconds
}

/// One computation of a hub's day, as stored: its revision, factor version and outcome.
public struct ImpactDayRecord: Decodable, Sendable {
    public var id: String
    public var hubId: String
    public var day: String
    public var revision: Int
    public var factorVersion: String
    public var method: String
    /// `computed`, or `failed` with the reason in `error`.
    public var status: String
    public var error: String?
    public var carriers: Int
    /// JSON of the whole computation (Impact's `HubDayImpact`); nil when it failed.
    public var document: String?
    public var computedAt: EpochMilliseconds
}

/// A computation to store: its figures as JSON, and each shipment's footprint.
public struct NewImpactDay: Sendable {
    public var hubId: String
    public var day: String
    public var factorVersion: String
    public var method: String
    public var carriers: Int
    public var document: String?
    public var error: String?
    /// The newest event it took in: events recorded later make it stale.
    public var eventsThrough: EpochMilliseconds
    public var footprints: [FootprintRow]

    public init(hubId: String, day: String, factorVersion: String, method: String, carriers: Int, document: String?, error: String?,
                eventsThrough: EpochMilliseconds, footprints: [FootprintRow]) {
        self.hubId = hubId
        self.day = day
        self.factorVersion = factorVersion
        self.method = method
        self.carriers = carriers
        self.document = document
        self.error = error
        self.eventsThrough = eventsThrough
        self.footprints = footprints
    }
}

/// A shipment's footprint of one computed day, with the parties it belongs to.
public struct FootprintRow: Decodable, Sendable, Equatable {
    public var shipmentId: String
    public var carrierId: String
    public var shipperId: String?
    public var hubId: String
    public var day: String
    public var factorVersion: String
    public var revision: Int
    /// JSON of Impact's `ShipmentFootprint`.
    public var footprint: String

    public init(shipmentId: String, carrierId: String, shipperId: String?, hubId: String, day: String, factorVersion: String, revision: Int,
                footprint: String) {
        self.shipmentId = shipmentId
        self.carrierId = carrierId
        self.shipperId = shipperId
        self.hubId = hubId
        self.day = day
        self.factorVersion = factorVersion
        self.revision = revision
        self.footprint = footprint
    }
}

/// A hub's day whose dispatched routes have events newer than its last computation.
public struct StaleHubDay: Decodable, Sendable, Equatable {
    public var hubId: String
    public var day: String
}
