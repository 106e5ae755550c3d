import Foundation
import Geo
import Routing

/// A place that receives goods, with when it accepts them.
public struct RecipientSite: Sendable, Hashable {
    public var recipientId: String
    public var name: String
    public var location: Coordinate
    /// Accepted delivery windows as seconds after local midnight, per weekday (1 = Monday … 7 = Sunday).
    /// A weekday without an entry accepts no deliveries; one with an empty list accepts them at any time.
    public var windows: [Int: [TimeWindow]]
    public var serviceSeconds: Double

    public init(recipientId: String, name: String, location: Coordinate, windows: [Int: [TimeWindow]], serviceSeconds: Double = 180) {
        self.recipientId = recipientId
        self.name = name
        self.location = location
        self.windows = windows
        self.serviceSeconds = serviceSeconds
    }
}

/// A day's plan for a hub: routes with ordered stops and the parcels for each stop.
public struct HubPlan: Sendable {
    public struct PlannedStop: Sendable, Hashable {
        public var recipientId: String
        public var parcelIds: [String]
        /// Planned arrival, seconds after local midnight.
        public var eta: Double

        public init(recipientId: String, parcelIds: [String], eta: Double) {
            self.recipientId = recipientId
            self.parcelIds = parcelIds
            self.eta = eta
        }
    }

    public struct PlannedRoute: Sendable, Hashable {
        public var id: String
        public var vehicleId: String
        public var stops: [PlannedStop]
        public var distanceMetres: Double
        /// Leaving and returning to the hub, seconds after local midnight.
        public var departure: Double
        public var arrival: Double
        public var parcelIds: [String] { stops.flatMap(\.parcelIds) }

        public init(id: String, vehicleId: String, stops: [PlannedStop], distanceMetres: Double, departure: Double, arrival: Double) {
            self.id = id
            self.vehicleId = vehicleId
            self.stops = stops
            self.distanceMetres = distanceMetres
            self.departure = departure
            self.arrival = arrival
        }
    }

    public var routes: [PlannedRoute]
    /// Parcels no route could take, with the reason.
    public var unassigned: [(parcelIds: [String], reason: String)]

    public init(routes: [PlannedRoute], unassigned: [(parcelIds: [String], reason: String)]) {
        self.routes = routes
        self.unassigned = unassigned
    }
}

/// Builds the routing problem of a hub's day from the parcels at (or announced to) the hub
/// and turns the optimiser's solution back into a plan. Impact's scenarios plan every day
/// through it too (a carrier's depot is then the "hub"), so that a scenario and a live hub
/// give the same plan for the same parcels, sites and fleet.
public struct HubPlanner: Sendable {
    public var hubLocation: Coordinate
    public var fleet: [FleetVehicle]
    /// Working hours of the fleet, seconds after local midnight.
    public var shift: TimeWindow
    public var matrixProvider: any TravelMatrixProvider
    public var parcelServiceSeconds: Double = 30

    public init(hubLocation: Coordinate, fleet: [FleetVehicle], shift: TimeWindow, matrixProvider: any TravelMatrixProvider = GreatCircleMatrixProvider()) {
        self.hubLocation = hubLocation
        self.fleet = fleet
        self.shift = shift
        self.matrixProvider = matrixProvider
    }

    /// Plans `parcels` for `weekday`; vehicles in `busyVehicles` (already dispatched) are not used.
    /// One stop per recipient per route: a recipient's parcels are merged, and split only where
    /// they do not fit the largest vehicle.
    public func plan(
        parcels: [Parcel], sites: [String: RecipientSite], weekday: Int, busyVehicles: Set<String> = [],
        parameters: SolverParameters = SolverParameters(timeLimit: .seconds(2))
    ) throws -> HubPlan {
        var unassigned: [(parcelIds: [String], reason: String)] = []
        let vehicles = fleet.filter { !busyVehicles.contains($0.id) }
        guard let largestKg = vehicles.map(\.capacityKg).max(), let largestCount = vehicles.map(\.capacityParcels).max() else {
            return HubPlan(routes: [], unassigned: parcels.isEmpty ? [] : [(parcels.map(\.id), "no free vehicle at the hub")])
        }
        // Group per recipient, then cut into loads a vehicle can take. A load needs a vehicle
        // for every temperature class among its parcels.
        var groups: [(site: RecipientSite, parcels: [Parcel])] = [], groupOf: [String: Int] = [:]
        for parcel in parcels {
            guard let site = sites[parcel.recipientId] else {
                unassigned.append(([parcel.id], "recipient \(parcel.recipientId) has no registered delivery site"))
                continue
            }
            if let index = groupOf[parcel.recipientId] {
                groups[index].parcels.append(parcel)
            } else {
                groupOf[parcel.recipientId] = groups.count
                groups.append((site, [parcel]))
            }
        }
        var loads: [(site: RecipientSite, temperatures: Set<TemperatureClass>, parcels: [Parcel])] = []
        for group in groups {
            var current: [Parcel] = [], kg = 0.0
            func close() {
                loads.append((group.site, Set(current.map(\.temperature)).subtracting([.ambient]), current))
            }
            for parcel in group.parcels.sorted(by: { $0.id < $1.id }) {
                if !current.isEmpty && (kg + parcel.weightKg > Double(largestKg) || current.count + 1 > largestCount) {
                    close()
                    current = []
                    kg = 0
                }
                current.append(parcel)
                kg += parcel.weightKg
            }
            if !current.isEmpty { close() }
        }

        let places = [hubLocation] + loads.map(\.site.location)
        let profiles = Array(Set(vehicles.map { TravelProfile.default(for: $0.category) })).sorted { $0.name < $1.name }
        let matrices = try profiles.map { try matrixProvider.matrix(for: places, profile: $0) }
        let jobs = loads.enumerated().map { index, load -> Job in
            let kg = load.parcels.reduce(0) { $0 + $1.weightKg }
            return Job(id: "\(load.site.recipientId)#\(index)", kind: .delivery,
                       stop: Stop(location: index + 1, serviceTime: load.site.serviceSeconds + Double(load.parcels.count) * parcelServiceSeconds,
                                  timeWindows: load.site.windows[weekday] ?? [TimeWindow(start: 0, end: 0)]),
                       demand: [Int(kg.rounded(.up)), load.parcels.count],
                       requiredSkills: Set(load.temperatures.map(\.rawValue)))
        }
        let routingVehicles = vehicles.map { vehicle in
            var routing = Vehicle(id: vehicle.id, type: vehicle.category.rawValue, startLocation: 0,
                                  capacity: [vehicle.capacityKg, vehicle.capacityParcels], shift: shift,
                                  skills: Set(vehicle.temperatures.map(\.rawValue)),
                                  profile: profiles.firstIndex(of: TravelProfile.default(for: vehicle.category)) ?? 0)
            if let range = vehicle.rangeKm { routing.maxDistance = range * 1000 }
            if let costs = vehicle.costs {
                routing.fixedCost = costs.fixed
                routing.costPerDistance = costs.perKm / 1000
                routing.costPerTime = costs.perHour / 3600
            }
            return routing
        }
        let problem = Problem(name: "hub plan", capacityDimensions: ["kg", "parcels"], coordinates: places,
                              matrices: matrices, jobs: jobs, vehicles: routingVehicles)
        try problem.validate()
        let (solution, _) = Solver(parameters: parameters).solve(problem)
        let routes = solution.routes.map { route in
            HubPlan.PlannedRoute(
                id: "\(routingVehicles[route.vehicleIndex].id)-w\(weekday)", vehicleId: routingVehicles[route.vehicleIndex].id,
                stops: route.stops.map { stop in
                    HubPlan.PlannedStop(recipientId: loads[stop.jobIndex].site.recipientId, parcelIds: loads[stop.jobIndex].parcels.map(\.id), eta: stop.arrival)
                },
                distanceMetres: route.distance, departure: route.departure, arrival: route.arrival)
        }
        unassigned += solution.unassigned.map { (loads[$0.jobIndex].parcels.map(\.id), $0.reason) }
        return HubPlan(routes: routes, unassigned: unassigned)
    }

    /// A route already handed to a driver: it stays as it is, with its vehicle and parcels.
    public struct DispatchedRoute: Sendable, Hashable {
        public var vehicleId: String
        public var parcelIds: Set<String>

        public init(vehicleId: String, parcelIds: Set<String>) {
            self.vehicleId = vehicleId
            self.parcelIds = parcelIds
        }
    }

    /// Plans the day again (parcels arrived late, a route was dispatched): the dispatched routes
    /// stay as they are, their vehicles and parcels are left out, and everything else is
    /// optimised anew. Returns the new routes; the dispatched ones are not repeated.
    public func replan(
        around dispatched: [DispatchedRoute], parcels: [Parcel], sites: [String: RecipientSite], weekday: Int,
        parameters: SolverParameters = SolverParameters(timeLimit: .seconds(2))
    ) throws -> HubPlan {
        let onDispatchedRoutes = Set(dispatched.flatMap(\.parcelIds))
        return try plan(parcels: parcels.filter { !onDispatchedRoutes.contains($0.id) }, sites: sites, weekday: weekday,
                        busyVehicles: Set(dispatched.map(\.vehicleId)), parameters: parameters)
    }
}
