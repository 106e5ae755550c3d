import Foundation
import Geo

/// The solution document written by `samlast solve --format json` and the HTTP API.
public struct SolutionDocument: Encodable, Sendable {
    public struct Summary: Encodable, Sendable {
        public var cost: Double
        public var distance: Double
        public var duration: Double
        public var vehicles: Int
        public var unassigned: Int
    }

    public struct StopEntry: Encodable, Sendable {
        public var job: String
        /// "delivery", "pickup", or for shipments "shipment-pickup"/"shipment-delivery".
        public var type: String
        public var location: Int
        public var coordinates: Coordinate?
        public var arrival: TimeOutput
        public var serviceStart: TimeOutput
        public var departure: TimeOutput
        public var waiting: Double
        public var loadAfter: [Int]
    }

    public struct RouteEntry: Encodable, Sendable {
        public var vehicle: String
        public var vehicleType: String
        public var departure: TimeOutput
        public var arrival: TimeOutput
        public var distance: Double
        public var duration: Double
        public var waiting: Double
        public var cost: Double
        public var loadAtStart: [Int]
        public var stops: [StopEntry]
    }

    public struct UnassignedEntry: Encodable, Sendable {
        public var job: String
        public var reason: String
    }

    public var problem: String
    public var attribution: String?
    public var summary: Summary
    public var routes: [RouteEntry]
    public var unassigned: [UnassignedEntry]

    public init(solution: Solution, problem: Problem) {
        let time = { (seconds: Double) in TimeOutput(seconds: seconds, zoneOffset: problem.timeZoneOffset) }
        self.problem = problem.name
        attribution = problem.attribution
        summary = Summary(cost: solution.routeCost, distance: solution.distance, duration: solution.duration,
                          vehicles: solution.vehiclesUsed, unassigned: solution.unassigned.count)
        routes = solution.routes.map { route in
            let vehicle = problem.vehicles[route.vehicleIndex]
            return RouteEntry(
                vehicle: vehicle.id, vehicleType: vehicle.type, departure: time(route.departure), arrival: time(route.arrival),
                distance: route.distance, duration: route.duration, waiting: route.waiting, cost: route.cost,
                loadAtStart: route.loadAtStart.values,
                stops: route.stops.map { stop in
                    let job = problem.jobs[stop.jobIndex]
                    let type = job.kind == .shipment ? (stop.isShipmentDelivery ? "shipment-delivery" : "shipment-pickup") : job.kind.rawValue
                    return StopEntry(job: job.id, type: type, location: stop.location, coordinates: problem.coordinates?[stop.location],
                                     arrival: time(stop.arrival), serviceStart: time(stop.serviceStart), departure: time(stop.departure),
                                     waiting: stop.waiting, loadAfter: stop.loadAfter.values)
                })
        }
        unassigned = solution.unassigned.map { UnassignedEntry(job: problem.jobs[$0.jobIndex].id, reason: $0.reason) }
    }

    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}

/// A time in output: ISO 8601 with the input's offset when the input used date-times,
/// otherwise the plain number.
public struct TimeOutput: Encodable, Sendable {
    public var seconds: Double
    public var zoneOffset: Int?

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        if let zoneOffset { try container.encode(TimeValue.format(seconds, offset: zoneOffset)) } else { try container.encode(seconds) }
    }
}

extension Solution {
    /// Routes as GeoJSON LineStrings (depot → stops → depot) and stops as Points; needs
    /// coordinates in the problem. Each leg is a straight line unless `leg` returns the road
    /// geometry for it (given the vehicle and the two ends); either way it starts and ends at
    /// the depot and stop coordinates themselves (`Polyline.through`).
    public func geoJSON(
        for problem: Problem, leg: (Vehicle, Coordinate, Coordinate) -> [Coordinate]? = { _, _, _ in nil }
    ) -> GeoJSON.FeatureCollection? {
        guard let coordinates = problem.coordinates else { return nil }
        var features: [GeoJSON.Feature] = []
        for (number, route) in routes.enumerated() {
            let vehicle = problem.vehicles[route.vehicleIndex]
            let places = [coordinates[vehicle.startLocation]] + route.stops.map { coordinates[$0.location] } + [coordinates[vehicle.endLocation]]
            var line = Polyline.through(places) { leg(vehicle, $0, $1) }
            // A LineString needs two positions, also for a route that never leaves its depot's spot.
            if line.count == 1 { line.append(line[0]) }
            features.append(GeoJSON.Feature(geometry: .lineString(line), properties: [
                "route": .integer(number + 1), "vehicle": .string(vehicle.id), "vehicleType": .string(vehicle.type),
                "distance": .number(route.distance), "duration": .number(route.duration), "stops": .integer(route.stops.count),
            ]))
            for (index, stop) in route.stops.enumerated() {
                features.append(GeoJSON.Feature(geometry: .point(coordinates[stop.location]), properties: [
                    "route": .integer(number + 1), "sequence": .integer(index + 1),
                    "job": .string(problem.jobs[stop.jobIndex].id), "arrival": .number(stop.arrival),
                ]))
            }
        }
        return GeoJSON.FeatureCollection(features: features, attribution: problem.attribution)
    }
}
