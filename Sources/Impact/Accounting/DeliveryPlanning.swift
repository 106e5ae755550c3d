import Domain
import Emissions
import Geo
import Routing

/// Plans and measures delivery days: the one code path behind a scenario's variants and a
/// live hub's counterfactual. Every plan comes from Domain's `HubPlanner`, the planner of a live
/// hub, with one optimiser time limit and seed; every measure gives the KPIs and ISO 14083 legs.
struct DeliveryPlanning: Sendable {
    var travel: Travel
    var parameters: SolverParameters
    /// Handling time per parcel at a stop, on top of the site's service time.
    var parcelServiceSeconds: Double

    /// The matrices over all points of a day or scenario, the zone, and where each recipient
    /// (site) is among the points.
    struct Travel: Sendable {
        var matrices: PrecomputedMatrixProvider
        var zone: Zone?
        var recipientPoints: [String: Int]

        var points: [Coordinate] { matrices.points }
        /// Every vehicle type's profile was computed when the matrices were made.
        func matrix(for type: VehicleCategory) -> TravelMatrix { matrices.matrix(for: TravelProfile.default(for: type))! }

        /// Kilometres of the leg from point `a` to `b` inside the zone, and how often it enters
        /// the zone; none without a zone.
        func inZone(from a: Int, to b: Int, matrix: TravelMatrix) -> (km: Double, entries: Int) {
            guard let zone else { return (0, 0) }
            let share = zone.share(from: points[a], to: points[b])
            return (share.inside * matrix.distance(a, b) / 1000, share.entries)
        }
    }

    /// One plan with what measuring it needs.
    struct DayPlan {
        var plan: HubPlan
        /// The point the routes start and end at: the hub or a carrier's depot.
        var origin: Int
        var vehicles: [String: FleetVehicle]
        var parcels: [String: Parcel]
    }

    /// A vehicle kind and how many of it: a hub's fleet, or (without a count) a carrier that
    /// brings as many as it needs.
    struct FleetSpec {
        var category: VehicleCategory
        var capacityKg: Int
        var capacityParcels: Int
        var count: Int?
        var costs: FleetVehicle.Costs?
    }

    /// The vehicles of `specs` for a day with `stops` stops; a spec without a count gives one
    /// vehicle per stop. Numbered per type across specs, so two specs of one type (a small and
    /// a large van) get ids of their own.
    static func fleet(_ specs: [FleetSpec], stops: Int) -> [FleetVehicle] {
        var fleet: [FleetVehicle] = []
        var numbered: [VehicleCategory: Int] = [:]
        for spec in specs {
            for _ in 0..<(spec.count ?? max(1, stops)) {
                numbered[spec.category, default: 0] += 1
                fleet.append(FleetVehicle(id: "\(spec.category.rawValue)-\(numbered[spec.category] ?? 1)", category: spec.category,
                                          capacityKg: spec.capacityKg, capacityParcels: spec.capacityParcels, costs: spec.costs))
            }
        }
        return fleet
    }

    /// The working hours of a carrier delivering its own parcels, in scenarios and counterfactuals.
    static let carrierShift = TimeWindow(start: 6 * 3600, end: 18 * 3600)

    /// Plans `parcels` to `sites` (keyed by the parcels' `recipientId`) on `weekday` from point
    /// `origin` with `fleet`, as a hub plans its day.
    func plan(_ parcels: [Parcel], sites: [String: RecipientSite], from origin: Int, fleet: [FleetVehicle], weekday: Int,
              shift: TimeWindow) throws -> DayPlan {
        var planner = HubPlanner(hubLocation: travel.points[origin], fleet: fleet, shift: shift, matrixProvider: travel.matrices)
        planner.parcelServiceSeconds = parcelServiceSeconds
        let plan = try planner.plan(parcels: parcels, sites: sites, weekday: weekday, parameters: parameters)
        return DayPlan(plan: plan, origin: origin, vehicles: Dictionary(fleet.map { ($0.id, $0) }) { first, _ in first },
                       parcels: Dictionary(parcels.map { ($0.id, $0) }) { first, _ in first })
    }

    /// What a plan (or a day as driven, in the same shape) contributes to the KPIs and
    /// emissions. Each stop's parcels are allocated per shipment, named `label/shipmentId` (the
    /// shipment id without a label), by mass × the shortest distance from the origin to the stop
    /// (ISO 14083 tonne-km).
    func measure(_ day: DayPlan, label: String?) -> PlanMeasure {
        var measure = PlanMeasure()
        for route in day.plan.routes {
            guard let vehicle = day.vehicles[route.vehicleId] else { continue }
            let matrix = travel.matrix(for: vehicle.category)
            let places = [day.origin] + route.stops.compactMap { travel.recipientPoints[$0.recipientId] } + [day.origin]
            measure.km += route.distanceMetres / 1000
            measure.vehicles += 1
            measure.cost += vehicle.costs?.route(metres: route.distanceMetres, seconds: route.arrival - route.departure) ?? 0
            measure.capacityKg += Double(vehicle.capacityKg)
            measure.routes.append(places.map { travel.points[$0] })
            measure.routeTypes.append(vehicle.category.rawValue)
            for (a, b) in zip(places, places.dropFirst()) {
                let inZone = travel.inZone(from: a, to: b, matrix: matrix)
                measure.zoneKm += inZone.km
                measure.zoneEntries += inZone.entries
            }
            var shipments: [Leg.Shipment] = []
            for (stop, place) in zip(route.stops, places.dropFirst()) {
                let parcels = stop.parcelIds.compactMap { day.parcels[$0] }
                let kg = parcels.reduce(0) { $0 + $1.weightKg }
                measure.stops += 1
                measure.parcels += parcels.count
                if parcels.count == 1 { measure.singleParcelStops += 1 }
                measure.loadKg += kg
                let shortestKm = matrix.distance(day.origin, place) / 1000
                for (shipment, mine) in Dictionary(grouping: parcels, by: \.shipmentId).sorted(by: { $0.key < $1.key }) {
                    shipments.append(.init(id: label.map { "\($0)/\(shipment)" } ?? shipment, tonnes: mine.reduce(0) { $0 + $1.weightKg } / 1000, shortestFeasibleKm: shortestKm))
                }
            }
            measure.legs.append(Leg(vehicleCategory: vehicle.category.rawValue, distanceKm: route.distanceMetres / 1000, shipments: shipments))
        }
        measure.unservedParcels = day.plan.unassigned.reduce(0) { $0 + $1.parcelIds.count }
        return measure
    }

    /// A carrier's line-haul from its depot to the hub and back: as many round trips as its
    /// vehicle's capacity requires for `kilograms` and `parcels`; `shipments` are allocated by mass.
    func lineHaul(from depot: Int, to hub: Int, vehicle spec: FleetSpec, kilograms: Double, parcels: Int,
                  shipments: [(id: String, kilograms: Double)]) -> PlanMeasure {
        let trips = max(Int((kilograms / Double(spec.capacityKg)).rounded(.up)), Int((Double(parcels) / Double(spec.capacityParcels)).rounded(.up)), 1)
        let matrix = travel.matrix(for: spec.category)
        let roundTripMetres = matrix.distance(depot, hub) + matrix.distance(hub, depot)
        var lineHaul = PlanMeasure()
        lineHaul.km = Double(trips) * roundTripMetres / 1000
        lineHaul.vehicles = trips
        lineHaul.loadKg = kilograms
        lineHaul.capacityKg = Double(trips * spec.capacityKg)
        lineHaul.cost = Double(trips) * (spec.costs?.route(metres: roundTripMetres, seconds: matrix.duration(depot, hub) + matrix.duration(hub, depot)) ?? 0)
        for (a, b) in [(depot, hub), (hub, depot)] {
            let inZone = travel.inZone(from: a, to: b, matrix: matrix)
            lineHaul.zoneKm += Double(trips) * inZone.km
            lineHaul.zoneEntries += trips * inZone.entries
        }
        let legShipments = shipments.map { Leg.Shipment(id: $0.id, tonnes: $0.kilograms / 1000, shortestFeasibleKm: matrix.distance(depot, hub) / 1000) }
        lineHaul.legs = [Leg(vehicleCategory: spec.category.rawValue, distanceKm: lineHaul.km, shipments: legShipments)]
        return lineHaul
    }
}

/// What one plan contributes to the KPIs and emissions.
struct PlanMeasure {
    var km = 0.0, zoneKm = 0.0, zoneEntries = 0, vehicles = 0, stops = 0, parcels = 0, singleParcelStops = 0
    var loadKg = 0.0, capacityKg = 0.0, cost = 0.0, unservedParcels = 0
    var legs: [Leg] = []
    var routes: [[Coordinate]] = []
    var routeTypes: [String] = []

    mutating func add(_ other: PlanMeasure) {
        km += other.km; zoneKm += other.zoneKm; zoneEntries += other.zoneEntries; vehicles += other.vehicles
        stops += other.stops; parcels += other.parcels; singleParcelStops += other.singleParcelStops
        loadKg += other.loadKg; capacityKg += other.capacityKg; cost += other.cost; unservedParcels += other.unservedParcels
        legs += other.legs
    }
}
