/// A planned visit in a solution route.
public struct ScheduledStop: Sendable, Hashable {
    public var jobIndex: Int
    /// For shipments: whether this is the delivery stop (false = pickup).
    public var isShipmentDelivery: Bool
    public var location: Int
    public var arrival: Double
    public var serviceStart: Double
    public var departure: Double
    public var waiting: Double { serviceStart - arrival }
    /// Load on board after the stop, per capacity dimension.
    public var loadAfter: Amount
}

/// One vehicle's route with its schedule and totals.
public struct SolutionRoute: Sendable, Hashable {
    public var vehicleIndex: Int
    public var departure: Double
    public var arrival: Double
    public var stops: [ScheduledStop]
    public var distance: Double
    public var duration: Double
    public var waiting: Double
    public var cost: Double
    /// Load on board when leaving the start depot.
    public var loadAtStart: Amount
}

/// Why a job could not be served.
public struct UnassignedJob: Sendable, Hashable {
    public var jobIndex: Int
    public var reason: String
}

/// The optimiser's result: routes with schedules, unassigned jobs with reasons, and totals.
public struct Solution: Sendable {
    public var routes: [SolutionRoute]
    public var unassigned: [UnassignedJob]

    public var distance: Double { routes.reduce(0) { $0 + $1.distance } }
    public var duration: Double { routes.reduce(0) { $0 + $1.duration } }
    /// Route costs (fixed + distance + time), without unassigned penalties.
    public var routeCost: Double { routes.reduce(0) { $0 + $1.cost } }
    public var vehiclesUsed: Int { routes.count }
}
