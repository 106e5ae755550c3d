import Domain
import Emissions
import Geo
import Routing

// A scenario's day plans, made by Domain's HubPlanner from the day's deliveries as a live hub
// makes them from its parcels, and measured for the KPIs.
extension ScenarioRunner {
    /// The matrices over all scenario points, the zone, and where each recipient is among the points.
    struct Travel {
        var matrices: PrecomputedMatrixProvider
        var zone: Zone?
        var recipientPoints: [String: Int]

        var points: [Coordinate] { matrices.points }
        /// Every vehicle type's profile was computed (`ScenarioRunner.travel()`).
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
        var parcelKg: [String: Double]
    }

    /// Plans `deliveries` (one per carrier and recipient, as `DemandGenerator` and `bundle` give
    /// them) of working day `day` from point `origin` with `fleet` through `HubPlanner`: a
    /// delivery's parcels become parcels of equal weight, its recipient a
    /// delivery site open in the recipient's window (or the policy's evening window; any time
    /// without either), and each vehicle spec as many vehicles as it has (as many as there are
    /// stops for a carrier, who brings what it needs).
    func plan(
        _ deliveries: [Delivery], from origin: Int, fleet specs: [ScenarioDocument.VehicleSpec], day: Int, travel: Travel,
        policy: ScenarioDocument.PolicyVariant? = nil, parameters: SolverParameters
    ) throws -> DayPlan {
        let recipients = Set(deliveries.map(\.recipient))
        var fleet: [FleetVehicle] = []
        // Numbered per type across specs, so two specs of one type (a small and a large van) get ids of their own.
        var numbered: [VehicleCategory: Int] = [:]
        for spec in specs {
            for _ in 0..<(spec.count ?? max(1, recipients.count)) {
                numbered[spec.type, default: 0] += 1
                fleet.append(FleetVehicle(id: "\(spec.type.rawValue)-\(numbered[spec.type] ?? 1)", category: spec.type, capacityKg: spec.capacityKg,
                                          capacityParcels: spec.capacityParcels, costs: spec.costs))
            }
        }
        var parcels: [Parcel] = []
        for delivery in deliveries {
            let carrier = scenario.carriers[delivery.carrier].id, recipient = scenario.recipients[delivery.recipient].id
            for number in 0..<delivery.parcels {
                parcels.append(Parcel(id: "\(carrier)/\(recipient)/\(number + 1)", shipmentId: "\(carrier)/\(recipient)", carrierId: carrier,
                                      recipientId: recipient, hubId: scenario.name, weightKg: delivery.kilograms / Double(delivery.parcels)))
            }
        }
        let weekday = day % 5 + 1
        var sites: [String: RecipientSite] = [:]
        for index in recipients {
            let recipient = scenario.recipients[index]
            var clock = recipient.timeWindow
            if let evening = policy?.eveningWindow, policy?.eveningCategories?.contains(recipient.category) ?? true { clock = evening }
            let windows = clock.map { [TimeWindow(start: ClockTime.seconds($0[0])!, end: ClockTime.seconds($0[1])!)] } ?? []
            sites[recipient.id] = RecipientSite(recipientId: recipient.id, name: recipient.id, location: recipient.location,
                                                windows: [weekday: windows], serviceSeconds: scenario.stopServiceSeconds)
        }
        // Vehicles work 06:00–18:00, or until an evening window closes.
        let shiftEnd = max(18 * 3600, policy?.eveningWindow.flatMap { ClockTime.seconds($0[1]) } ?? 0)
        var planner = HubPlanner(hubLocation: travel.points[origin], fleet: fleet, shift: TimeWindow(start: 6 * 3600, end: shiftEnd),
                                 matrixProvider: travel.matrices)
        planner.parcelServiceSeconds = scenario.parcelServiceSeconds
        let plan = try planner.plan(parcels: parcels, sites: sites, weekday: weekday, parameters: parameters)
        return DayPlan(plan: plan, origin: origin, vehicles: Dictionary(fleet.map { ($0.id, $0) }) { first, _ in first },
                       parcelKg: Dictionary(parcels.map { ($0.id, $0.weightKg) }) { first, _ in first })
    }

    /// What a plan contributes to the KPIs and emissions; `label` names its shipments.
    func measure(_ day: DayPlan, travel: Travel, label: String) -> PlanMeasure {
        var measure = PlanMeasure()
        for route in day.plan.routes {
            let vehicle = day.vehicles[route.vehicleId]!
            let matrix = travel.matrix(for: vehicle.category)
            let places = [day.origin] + route.stops.map { travel.recipientPoints[$0.recipientId]! } + [day.origin]
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
                let kg = stop.parcelIds.reduce(0) { $0 + day.parcelKg[$1]! }
                measure.stops += 1
                measure.parcels += stop.parcelIds.count
                if stop.parcelIds.count == 1 { measure.singleParcelStops += 1 }
                measure.loadKg += kg
                shipments.append(.init(id: "\(label)/\(stop.recipientId)", tonnes: kg / 1000, shortestFeasibleKm: matrix.distance(day.origin, place) / 1000))
            }
            measure.legs.append(Leg(vehicleCategory: vehicle.category.rawValue, distanceKm: route.distanceMetres / 1000, shipments: shipments))
        }
        measure.unservedParcels = day.plan.unassigned.reduce(0) { $0 + $1.parcelIds.count }
        return measure
    }

    /// The hub's consolidated routes for one day, plus each joining carrier's line-haul.
    func hubPlan(_ deliveries: [Delivery], day: Int, travel: Travel, policy: ScenarioDocument.PolicyVariant? = nil) throws -> PlanMeasure {
        var measure = deliveries.isEmpty ? PlanMeasure()
            : self.measure(try plan(deliveries, from: 0, fleet: scenario.hub.vehicles, day: day, travel: travel, policy: policy, parameters: solverParameters),
                           travel: travel, label: "\(day)-hub")
        for carrier in Set(deliveries.map(\.carrier)).sorted() {
            let mine = deliveries.filter { $0.carrier == carrier }
            let spec = scenario.carriers[carrier].vehicle
            let kg = mine.reduce(0) { $0 + $1.kilograms }, parcels = mine.reduce(0) { $0 + $1.parcels }
            let trips = max(Int((kg / Double(spec.capacityKg)).rounded(.up)), Int((Double(parcels) / Double(spec.capacityParcels)).rounded(.up)), 1)
            let depot = depotPoint(carrier), matrix = travel.matrix(for: spec.type)
            let roundTripMetres = matrix.distance(depot, 0) + matrix.distance(0, depot)
            var lineHaul = PlanMeasure()
            lineHaul.km = Double(trips) * roundTripMetres / 1000
            lineHaul.vehicles = trips
            lineHaul.loadKg = kg
            lineHaul.capacityKg = Double(trips * spec.capacityKg)
            lineHaul.cost = Double(trips) * (spec.costs?.route(metres: roundTripMetres, seconds: matrix.duration(depot, 0) + matrix.duration(0, depot)) ?? 0)
            for (a, b) in [(depot, 0), (0, depot)] {
                let inZone = travel.inZone(from: a, to: b, matrix: matrix)
                lineHaul.zoneKm += Double(trips) * inZone.km
                lineHaul.zoneEntries += trips * inZone.entries
            }
            let shipments = mine.map { Leg.Shipment(id: "\(day)-linehaul-\(carrier)/\($0.recipient)", tonnes: $0.kilograms / 1000, shortestFeasibleKm: matrix.distance(depot, 0) / 1000) }
            lineHaul.legs = [Leg(vehicleCategory: spec.type.rawValue, distanceKm: lineHaul.km, shipments: shipments)]
            measure.add(lineHaul)
        }
        return measure
    }
}

extension ScenarioDocument.VehicleSpec {
    /// The costs the optimiser weighs; nil when the scenario prices none of them, and then
    /// the plans take the fewest kilometres, as an unpriced hub's do.
    var costs: FleetVehicle.Costs? {
        guard fixedCost != nil || costPerKm != nil || costPerHour != nil else { return nil }
        return FleetVehicle.Costs(fixed: fixedCost ?? 0, perKm: costPerKm ?? 0, perHour: costPerHour ?? 0)
    }
}
