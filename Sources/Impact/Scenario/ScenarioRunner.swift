import Emissions
import Foundation
import Geo
import Routing

/// Results of a scenario: the KPIs of each variant, with what they rest on.
public struct ScenarioResult: Sendable, Codable {
    public struct Variant: Sendable, Codable {
        public var name: String
        /// Share of carriers delivering via the hub (0 = everyone drives direct).
        public var hubParticipation: Double
        public var kpis: KPIValues
        /// One day's routes, for the map: lines of [lon, lat] per vehicle, with the kind of vehicle.
        public var sampleDayRoutes: [[Coordinate]]
        public var sampleDayVehicleTypes: [String]
    }

    public var scenario: String
    public var factorVersion: String
    public var days: Int
    public var recipients: Int
    public var carriers: Int
    public var parcels: Int
    public var deliveries: Int
    public var variants: [Variant]
    /// How many variants after the first (direct) one vary hub participation; policy variants follow.
    public var participationVariantCount: Int
    public var assumptions: [String]
    public var sources: [String]
    public var attribution: String?
    public var zone: [Coordinate]?
    public var hub: Coordinate

    /// Change of a KPI from the direct variant to another, in percent.
    public func change(_ key: String, variant: Int) -> Double? {
        let base = variants[0].kpis.value(key)
        guard base != 0 else { return nil }
        return 100 * (variants[variant].kpis.value(key) - base) / base
    }
}

/// Simulates a scenario day by day: (a) every carrier plans its own routes from its depot,
/// (b) the carriers that join drive a line-haul to the hub and the hub delivers consolidated
/// routes. Every plan comes from the same optimiser with the same time limit.
public struct ScenarioRunner: Sendable {
    public let scenario: ScenarioDocument
    public let factors: EmissionFactors
    public let matrixProvider: any TravelMatrixProvider

    public init(scenario: ScenarioDocument, factors: EmissionFactors, matrixProvider: any TravelMatrixProvider = GreatCircleMatrixProvider()) {
        self.scenario = scenario
        self.factors = factors
        self.matrixProvider = matrixProvider
    }

    /// Point indices: 0 the hub, 1…C the carrier depots, then the recipients.
    private var points: [Coordinate] { [scenario.hub.location] + scenario.carriers.map(\.depot) + scenario.recipients.map(\.location) }
    private func depotPoint(_ carrier: Int) -> Int { 1 + carrier }
    private func recipientPoint(_ recipient: Int) -> Int { 1 + scenario.carriers.count + recipient }
    /// Carriers in the order they join the hub: the municipality's suppliers first, then as listed.
    private var joiningOrder: [Int] {
        let municipal = scenario.carriers.indices.filter { scenario.municipalCarriers.contains(scenario.carriers[$0].id) }
        return municipal + scenario.carriers.indices.filter { !municipal.contains($0) }
    }

    /// Moves deliveries of recipients in `categories` (all if nil) to the next fixed day of the
    /// same week (or the week's first fixed day when none follows), merging per carrier.
    func bundle(_ demand: [[Delivery]], onto fixedDays: [Int], categories: [String]?) -> [[Delivery]] {
        var result = [[Delivery]](repeating: [], count: demand.count)
        for (day, deliveries) in demand.enumerated() {
            for delivery in deliveries {
                var target = day
                if categories == nil || categories!.contains(scenario.recipients[delivery.recipient].category) {
                    let weekStart = day - day % 5, weekday = day % 5
                    let next = fixedDays.sorted().first { $0 >= weekday } ?? fixedDays.min()!
                    target = min(weekStart + next, demand.count - 1)
                }
                if let index = result[target].firstIndex(where: { $0.carrier == delivery.carrier && $0.recipient == delivery.recipient }) {
                    result[target][index].deliveries += delivery.deliveries
                    result[target][index].parcels += delivery.parcels
                    result[target][index].kilograms += delivery.kilograms
                } else {
                    result[target].append(delivery)
                }
            }
        }
        return result
    }

    public func run(progress: (String) -> Void = { _ in }) throws -> ScenarioResult {
        let points = self.points
        progress("travel matrices for \(points.count) places")
        let car = try matrixProvider.matrix(for: points, profile: .car)
        let needsBike = scenario.hub.vehicles.contains { $0.type == .eCargoBike }
        let bike = needsBike ? try matrixProvider.matrix(for: points, profile: .bike) : car
        let travel = Travel(points: points, car: car, bike: bike, zone: scenario.zone.map(Zone.init))
        let demand = DemandGenerator(scenario: scenario).draw()
        let totalParcels = demand.joined().reduce(0) { $0 + $1.parcels }
        let totalDeliveries = demand.joined().reduce(0) { $0 + $1.deliveries }

        // Direct plans serve every variant's non-joining carriers, so they are made once.
        var direct: [[PlanMeasure?]] = Array(repeating: Array(repeating: nil, count: scenario.carriers.count), count: scenario.days)
        for day in 0..<scenario.days {
            for carrier in scenario.carriers.indices {
                let deliveries = demand[day].filter { $0.carrier == carrier }
                guard !deliveries.isEmpty else { continue }
                progress("day \(day + 1)/\(scenario.days): \(scenario.carriers[carrier].id) plans \(deliveries.count) stops from its depot")
                direct[day][carrier] = try plan(deliveries, from: depotPoint(carrier), fleet: [scenario.carriers[carrier].vehicle], travel: travel, label: "\(day)-\(scenario.carriers[carrier].id)")
            }
        }
        var variants = [variant(name: "Direct (each carrier plans its own routes)", participation: 0, joined: [], direct: direct, hub: [], travel: travel)]
        for share in scenario.hubParticipation where share > 0 {
            let joinedCount = max(Int((share * Double(scenario.carriers.count)).rounded()), scenario.municipalCarriers.count)
            let joined = Set(joiningOrder.prefix(joinedCount))
            var hubPlans: [PlanMeasure] = []
            for day in 0..<scenario.days {
                let viaHub = demand[day].filter { joined.contains($0.carrier) }
                progress("day \(day + 1)/\(scenario.days): hub plans \(Set(viaHub.map(\.recipient)).count) stops for \(joinedCount) of \(scenario.carriers.count) carriers")
                hubPlans.append(try hubPlan(viaHub, day: day, travel: travel))
            }
            variants.append(variant(name: "Consolidated, \(Int((share * 100).rounded())) % of carriers via the hub", participation: share,
                                    joined: joined, direct: direct, hub: hubPlans, travel: travel))
        }
        for policy in scenario.policyVariants {
            let policyDemand = policy.fixedDeliveryDays.map { bundle(demand, onto: $0, categories: policy.fixedDayCategories) } ?? demand
            var hubPlans: [PlanMeasure] = []
            for day in 0..<scenario.days {
                progress("day \(day + 1)/\(scenario.days): hub plans \(Set(policyDemand[day].map(\.recipient)).count) stops, variant '\(policy.name)'")
                hubPlans.append(try hubPlan(policyDemand[day], day: day, travel: travel, policy: policy))
            }
            variants.append(variant(name: policy.name, participation: 1, joined: Set(scenario.carriers.indices), direct: direct, hub: hubPlans, travel: travel))
        }
        let calculator = EmissionCalculator(factors: factors)
        for index in variants.indices {
            let emissions = try calculator.calculate(legs: variants[index].legs, hubs: variants[index].hubOperations)
            variants[index].kpis.co2eWellToWheelKg = emissions.total.wellToWheel
            variants[index].kpis.co2eTankToWheelKg = emissions.total.tankToWheel
        }
        return ScenarioResult(
            scenario: scenario.name, factorVersion: factors.version, days: scenario.days, recipients: scenario.recipients.count,
            carriers: scenario.carriers.count, parcels: totalParcels, deliveries: totalDeliveries,
            variants: variants.map { ScenarioResult.Variant(name: $0.name, hubParticipation: $0.participation, kpis: $0.kpis,
                                                            sampleDayRoutes: $0.sampleRoutes, sampleDayVehicleTypes: $0.sampleTypes) },
            participationVariantCount: scenario.hubParticipation.filter { $0 > 0 }.count,
            assumptions: assumptions(), sources: scenario.sources.map { "\($0.parameter): \($0.source)" },
            attribution: scenario.attribution, zone: scenario.zone, hub: scenario.hub.location)
    }

    // MARK: Plans

    /// The matrices over all scenario points, and the zone.
    struct Travel {
        var points: [Coordinate]
        var car: TravelMatrix
        var bike: TravelMatrix
        var zone: Zone?

        func matrix(for type: VehicleCategory) -> TravelMatrix { type == .eCargoBike ? bike : car }
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

    /// Optimises delivering `deliveries` (merged per recipient) from point `origin` with `fleet`.
    func plan(
        _ deliveries: [Delivery], from origin: Int, fleet: [ScenarioDocument.VehicleSpec], travel: Travel, label: String,
        policy: ScenarioDocument.PolicyVariant? = nil
    ) throws -> PlanMeasure {
        var byRecipient: [Int: (parcels: Int, kg: Double)] = [:], order: [Int] = []
        for delivery in deliveries {
            if byRecipient[delivery.recipient] == nil { order.append(delivery.recipient) }
            byRecipient[delivery.recipient, default: (0, 0)].parcels += delivery.parcels
            byRecipient[delivery.recipient, default: (0, 0)].kg += delivery.kilograms
        }
        let locations = [origin] + order.map(recipientPoint)
        let profiles = Array(Set(fleet.map(\.type))).sorted { $0.rawValue < $1.rawValue }
        let matrices = profiles.map { travel.matrix(for: $0).restricted(to: locations) }
        let jobs = order.enumerated().map { offset, recipient -> Job in
            let load = byRecipient[recipient]!
            var clock = scenario.recipients[recipient].timeWindow
            if let evening = policy?.eveningWindow,
               policy?.eveningCategories?.contains(scenario.recipients[recipient].category) ?? true { clock = evening }
            let window = clock.map { [TimeWindow(start: ClockTime.seconds($0[0])!, end: ClockTime.seconds($0[1])!)] } ?? []
            return Job(id: scenario.recipients[recipient].id, kind: .delivery,
                       stop: Stop(location: offset + 1, serviceTime: scenario.stopServiceSeconds + Double(load.parcels) * scenario.parcelServiceSeconds, timeWindows: window),
                       demand: [Int(load.kg.rounded(.up)), load.parcels], unassignedPenalty: 1e7)
        }
        // Vehicles work 06:00–18:00, or until an evening window closes.
        let shiftEnd = max(18 * 3600, policy?.eveningWindow.flatMap { ClockTime.seconds($0[1]) } ?? 0)
        var vehicles: [Vehicle] = []
        for spec in fleet {
            for copy in 0..<(spec.count ?? max(1, order.count)) {
                vehicles.append(Vehicle(
                    id: "\(spec.type.rawValue)-\(copy + 1)", type: spec.type.rawValue, startLocation: 0,
                    capacity: [spec.capacityKg, spec.capacityParcels], shift: TimeWindow(start: 6 * 3600, end: shiftEnd),
                    profile: profiles.firstIndex(of: spec.type)!, fixedCost: spec.fixedCost ?? 0,
                    costPerDistance: (spec.costPerKm ?? 0) / 1000, costPerTime: (spec.costPerHour ?? 0) / 3600))
            }
        }
        let problem = Problem(name: label, capacityDimensions: ["kg", "parcels"], matrices: matrices, jobs: jobs, vehicles: vehicles)
        try problem.validate()
        let parameters = SolverParameters(timeLimit: .milliseconds(Int64(scenario.planTimeLimit * 1000)), seed: scenario.seed)
        let (solution, _) = Solver(parameters: parameters).solve(problem)

        var measure = PlanMeasure()
        for route in solution.routes {
            let vehicle = problem.vehicles[route.vehicleIndex]
            let spec = fleet.first { $0.type.rawValue == vehicle.type }!
            let places = [0] + route.stops.map(\.location) + [0]
            measure.km += route.distance / 1000
            measure.vehicles += 1
            measure.cost += route.cost
            measure.loadKg += Double(route.loadAtStart[0])
            measure.capacityKg += Double(spec.capacityKg)
            var line: [Coordinate] = []
            for (a, b) in zip(places, places.dropFirst()) {
                let from = travel.points[locations[a]], to = travel.points[locations[b]]
                line.append(from)
                if let zone = travel.zone {
                    let share = zone.share(from: from, to: to)
                    measure.zoneKm += share.inside * matrices[vehicle.profile].distance(a, b) / 1000
                    measure.zoneEntries += share.entries
                }
            }
            line.append(travel.points[origin])
            measure.routes.append(line)
            measure.routeTypes.append(vehicle.type)
            var shipments: [Leg.Shipment] = []
            for stop in route.stops {
                let parcels = problem.jobs[stop.jobIndex].demand[1]
                measure.stops += 1
                measure.parcels += parcels
                if parcels == 1 { measure.singleParcelStops += 1 }
                shipments.append(.init(id: "\(label)/\(problem.jobs[stop.jobIndex].id)", tonnes: Double(problem.jobs[stop.jobIndex].demand[0]) / 1000,
                                       shortestFeasibleKm: matrices[vehicle.profile].distance(0, stop.location) / 1000))
            }
            measure.legs.append(Leg(vehicleCategory: vehicle.type, distanceKm: route.distance / 1000, shipments: shipments))
        }
        measure.unservedParcels = solution.unassigned.reduce(0) { $0 + problem.jobs[$1.jobIndex].demand[1] }
        return measure
    }

    /// The hub's consolidated routes for one day, plus each joining carrier's line-haul.
    func hubPlan(_ deliveries: [Delivery], day: Int, travel: Travel, policy: ScenarioDocument.PolicyVariant? = nil) throws -> PlanMeasure {
        var measure = deliveries.isEmpty ? PlanMeasure()
            : try plan(deliveries, from: 0, fleet: scenario.hub.vehicles, travel: travel, label: "\(day)-hub", policy: policy)
        for carrier in Set(deliveries.map(\.carrier)).sorted() {
            let mine = deliveries.filter { $0.carrier == carrier }
            let spec = scenario.carriers[carrier].vehicle
            let kg = mine.reduce(0) { $0 + $1.kilograms }, parcels = mine.reduce(0) { $0 + $1.parcels }
            let trips = max(Int((kg / Double(spec.capacityKg)).rounded(.up)), Int((Double(parcels) / Double(spec.capacityParcels)).rounded(.up)), 1)
            let depot = depotPoint(carrier), matrix = travel.matrix(for: spec.type)
            let roundTripKm = (matrix.distance(depot, 0) + matrix.distance(0, depot)) / 1000
            var lineHaul = PlanMeasure()
            lineHaul.km = Double(trips) * roundTripKm
            lineHaul.vehicles = trips
            lineHaul.loadKg = kg
            lineHaul.capacityKg = Double(trips * spec.capacityKg)
            lineHaul.cost = Double(trips) * ((spec.fixedCost ?? 0) + (spec.costPerKm ?? 0) * roundTripKm
                + (spec.costPerHour ?? 0) * (matrix.duration(depot, 0) + matrix.duration(0, depot)) / 3600)
            if let zone = travel.zone {
                for (a, b) in [(depot, 0), (0, depot)] {
                    let share = zone.share(from: travel.points[a], to: travel.points[b])
                    lineHaul.zoneKm += Double(trips) * share.inside * matrix.distance(a, b) / 1000
                    lineHaul.zoneEntries += trips * share.entries
                }
            }
            let shipments = mine.map { Leg.Shipment(id: "\(day)-linehaul-\(carrier)/\($0.recipient)", tonnes: $0.kilograms / 1000, shortestFeasibleKm: matrix.distance(depot, 0) / 1000) }
            lineHaul.legs = [Leg(vehicleCategory: spec.type.rawValue, distanceKm: lineHaul.km, shipments: shipments)]
            measure.add(lineHaul)
        }
        return measure
    }

    // MARK: Variants and KPIs

    struct VariantTotals {
        var name: String
        var participation: Double
        var kpis: KPIValues
        var legs: [Leg]
        var hubOperations: [HubOperation]
        var sampleRoutes: [[Coordinate]]
        var sampleTypes: [String]
    }

    func variant(name: String, participation: Double, joined: Set<Int>, direct: [[PlanMeasure?]], hub: [PlanMeasure], travel: Travel) -> VariantTotals {
        var total = PlanMeasure()
        var sampleRoutes: [[Coordinate]] = [], sampleTypes: [String] = []
        var hubOperations: [HubOperation] = []
        let hubEnergyCarrier = (try? factors.vehicle("e-van").energyCarrier) ?? ""
        for day in 0..<scenario.days {
            for carrier in scenario.carriers.indices where !joined.contains(carrier) {
                guard let plan = direct[day][carrier] else { continue }
                total.add(plan)
                if day == 0 { sampleRoutes += plan.routes; sampleTypes += plan.routeTypes }
            }
            if day < hub.count {
                total.add(hub[day])
                if day == 0 { sampleRoutes += hub[day].routes; sampleTypes += hub[day].routeTypes }
                let parcels = hub[day].parcels
                if let perParcel = scenario.hub.energyPerParcelKWh, perParcel > 0, parcels > 0 {
                    hubOperations.append(HubOperation(energyCarrier: hubEnergyCarrier, energy: perParcel * Double(parcels), shipmentIds: []))
                }
            }
        }
        var kpis = KPIValues()
        let days = Double(scenario.days)
        kpis.vehicleKm = total.km
        kpis.zoneVehicleKm = total.zoneKm
        kpis.vehiclesPerDay = Double(total.vehicles) / days
        kpis.zoneEntriesPerDay = Double(total.zoneEntries) / days
        kpis.stopsPerRecipientPerWeek = Double(total.stops) / Double(scenario.recipients.count) / (days / 5)
        kpis.parcelsPerStop = total.stops > 0 ? Double(total.parcels) / Double(total.stops) : 0
        kpis.fillRateByWeight = total.capacityKg > 0 ? 100 * total.loadKg / total.capacityKg : 0
        kpis.singleParcelStopShare = total.stops > 0 ? 100 * Double(total.singleParcelStops) / Double(total.stops) : 0
        kpis.cost = total.cost
        kpis.unservedParcels = total.unservedParcels
        return VariantTotals(name: name, participation: participation, kpis: kpis, legs: total.legs, hubOperations: hubOperations,
                             sampleRoutes: sampleRoutes, sampleTypes: sampleTypes)
    }

    /// The modelling choices a reader of the report must know.
    func assumptions() -> [String] {
        var list = [
            "Demand: per working day each recipient gets a Poisson number of deliveries (weekly mean by category ÷ 5), each from a carrier drawn by market share, with a geometric number of parcels (mean \(scenario.demand.meanParcelsPerDelivery)), \(scenario.demand.parcelWeightKg) kg per parcel; seed \(scenario.seed).",
            "Direct: each carrier plans optimised routes from its own depot with as many of its own vehicles as it needs.",
            "Consolidated: joining carriers drive full round trips from their depot to the hub (as many as capacity requires); the hub delivers with its fleet, one stop per recipient per day.",
            "Carriers join the hub in the order listed in the scenario\(scenario.municipalCarriers.isEmpty ? "" : ", the municipality's own suppliers (\(scenario.municipalCarriers.joined(separator: ", "))) first").",
            "Policy variants (fixed delivery days, evening delivery) are simulated with every carrier delivering via the hub.",
            "Every plan gets the same optimiser time (\(scenario.planTimeLimit) s) and seed.",
            "Travel: \(matrixProvider is GreatCircleMatrixProvider ? "great-circle distance × detour factor 1.3 (car) / 1.25 (bike) at 30 / 15 km/h" : "road network matrices")); zone km measured on straight lines between stops.",
            "Emissions: ISO 14083 / GLEC v3 with factor table \(factors.version); vehicle consumption does not vary with load in this version.",
        ]
        if scenario.hub.energyPerParcelKWh == nil {
            list.append("Hub energy: not given, so hub operations count as 0 kg CO2e (ISO 14083 asks for them: give hub.energyPerParcelKWh).")
        }
        return list
    }
}

extension TravelMatrix {
    /// The matrix between a subset of its locations, in the given order.
    func restricted(to locations: [Int]) -> TravelMatrix {
        let k = locations.count
        var distances = [Double](repeating: 0, count: k * k), durations = distances
        for (i, a) in locations.enumerated() {
            for (j, b) in locations.enumerated() {
                distances[i * k + j] = distance(a, b)
                durations[i * k + j] = duration(a, b)
            }
        }
        return TravelMatrix(count: k, distances: distances, durations: durations)
    }
}
