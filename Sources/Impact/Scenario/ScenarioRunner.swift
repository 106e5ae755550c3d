import Emissions
import Foundation
import Geo
import Routing

/// Simulates a scenario day by day: (a) every carrier plans its own routes from its depot,
/// (b) the carriers that join drive a line-haul to the hub and the hub delivers consolidated
/// routes. Every plan comes from Domain's `HubPlanner`, the planner of a live hub, with the
/// same optimiser time limit and seed.
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
    func depotPoint(_ carrier: Int) -> Int { 1 + carrier }
    func recipientPoint(_ recipient: Int) -> Int { 1 + scenario.carriers.count + recipient }
    /// Carriers in the order they join the hub: the municipality's suppliers first, then as listed.
    private var joiningOrder: [Int] {
        let municipal = scenario.carriers.indices.filter { scenario.municipalCarriers.contains(scenario.carriers[$0].id) }
        return municipal + scenario.carriers.indices.filter { !municipal.contains($0) }
    }

    /// The optimiser's settings for every plan: the scenario's time limit and seed.
    var solverParameters: SolverParameters {
        SolverParameters(timeLimit: .milliseconds(Int64(scenario.planTimeLimit * 1000)), seed: scenario.seed)
    }

    /// The travel matrices over all scenario points, for every kind of vehicle in it, computed once.
    func travel() throws -> DeliveryPlanning.Travel {
        let vehicles = scenario.hub.vehicles + scenario.carriers.map(\.vehicle)
        let matrices = try PrecomputedMatrixProvider(points: points, profiles: vehicles.map { TravelProfile.default(for: $0.type) },
                                                     provider: matrixProvider)
        return DeliveryPlanning.Travel(matrices: matrices, zone: scenario.zone.map(Zone.init),
                      recipientPoints: Dictionary(uniqueKeysWithValues: scenario.recipients.indices.map { (scenario.recipients[$0].id, recipientPoint($0)) }))
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
        progress("travel matrices for \(points.count) places")
        let travel = try travel()
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
                let plan = try self.plan(deliveries, from: depotPoint(carrier), fleet: [scenario.carriers[carrier].vehicle], day: day,
                                         travel: travel, parameters: solverParameters)
                direct[day][carrier] = measure(plan, travel: travel, label: "\(day)-\(scenario.carriers[carrier].id)")
            }
        }
        var variants = [variant(name: "Direct (each carrier plans its own routes)", participation: 0, joined: [], direct: direct, hub: [])]
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
                                    joined: joined, direct: direct, hub: hubPlans))
        }
        for policy in scenario.policyVariants {
            let policyDemand = policy.fixedDeliveryDays.map { bundle(demand, onto: $0, categories: policy.fixedDayCategories) } ?? demand
            var hubPlans: [PlanMeasure] = []
            for day in 0..<scenario.days {
                progress("day \(day + 1)/\(scenario.days): hub plans \(Set(policyDemand[day].map(\.recipient)).count) stops, variant '\(policy.name)'")
                hubPlans.append(try hubPlan(policyDemand[day], day: day, travel: travel, policy: policy))
            }
            variants.append(variant(name: policy.name, participation: 1, joined: Set(scenario.carriers.indices), direct: direct, hub: hubPlans))
        }
        let calculator = EmissionCalculator(factors: factors)
        for index in variants.indices {
            let emissions = try calculator.calculate(legs: variants[index].legs, hubs: variants[index].hubOperations)
            variants[index].kpis.co2eWellToWheelKg = emissions.total.wellToWheel
            variants[index].kpis.co2eTankToWheelKg = emissions.total.tankToWheel
        }
        let attribution = [scenario.attribution, travel.matrices.attribution.map { "Road distances: \($0)." }].compactMap { $0 }
        return ScenarioResult(
            scenario: scenario.name, factorVersion: factors.version, days: scenario.days, recipients: scenario.recipients.count,
            carriers: scenario.carriers.count, parcels: totalParcels, deliveries: totalDeliveries,
            variants: variants.map { ScenarioResult.Variant(name: $0.name, hubParticipation: $0.participation, kpis: $0.kpis,
                                                            sampleDayRoutes: $0.sampleRoutes, sampleDayVehicleTypes: $0.sampleTypes) },
            participationVariantCount: scenario.hubParticipation.filter { $0 > 0 }.count,
            assumptions: assumptions(), sources: scenario.sources.map { "\($0.parameter): \($0.source)" },
            attribution: attribution.isEmpty ? nil : attribution.joined(separator: " "), zone: scenario.zone, hub: scenario.hub.location)
    }
}
