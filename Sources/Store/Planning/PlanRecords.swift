import Domain
import Foundation
import Geo

/// A plan claimed by a worker.
public struct PlanJob: Decodable, Sendable, Equatable {
    public var id: String
    public var hubId: String
    public var planDate: String
    public var timeLimit: Double
    public var attempts: Int
}

/// A plan as its hub sees it, with the hub's time zone for its times.
public struct PlanRecord: Decodable, Sendable {
    public var id, hubId, planDate: String
    public var status: PlanStatus
    public var progress: Double
    public var createdAt: EpochMilliseconds
    public var finishedAt: EpochMilliseconds?
    public var error: String?
    /// JSON of the parcels the optimiser could not place, with its reasons.
    public var unassigned: String?
    public var timeZone: String
}

/// A route with its stops in order.
public struct RouteRecord: Decodable, Sendable {
    public var id, planId, hubId, vehicleId, vehicleType: String
    public var departure, returnTime: EpochMilliseconds
    public var distanceM, loadKg: Double
    public var parcelCount: Int
    public var driverId: String?
    public var dispatchedAt: EpochMilliseconds?
    public var timeZone: String
    /// JSON: the route's line as [[longitude, latitude]].
    public var geometry: String
    public var stops: [StopRecord] = []

    private enum CodingKeys: String, CodingKey {
        case id, planId, hubId, vehicleId, vehicleType, departure, returnTime, distanceM, loadKg, parcelCount, driverId, dispatchedAt, timeZone, geometry
    }

    /// The route's line (empty when the stored geometry is unreadable).
    public var line: [Coordinate] {
        let points = (try? JSONDecoder().decode([[Double]].self, from: Data(geometry.utf8))) ?? []
        return points.compactMap { $0.count == 2 ? Coordinate(longitude: $0[0], latitude: $0[1]) : nil }
    }
}

/// A stop of a route: the site, its planned arrival, and its parcels with their states.
public struct StopRecord: Decodable, Sendable {
    public var routeId: String
    public var stopIndex: Int
    public var siteId: String
    public var eta: EpochMilliseconds
    public var name, address: String
    public var longitude, latitude: Double
    public var accessNotes: String?
    /// The loading bay the vehicle parks at for this stop, chosen when the route was planned.
    public var bayId: String?
    public var parcels: [(barcode: String, status: ParcelStatus)] = []

    private enum CodingKeys: String, CodingKey {
        case routeId, stopIndex, siteId, eta, name, address, longitude, latitude, accessNotes, bayId
    }

    public var state: StopState { StopState(parcels: parcels.map(\.status)) }
}

/// What the access rules need to know of a route.
public struct RouteFacts: Decodable, Sendable {
    public var id, planId, hubId, operatorId: String
    public var driverId: String?
    public var dispatchedAt: EpochMilliseconds?
}

/// A parcel a plan may take.
public struct PlannableParcel: Decodable, Sendable {
    public var barcode, shipmentId, carrierId, recipientId, siteId, hubId, temperature: String
    public var shipperId: String?
    public var weightKg: Double
    public var pallet: Int
}

/// A route of a new plan, ready to be stored.
public struct NewRoute: Sendable {
    public var id, vehicleId, vehicleType: String
    public var departure, returnTime: EpochMilliseconds
    public var distanceM, loadKg: Double
    /// JSON: the route's line as [[longitude, latitude]].
    public var geometry: String
    /// In order; `bayId` is the loading bay the vehicle parks at for the stop, if any.
    public var stops: [(siteId: String, eta: EpochMilliseconds, barcodes: [String], bayId: String?)]

    public init(id: String, vehicleId: String, vehicleType: String, departure: EpochMilliseconds, returnTime: EpochMilliseconds,
                distanceM: Double, loadKg: Double, geometry: String, stops: [(siteId: String, eta: EpochMilliseconds, barcodes: [String], bayId: String?)]) {
        self.id = id
        self.vehicleId = vehicleId
        self.vehicleType = vehicleType
        self.departure = departure
        self.returnTime = returnTime
        self.distanceM = distanceM
        self.loadKg = loadKg
        self.geometry = geometry
        self.stops = stops
    }

    var parcelCount: Int { stops.reduce(0) { $0 + $1.barcodes.count } }
}
