import Routing

/// A vehicle of a fleet (a hub's, or a carrier's in a scenario), as the planner needs it.
public struct FleetVehicle: Sendable, Hashable {
    /// What using a vehicle costs, in one currency (NOK in scenarios), so that the optimiser
    /// weighs one vehicle more against the kilometres and hours it saves.
    public struct Costs: Sendable, Hashable {
        /// Per route driven.
        public var fixed: Double
        public var perKm: Double
        public var perHour: Double

        public init(fixed: Double = 0, perKm: Double = 0, perHour: Double = 0) {
            self.fixed = fixed
            self.perKm = perKm
            self.perHour = perHour
        }

        /// The cost of one route (or trip) of `metres` that takes `seconds`.
        public func route(metres: Double, seconds: Double) -> Double {
            fixed + perKm * metres / 1000 + perHour * seconds / 3600
        }
    }

    public var id: String
    public var category: VehicleCategory
    public var capacityKg: Int
    public var capacityParcels: Int
    /// Temperature classes it can carry besides ambient.
    public var temperatures: Set<TemperatureClass>
    /// How far it goes on a charge or tank, which limits the length of its route.
    public var rangeKm: Double?
    /// Nil plans for the fewest kilometres, as a hub that has not priced its vehicles does.
    public var costs: Costs?

    public init(id: String, category: VehicleCategory, capacityKg: Int, capacityParcels: Int, temperatures: Set<TemperatureClass> = [],
                rangeKm: Double? = nil, costs: Costs? = nil) {
        self.id = id
        self.category = category
        self.capacityKg = capacityKg
        self.capacityParcels = capacityParcels
        self.temperatures = temperatures
        self.rangeKm = rangeKm
        self.costs = costs
    }
}
