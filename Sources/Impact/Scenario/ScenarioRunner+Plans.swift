import Domain
import Emissions
import Geo
import Routing

// A scenario's day plans: its deliveries become parcels and sites as a live hub holds them, and
// `DeliveryPlanning` plans and measures them, as it does a live hub's counterfactual.
extension ScenarioRunner {
    /// The scenario's planning: its travel matrices, time limit, seed and handling times.
    func planning(_ travel: DeliveryPlanning.Travel, parameters: SolverParameters? = nil) -> DeliveryPlanning {
        DeliveryPlanning(travel: travel, parameters: parameters ?? solverParameters, parcelServiceSeconds: scenario.parcelServiceSeconds)
    }

    /// Plans `deliveries` (one per carrier and recipient, as `DemandGenerator` and `bundle` give
    /// them) of working day `day` from point `origin` with `fleet`: a delivery's parcels become
    /// parcels of equal weight, its recipient a delivery site open in the recipient's window (or
    /// the policy's evening window; any time without either), and each vehicle spec as many
    /// vehicles as it has (as many as there are stops for a carrier, who brings what it needs).
    func plan(
        _ deliveries: [Delivery], from origin: Int, fleet specs: [ScenarioDocument.VehicleSpec], day: Int, travel: DeliveryPlanning.Travel,
        policy: ScenarioDocument.PolicyVariant? = nil, parameters: SolverParameters
    ) throws -> DeliveryPlanning.DayPlan {
        let recipients = Set(deliveries.map(\.recipient))
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
        // Vehicles work the carriers' shift, or until an evening window closes.
        let shift = DeliveryPlanning.carrierShift
        let shiftEnd = max(shift.end, policy?.eveningWindow.flatMap { ClockTime.seconds($0[1]) } ?? 0)
        return try planning(travel, parameters: parameters).plan(
            parcels, sites: sites, from: origin, fleet: DeliveryPlanning.fleet(specs.map(\.fleetSpec), stops: recipients.count),
            weekday: weekday, shift: TimeWindow(start: shift.start, end: shiftEnd))
    }

    /// What a plan contributes to the KPIs and emissions; `label` names its shipments.
    func measure(_ day: DeliveryPlanning.DayPlan, travel: DeliveryPlanning.Travel, label: String) -> PlanMeasure {
        planning(travel).measure(day, label: label)
    }

    /// The hub's consolidated routes for one day, plus each joining carrier's line-haul.
    func hubPlan(_ deliveries: [Delivery], day: Int, travel: DeliveryPlanning.Travel, policy: ScenarioDocument.PolicyVariant? = nil) throws -> PlanMeasure {
        var measure = deliveries.isEmpty ? PlanMeasure()
            : self.measure(try plan(deliveries, from: 0, fleet: scenario.hub.vehicles, day: day, travel: travel, policy: policy, parameters: solverParameters),
                           travel: travel, label: "\(day)-hub")
        for carrier in Set(deliveries.map(\.carrier)).sorted() {
            let mine = deliveries.filter { $0.carrier == carrier }
            measure.add(planning(travel).lineHaul(
                from: depotPoint(carrier), to: 0, vehicle: scenario.carriers[carrier].vehicle.fleetSpec,
                kilograms: mine.reduce(0) { $0 + $1.kilograms }, parcels: mine.reduce(0) { $0 + $1.parcels },
                shipments: mine.map { ("\(day)-linehaul-\(carrier)/\($0.recipient)", $0.kilograms) }))
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

    var fleetSpec: DeliveryPlanning.FleetSpec {
        DeliveryPlanning.FleetSpec(category: type, capacityKg: capacityKg, capacityParcels: capacityParcels, count: count, costs: costs)
    }
}
