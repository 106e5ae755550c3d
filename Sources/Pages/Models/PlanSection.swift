import Domain
import Geo

/// The current plan on a hub's page: totals, the map, a row per route with its stops and ETAs
/// and its dispatch, and the parcels the plan could not place.
public struct PlanSection: Sendable, Codable, Equatable {
    public var planId: String
    /// When the plan was made, `HH:MM`.
    public var finishedAt: String
    public var totals: PlanTotals?
    public var routes: [PlanRoute]
    public var unplanned: [UnplannedParcels]
    /// Where the hub is: the square on the map.
    public var hub: Coordinate
    /// OpenStreetMap roads to draw under the routes (those crossing the map are drawn).
    public var roads: [[Coordinate]]

    public init(planId: String, finishedAt: String, totals: PlanTotals?, routes: [PlanRoute], unplanned: [UnplannedParcels],
                hub: Coordinate, roads: [[Coordinate]] = []) {
        self.planId = planId
        self.finishedAt = finishedAt
        self.totals = totals
        self.routes = routes
        self.unplanned = unplanned
        self.hub = hub
        self.roads = roads
    }
}

public struct PlanTotals: Sendable, Codable, Equatable {
    public var routes: Int
    public var stops: Int
    public var parcels: Int
    public var distanceKm: Double

    public init(routes: Int, stops: Int, parcels: Int, distanceKm: Double) {
        self.routes = routes
        self.stops = stops
        self.parcels = parcels
        self.distanceKm = distanceKm
    }
}

/// One vehicle's route in the plan.
public struct PlanRoute: Sendable, Codable, Equatable {
    /// The route's id: its dispatch form posts to `/ui/routes/<id>/dispatch`.
    public var id: String
    public var vehicleId: String
    public var vehicleType: String
    /// Leaving and coming back to the hub, `HH:MM`.
    public var departure: String
    public var returnTime: String
    public var parcelCount: Int
    public var loadKg: Double
    /// The vehicle's capacity, when known: the load is also shown as a share of it.
    public var capacityKg: Double?
    public var distanceKm: Double
    /// Set once dispatched: the driver's name (their id when unknown) and when, `HH:MM`.
    public var driverName: String?
    public var dispatchedAt: String?
    /// The road geometry driven, for the map.
    public var line: [Coordinate]
    public var stops: [PlanStop]

    public init(id: String, vehicleId: String, vehicleType: String, departure: String, returnTime: String, parcelCount: Int,
                loadKg: Double, capacityKg: Double?, distanceKm: Double, driverName: String? = nil, dispatchedAt: String? = nil,
                line: [Coordinate], stops: [PlanStop]) {
        self.id = id
        self.vehicleId = vehicleId
        self.vehicleType = vehicleType
        self.departure = departure
        self.returnTime = returnTime
        self.parcelCount = parcelCount
        self.loadKg = loadKg
        self.capacityKg = capacityKg
        self.distanceKm = distanceKm
        self.driverName = driverName
        self.dispatchedAt = dispatchedAt
        self.line = line
        self.stops = stops
    }
}

/// A stop of a planned route.
public struct PlanStop: Sendable, Codable, Equatable {
    /// The stop's place on the route from 0; shown from 1.
    public var index: Int
    public var name: String
    /// `HH:MM`.
    public var eta: String
    public var state: StopState
    public var location: Coordinate

    public init(index: Int, name: String, eta: String, state: StopState, location: Coordinate) {
        self.index = index
        self.name = name
        self.eta = eta
        self.state = state
        self.location = location
    }
}

/// Parcels the plan could not place, for one reason.
public struct UnplannedParcels: Sendable, Codable, Equatable {
    public var barcodes: [String]
    public var reason: String

    public init(barcodes: [String], reason: String) {
        self.barcodes = barcodes
        self.reason = reason
    }
}

extension PlanSection: TemplateFields {
    func templateFields(_ catalogue: Catalogue) -> [String: Any] {
        let map = PlanMap(hub: hub, routes: routes, roads: roads).draw(catalogue)
        return [
            "map": map.svg,
            "drawsRoads": map.drawsRoads,
            "routeRows": routes.enumerated().map { index, route in
                Scope(route, catalogue, adding: [
                    "colour": PlanMap.colour(index),
                    "capacityPercent": route.capacityKg.flatMap { $0 > 0 ? Int((route.loadKg / $0 * 100).rounded()) : nil } as Any,
                ])
            },
            "unplannedRows": unplanned.map { group in
                Scope(group, catalogue, adding: ["count": group.barcodes.count, "sample": group.barcodes.prefix(3).joined(separator: ", ")])
            },
        ]
    }
}
