/// The kinds of vehicle a city-logistics fleet has; each carries default speed and range
/// assumptions elsewhere (emissions, travel profiles) but the optimiser only needs its name.
public enum VehicleCategory: String, Sendable, Hashable, Codable, CaseIterable {
    case eCargoBike = "e-cargo-bike"
    case eVan = "e-van"
    case dieselVan = "diesel-van"
    case truck
}

/// One vehicle available for a route, with its depot(s), shift, limits and costs.
public struct Vehicle: Sendable, Hashable {
    public var id: String
    /// Vehicle type name, matched against `Job.allowedVehicleTypes` (e.g. "e-van").
    public var type: String
    /// Location index where the route starts and where delivered goods are loaded.
    public var startLocation: Int
    /// Location index where the route ends (may differ from the start).
    public var endLocation: Int
    public var capacity: Amount
    /// Earliest departure and latest return.
    public var shift: TimeWindow
    /// Longest allowed route duration (departure to return), e.g. a driver's working time.
    public var maxDuration: Double
    /// Longest allowed route distance, e.g. battery range.
    public var maxDistance: Double
    public var skills: Set<String>
    /// Index of the travel matrix (profile) this vehicle uses.
    public var profile: Int
    /// Durations of the profile are divided by this (1 = profile speed).
    public var speedFactor: Double
    /// Cost of using the vehicle at all.
    public var fixedCost: Double
    public var costPerDistance: Double
    public var costPerTime: Double

    public init(
        id: String, type: String = "vehicle", startLocation: Int, endLocation: Int? = nil,
        capacity: Amount, shift: TimeWindow = .always, maxDuration: Double = .infinity,
        maxDistance: Double = .infinity, skills: Set<String> = [], profile: Int = 0,
        speedFactor: Double = 1, fixedCost: Double = 0, costPerDistance: Double = 1,
        costPerTime: Double = 0
    ) {
        self.id = id
        self.type = type
        self.startLocation = startLocation
        self.endLocation = endLocation ?? startLocation
        self.capacity = capacity
        self.shift = shift
        self.maxDuration = maxDuration
        self.maxDistance = maxDistance
        self.skills = skills
        self.profile = profile
        self.speedFactor = speedFactor
        self.fixedCost = fixedCost
        self.costPerDistance = costPerDistance
        self.costPerTime = costPerTime
    }
}
