import Emissions
import Geo
import Routing

// The KPIs of a variant, summed over its days' plans, and the assumptions behind them.
extension ScenarioRunner {
    /// A variant's totals over all days, before emissions are added to its KPIs.
    struct VariantTotals {
        var name: String
        var participation: Double
        var kpis: KPIValues
        var legs: [Leg]
        var hubOperations: [HubOperation]
        var sampleRoutes: [[Coordinate]]
        var sampleTypes: [String]
    }

    func variant(name: String, participation: Double, joined: Set<Int>, direct: [[PlanMeasure?]], hub: [PlanMeasure]) -> VariantTotals {
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
            "Every plan comes from the planner of a live hub (Domain's HubPlanner) with the same optimiser time (\(scenario.planTimeLimit) s) and seed; it minimises the vehicles' costs where the scenario gives them, else kilometres.",
            "Travel: \(matrixProvider is GreatCircleMatrixProvider ? "great-circle distance × detour factor 1.3 (car) / 1.25 (bike) at 30 / 15 km/h" : "road network matrices")); zone km measured on straight lines between stops.",
            "Emissions: ISO 14083 / GLEC v3 with factor table \(factors.version); vehicle consumption does not vary with load in this version.",
        ]
        if scenario.hub.energyPerParcelKWh == nil {
            list.append("Hub energy: not given, so hub operations count as 0 kg CO2e (ISO 14083 asks for them: give hub.energyPerParcelKWh).")
        }
        return list
    }
}
