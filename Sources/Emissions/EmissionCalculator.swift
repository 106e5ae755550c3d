/// ISO 14083 calculation over legs and hub operations: energy from distance and consumption,
/// emissions from the energy carrier's factors, allocation to consignments by tonne-km
/// (legs) and by count (hubs), and the usual intensities.
public struct EmissionCalculator: Sendable {
    public let factors: EmissionFactors

    public init(factors: EmissionFactors) { self.factors = factors }

    /// The result of a calculation, with the factor table version it used.
    public struct Result: Sendable, Codable {
        public var factorVersion: String
        public var total: Emissions
        public var transport: Emissions
        public var hubs: Emissions
        /// Energy by carrier id, in its unit.
        public var energy: [String: Double]
        public var vehicleKm: Double
        public var tonneKm: Double
        public var perShipment: [String: Emissions]
        /// Each leg's energy and emissions, in the order given: the audit trail of the totals.
        public var perLeg: [LegOutcome]
        /// Well-to-wheel kg CO2e per vehicle-km and per tonne-km (of transport only).
        public var wellToWheelPerVehicleKm: Double
        public var wellToWheelPerTonneKm: Double
    }

    /// What one leg used and emitted, with the factors behind it.
    public struct LegOutcome: Sendable, Codable, Equatable {
        public var energyCarrier: String
        /// Consumption per km used, in the carrier's unit: measured, or the table's default.
        public var consumptionPerKm: Double
        public var energy: Double
        public var emissions: Emissions
        /// Σ tonnes × shortest feasible km of its shipments.
        public var tonneKm: Double
        /// Each shipment's share of the leg's emissions, in the order of `Leg.shipments`.
        public var shares: [Double]
    }

    public func calculate(legs: [Leg], hubs: [HubOperation] = []) throws -> Result {
        var transport = Emissions.zero, hubTotal = Emissions.zero
        var energy: [String: Double] = [:], perShipment: [String: Emissions] = [:], perLeg: [LegOutcome] = []
        var vehicleKm = 0.0, tonneKm = 0.0
        for (index, leg) in legs.enumerated() {
            guard leg.distanceKm >= 0, leg.distanceKm.isFinite else { throw EmissionError("legs[\(index)]: distance must be a finite number ≥ 0") }
            let vehicle = try factors.vehicle(leg.vehicleCategory)
            let carrier = try factors.carrier(vehicle.energyCarrier)
            if let measured = leg.measuredConsumptionPerKm, !(measured >= 0 && measured.isFinite) {
                throw EmissionError("legs[\(index)]: measured consumption must be a finite number ≥ 0")
            }
            let consumption = leg.measuredConsumptionPerKm ?? vehicle.consumptionPerKm
            let used = consumption * leg.distanceKm
            energy[carrier.id, default: 0] += used
            let legEmissions = Emissions(tankToWheel: used * carrier.tankToWheelKgCO2ePerUnit, wellToWheel: used * carrier.wellToWheelKgCO2ePerUnit)
            transport = transport + legEmissions
            vehicleKm += leg.distanceKm
            let weights = leg.shipments.map { $0.tonnes * $0.shortestFeasibleKm }
            let sum = weights.reduce(0, +)
            tonneKm += sum
            // Without any tonne-km (e.g. weightless letters), share equally.
            let shares = weights.map { sum > 0 ? $0 / sum : 1 / Double(leg.shipments.count) }
            perLeg.append(LegOutcome(energyCarrier: carrier.id, consumptionPerKm: consumption, energy: used, emissions: legEmissions, tonneKm: sum, shares: shares))
            for (shipment, share) in zip(leg.shipments, shares) {
                perShipment[shipment.id, default: .zero] = perShipment[shipment.id, default: .zero] + legEmissions * share
            }
        }
        for (index, hub) in hubs.enumerated() {
            guard hub.energy >= 0 else { throw EmissionError("hubs[\(index)]: energy must be ≥ 0") }
            let carrier = try factors.carrier(hub.energyCarrier)
            energy[carrier.id, default: 0] += hub.energy
            let hubEmissions = Emissions(tankToWheel: hub.energy * carrier.tankToWheelKgCO2ePerUnit, wellToWheel: hub.energy * carrier.wellToWheelKgCO2ePerUnit)
            hubTotal = hubTotal + hubEmissions
            guard !hub.shipmentIds.isEmpty else { continue }
            for id in hub.shipmentIds {
                perShipment[id, default: .zero] = perShipment[id, default: .zero] + hubEmissions * (1 / Double(hub.shipmentIds.count))
            }
        }
        return Result(
            factorVersion: factors.version, total: transport + hubTotal, transport: transport, hubs: hubTotal,
            energy: energy, vehicleKm: vehicleKm, tonneKm: tonneKm, perShipment: perShipment, perLeg: perLeg,
            wellToWheelPerVehicleKm: vehicleKm > 0 ? transport.wellToWheel / vehicleKm : 0,
            wellToWheelPerTonneKm: tonneKm > 0 ? transport.wellToWheel / tonneKm : 0)
    }
}
