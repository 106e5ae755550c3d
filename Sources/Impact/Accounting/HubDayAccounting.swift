import Domain
import Emissions
import Foundation
import Geo
import Routing

/// Accounts a hub's real day by ISO 14083: the routes as driven (road distances between the
/// stops in the order they were served), each carrier's line-haul to the hub, the hub's own
/// energy, and the counterfactual of each carrier driving its own parcels direct from its depot,
/// planned through `DeliveryPlanning` exactly as the scenario engine plans its direct variant.
public struct HubDayAccounting: Sendable {
    public let factors: EmissionFactors
    public let matrixProvider: any TravelMatrixProvider
    /// Seeds the counterfactual is planned with: the first gives the figures, all give the
    /// routing-noise range.
    public var counterfactualSeeds: [UInt64] = [1, 2, 3]
    /// Stops each counterfactual plan after this many iterations as well as at the time limit
    /// (tests make plans reproducible with it).
    public var iterationLimit: Int?
    /// Handling time per parcel at a stop, as the hub's planner has it.
    public var parcelServiceSeconds: Double = 30

    public init(factors: EmissionFactors, matrixProvider: any TravelMatrixProvider = GreatCircleMatrixProvider()) {
        self.factors = factors
        self.matrixProvider = matrixProvider
    }

    public func account(_ day: HubDay) throws -> HubDayImpact {
        let vehicles = Dictionary(day.fleet.map { ($0.id, $0) }) { first, _ in first }
        let parcels = Dictionary(day.parcels.map { ($0.id, $0) }) { first, _ in first }
        for route in day.routes {
            guard vehicles[route.vehicleId] != nil else { throw ImpactError("route \(route.id): vehicle '\(route.vehicleId)' is not in the hub's fleet") }
            for stop in route.stops {
                guard day.sites[stop.siteId] != nil else { throw ImpactError("route \(route.id): site '\(stop.siteId)' is unknown") }
                if let missing = stop.parcelIds.first(where: { parcels[$0] == nil }) {
                    throw ImpactError("route \(route.id): parcel '\(missing)' at site '\(stop.siteId)' is not among the day's parcels")
                }
            }
        }
        let carried = day.routes.flatMap { $0.stops.flatMap(\.parcelIds) }.compactMap { parcels[$0] }
        let carriers = Set(carried.map(\.carrierId)).sorted()
        var assumptions: [String] = []
        let depots = carriers.map { day.depots[$0] ?? .standard }
        // Counted, not named: the assumptions are shown to municipalities, who see no single carrier.
        let standard = carriers.filter { day.depots[$0] == nil }.count
        if standard > 0 {
            assumptions.append("\(standard) of \(carriers.count) carriers gave no depot: the standard one is assumed for them (\(Self.describe(CarrierDepot.standard))).")
        }

        // Points: the hub, each carrier's depot, then the sites served.
        let siteIds = Set(carried.map(\.recipientId)).sorted()
        let points = [day.hubLocation] + depots.map(\.location) + siteIds.compactMap { day.sites[$0]?.location }
        let profiles = Set(day.fleet.map(\.category) + depots.map(\.vehicleType)).sorted { $0.rawValue < $1.rawValue }.map { TravelProfile.default(for: $0) }
        // Where the road data ends (a depot far from the hub's area), legs to and from the
        // point are estimated, and the assumptions say so.
        let provider = matrixProvider is GreatCircleMatrixProvider ? matrixProvider : FallbackMatrixProvider(primary: matrixProvider)
        if let mixed = provider as? FallbackMatrixProvider {
            let outside = Set(profiles.flatMap { mixed.outside(points, profile: $0) })
            if outside.contains(where: { $0 > depots.count }) || outside.contains(0) {
                throw ImpactError("the hub or a served site is outside the road data; account the day with road data that covers the hub's area")
            }
            if !outside.isEmpty {
                assumptions.append("\(outside.count) carrier depot(s) lie outside the road data: legs to and from them are great-circle distance × detour factor estimates.")
            }
        }
        let matrices = try PrecomputedMatrixProvider(points: points, profiles: profiles, provider: provider)
        let travel = DeliveryPlanning.Travel(matrices: matrices, zone: nil,
                                            recipientPoints: Dictionary(uniqueKeysWithValues: siteIds.enumerated().map { ($1, 1 + depots.count + $0) }))
        let planning = DeliveryPlanning(travel: travel, parameters: parameters(seed: counterfactualSeeds.first ?? 1, day: day),
                                        parcelServiceSeconds: parcelServiceSeconds)

        // Consolidated: the routes as driven, then each carrier's line-haul.
        let driven = day.routes.filter { !$0.stops.isEmpty }
        let drivenPlan = HubPlan(routes: driven.map { route in
            let category = vehicles[route.vehicleId]?.category ?? .eVan
            let places = [0] + route.stops.compactMap { travel.recipientPoints[$0.siteId] } + [0]
            let metres = zip(places, places.dropFirst()).reduce(0) { $0 + travel.matrix(for: category).distance($1.0, $1.1) }
            return HubPlan.PlannedRoute(id: route.id, vehicleId: route.vehicleId,
                                        stops: route.stops.map { HubPlan.PlannedStop(recipientId: $0.siteId, parcelIds: $0.parcelIds, eta: $0.servedAt) },
                                        distanceMetres: metres, departure: route.departure, arrival: route.arrival)
        }, unassigned: [])
        let delivery = planning.measure(DeliveryPlanning.DayPlan(plan: drivenPlan, origin: 0, vehicles: vehicles, parcels: parcels), label: nil)
        var lineHaul = PlanMeasure()
        for (index, carrier) in carriers.enumerated() {
            let mine = carried.filter { $0.carrierId == carrier }
            let shipments: [(id: String, kilograms: Double)] = Dictionary(grouping: mine, by: { (parcel: Parcel) in parcel.shipmentId })
                .map { ($0.key, $0.value.reduce(0) { $0 + $1.weightKg }) }.sorted { $0.id < $1.id }
            lineHaul.add(planning.lineHaul(from: 1 + index, to: 0, vehicle: depots[index].fleetSpec, kilograms: mine.reduce(0) { $0 + $1.weightKg },
                                           parcels: mine.count, shipments: shipments))
        }
        let hubOperations = try hubOperations(day, carried: carried, assumptions: &assumptions)
        let calculator = EmissionCalculator(factors: factors)
        let deliveryEmissions = try calculate(delivery.legs, ids: drivenPlan.routes.map(\.id), calculator: calculator)
        let lineHaulEmissions = try calculate(lineHaul.legs, ids: carriers.map { "line-haul:\($0)" }, calculator: calculator)
        let hubEmissions = try calculator.calculate(legs: [], hubs: hubOperations)

        // Counterfactual: each carrier plans its own parcels from its depot, with every seed.
        var direct = PlanMeasure(), directIds: [String] = [], kmPerSeed = [Double](repeating: 0, count: max(counterfactualSeeds.count, 1))
        for (index, carrier) in carriers.enumerated() {
            let mine = carried.filter { $0.carrierId == carrier }
            let fleet = DeliveryPlanning.fleet([depots[index].fleetSpec], stops: Set(mine.map(\.recipientId)).count)
            for (seedIndex, seed) in (counterfactualSeeds.isEmpty ? [1] : counterfactualSeeds).enumerated() {
                var seeded = planning
                seeded.parameters = parameters(seed: seed, day: day)
                let plan = try seeded.plan(mine, sites: day.sites, from: 1 + index, fleet: fleet, weekday: day.weekday, shift: DeliveryPlanning.carrierShift)
                let measure = seeded.measure(plan, label: nil)
                kmPerSeed[seedIndex] += measure.km
                guard seedIndex == 0 else { continue }
                direct.add(measure)
                directIds += measure.legs.indices.map { "direct:\(carrier):\($0 + 1)" }
            }
        }
        let directEmissions = try calculate(direct.legs, ids: directIds, calculator: calculator)

        var consolidated = Self.figures(delivery, emissions: [deliveryEmissions.result, lineHaulEmissions.result, hubEmissions])
        consolidated = consolidated + Self.figures(lineHaul, emissions: [])
        consolidated.lineHaulKm = lineHaul.km
        let counterfactual = Self.figures(direct, emissions: [directEmissions.result])
        assumptions += standingAssumptions(day, routesLeftOut: day.routes.count - driven.count, lineHauls: lineHaul.vehicles)

        var legs: [AuditedLeg] = deliveryEmissions.audit(AuditedLeg.System.consolidated, AuditedLeg.Kind.delivery, source: distanceSource)
        legs += lineHaulEmissions.audit(AuditedLeg.System.consolidated, AuditedLeg.Kind.lineHaul, source: "modelled")
        legs += hubAudit(hubOperations, result: hubEmissions)
        legs += directEmissions.audit(AuditedLeg.System.counterfactual, AuditedLeg.Kind.direct, source: "planned, \(distanceSource)")
        return HubDayImpact(
            hubId: day.hubId, date: day.date, factorVersion: factors.version, method: HubDayImpact.method, carriers: carriers.count,
            consolidated: consolidated, counterfactual: counterfactual,
            counterfactualKmRange: [kmPerSeed.min() ?? 0, kmPerSeed.max() ?? 0], legs: legs,
            shipments: footprints(carried, delivery: deliveryEmissions, hub: hubEmissions), assumptions: assumptions)
    }

    private var distanceSource: String {
        matrixProvider is GreatCircleMatrixProvider ? "great-circle distance × detour factor between served stops" : "road network between served stops"
    }

    private func parameters(seed: UInt64, day: HubDay) -> SolverParameters {
        var parameters = SolverParameters(timeLimit: .milliseconds(Int64((day.planTimeLimitSeconds * 1000).rounded())), seed: seed)
        if let iterationLimit { parameters.iterationLimit = iterationLimit }
        return parameters
    }

    /// The hub's energy for the parcels it handled, shared equally by their shipments.
    private func hubOperations(_ day: HubDay, carried: [Parcel], assumptions: inout [String]) throws -> [HubOperation] {
        guard let perParcel = day.hubEnergyPerParcelKWh else {
            assumptions.append("Hub energy: not given for this hub, so its operations count as 0 kg CO2e (ISO 14083 asks for them: set the hub's energyPerParcelKWh).")
            return []
        }
        guard perParcel >= 0, perParcel.isFinite else { throw ImpactError("hub \(day.hubId): energyPerParcelKWh must be a finite number ≥ 0") }
        guard !carried.isEmpty else { return [] }
        let electricity = try factors.vehicle(VehicleCategory.eVan.rawValue).energyCarrier
        return [HubOperation(energyCarrier: electricity, energy: perParcel * Double(carried.count), shipmentIds: Array(Set(carried.map(\.shipmentId))).sorted())]
    }

    /// Legs and their ids, with the calculation over them.
    private struct Calculated {
        var legs: [Leg]
        var ids: [String]
        var result: EmissionCalculator.Result

        func audit(_ system: AuditedLeg.System, _ kind: AuditedLeg.Kind, source: String) -> [AuditedLeg] {
            zip(zip(ids, legs), result.perLeg).map { pair, outcome in
                let (id, leg) = pair
                return AuditedLeg(id: id, system: system, kind: kind, vehicleCategory: leg.vehicleCategory, distanceKm: leg.distanceKm,
                                  distanceSource: source, energyCarrier: outcome.energyCarrier, consumptionPerKm: outcome.consumptionPerKm,
                                  energy: outcome.energy, emissions: outcome.emissions, tonneKm: outcome.tonneKm,
                                  allocations: zip(leg.shipments, outcome.shares).map {
                                      .init(shipmentId: $0.id, tonnes: $0.tonnes, shortestFeasibleKm: $0.shortestFeasibleKm, share: $1)
                                  })
            }
        }
    }

    /// Calculates `legs`, naming a leg the factor table cannot price by its id.
    private func calculate(_ legs: [Leg], ids: [String], calculator: EmissionCalculator) throws -> Calculated {
        for (leg, id) in zip(legs, ids) {
            do { _ = try factors.vehicle(leg.vehicleCategory) } catch { throw ImpactError("\(id): \(error)") }
        }
        return Calculated(legs: legs, ids: ids, result: try calculator.calculate(legs: legs))
    }

    private func hubAudit(_ operations: [HubOperation], result: EmissionCalculator.Result) -> [AuditedLeg] {
        operations.map { operation in
            AuditedLeg(id: "hub", system: .consolidated, kind: .hub, vehicleCategory: nil, distanceKm: 0, distanceSource: "hub energy per parcel × parcels",
                       energyCarrier: operation.energyCarrier, consumptionPerKm: nil, energy: operation.energy, emissions: result.hubs, tonneKm: 0,
                       allocations: operation.shipmentIds.map { .init(shipmentId: $0, tonnes: 0, shortestFeasibleKm: 0, share: 1 / Double(operation.shipmentIds.count)) })
        }
    }

    /// Each shipment's delivery elements (one per route it rode) and hub share.
    private func footprints(_ carried: [Parcel], delivery: Calculated, hub: EmissionCalculator.Result) -> [ShipmentFootprint] {
        var elements: [String: [ShipmentFootprint.Element]] = [:]
        for ((routeId, leg), outcome) in zip(zip(delivery.ids, delivery.legs), delivery.result.perLeg) {
            for (shipment, share) in zip(leg.shipments, outcome.shares) {
                let emissions = outcome.emissions * share
                let tonneKm = shipment.tonnes * shipment.shortestFeasibleKm
                elements[shipment.id, default: []].append(.init(
                    routeId: routeId, vehicleCategory: leg.vehicleCategory, energyCarrier: outcome.energyCarrier,
                    distanceKm: shipment.shortestFeasibleKm, tonneKm: tonneKm, emissions: emissions,
                    wellToWheelPerTonneKm: outcome.tonneKm > 0 ? outcome.emissions.wellToWheel / outcome.tonneKm : 0,
                    tankToWheelPerTonneKm: outcome.tonneKm > 0 ? outcome.emissions.tankToWheel / outcome.tonneKm : 0))
            }
        }
        return Dictionary(grouping: carried, by: \.shipmentId).sorted { $0.key < $1.key }.compactMap { shipmentId, parcels in
            guard let first = parcels.first else { return nil }
            let mine = elements[shipmentId] ?? []
            return ShipmentFootprint(
                shipmentId: shipmentId, carrierId: first.carrierId, shipperId: first.shipperId, siteId: first.recipientId, parcels: parcels.count,
                massKg: parcels.reduce(0) { $0 + $1.weightKg }, distanceKm: mine.first?.distanceKm ?? 0,
                tonneKm: mine.reduce(0) { $0 + $1.tonneKm }, transport: mine.reduce(.zero) { $0 + $1.emissions },
                hub: hub.perShipment[shipmentId] ?? .zero, elements: mine)
        }
    }

    private static func figures(_ measure: PlanMeasure, emissions: [EmissionCalculator.Result]) -> ImpactFigures {
        var figures = ImpactFigures()
        figures.vehicleKm = measure.km
        figures.vehicles = measure.vehicles
        figures.stops = measure.stops
        figures.parcels = measure.parcels
        figures.singleParcelStops = measure.singleParcelStops
        figures.loadKg = measure.loadKg
        figures.capacityKg = measure.capacityKg
        figures.unservedParcels = measure.unservedParcels
        figures.co2eTankToWheelKg = emissions.reduce(0) { $0 + $1.total.tankToWheel }
        figures.co2eWellToWheelKg = emissions.reduce(0) { $0 + $1.total.wellToWheel }
        return figures
    }

    static func describe(_ depot: CarrierDepot) -> String {
        "\(depot.location.latitude) N \(depot.location.longitude) E, \(depot.vehicleType.rawValue) of \(depot.capacityKg) kg and \(depot.capacityParcels) parcels"
    }

    private func standingAssumptions(_ day: HubDay, routesLeftOut: Int, lineHauls: Int) -> [String] {
        var list = [
            "Consolidated: the hub's routes as driven, hub → stops in the order served (first delivery or attempt recorded at each) → hub; distances: \(distanceSource).",
            "Line-haul: each carrier brings its parcels from its depot to the hub in round trips of its own vehicle, as many as capacity requires (\(lineHauls) trips; modelled, not measured).",
            "Counterfactual: each carrier delivers the same parcels itself from its depot with its vehicle, planned by the hub's planner (HubPlanner) at equal optimiser time (\(day.planTimeLimitSeconds) s per plan) in a 06:00–18:00 shift, seed \(counterfactualSeeds.first ?? 1); the km range is over seeds \(counterfactualSeeds.map(String.init).joined(separator: ", ")). The same code plans a scenario's direct variant.",
            "Uncertainty: the counterfactual routes are optimised, which carriers' real routes seldom are, so the saving is a conservative estimate; its routing noise is the km range; consumption is the factor table's default per vehicle category (no measured fleet data), not varied with load.",
            "Emissions: ISO 14083 / GLEC v3 with factor table \(factors.version); allocation to shipments by tonne-km on each route (mass × shortest feasible distance from the hub), the hub's energy shared equally by shipments.",
        ]
        if routesLeftOut > 0 { list.append("\(routesLeftOut) dispatched route(s) without any recorded delivery or attempt are left out.") }
        return list
    }
}
