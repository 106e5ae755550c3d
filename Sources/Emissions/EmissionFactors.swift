import Foundation

/// The versioned table of emission and consumption factors, each with its source. No factor
/// lives in code: results record the table version they were computed with.
public struct EmissionFactors: Sendable, Decodable {
    /// An energy carrier: fuel or electricity, with tank-to-wheel and well-to-wheel factors.
    public struct EnergyCarrier: Sendable, Decodable {
        public var id: String
        /// Its type in the iLEAP data model (`Diesel`, `HVO`, `Electric`, …), for the footprint export.
        public var ileapEnergyCarrier: String?
        /// The unit the factors are per: "kg" (fuels) or "kWh".
        public var unit: String
        public var tankToWheelKgCO2ePerUnit: Double
        public var wellToWheelKgCO2ePerUnit: Double
        /// For liquid fuels: how many units one litre is (density for kg).
        public var litresToUnit: Double?
        public var source: String
    }

    /// Default energy use of a vehicle category per kilometre, in the carrier's unit.
    public struct VehicleDefault: Sendable, Decodable {
        public var category: String
        public var energyCarrier: String
        public var consumptionPerKm: Double
        public var source: String
    }

    public var version: String
    public var description: String
    public var energyCarriers: [EnergyCarrier]
    public var vehicles: [VehicleDefault]

    /// The table shipped with Samlast.
    public static func bundled() throws -> EmissionFactors {
        guard let url = Bundle.module.url(forResource: "emission-factors", withExtension: "json") else {
            throw EmissionError("the bundled emission-factor table is missing")
        }
        return try load(Data(contentsOf: url), file: url.path)
    }

    /// Reads and checks a factor table (e.g. a municipality's own).
    public static func load(_ data: Data, file: String) throws -> EmissionFactors {
        let table: EmissionFactors
        do { table = try JSONDecoder().decode(EmissionFactors.self, from: data) } catch {
            throw EmissionError("\(file): not a valid factor table: \(error)")
        }
        for (index, carrier) in table.energyCarriers.enumerated() {
            guard carrier.tankToWheelKgCO2ePerUnit >= 0, carrier.wellToWheelKgCO2ePerUnit >= carrier.tankToWheelKgCO2ePerUnit else {
                throw EmissionError("\(file): energyCarriers[\(index)] (\(carrier.id)): need 0 ≤ tank-to-wheel ≤ well-to-wheel")
            }
        }
        for (index, vehicle) in table.vehicles.enumerated() {
            guard table.energyCarriers.contains(where: { $0.id == vehicle.energyCarrier }) else {
                throw EmissionError("\(file): vehicles[\(index)] (\(vehicle.category)): unknown energy carrier '\(vehicle.energyCarrier)'")
            }
            guard vehicle.consumptionPerKm > 0 else { throw EmissionError("\(file): vehicles[\(index)] (\(vehicle.category)): consumption must be > 0") }
        }
        return table
    }

    public func carrier(_ id: String) throws -> EnergyCarrier {
        guard let carrier = energyCarriers.first(where: { $0.id == id }) else { throw EmissionError("no energy carrier '\(id)' in factor table \(version)") }
        return carrier
    }

    public func vehicle(_ category: String) throws -> VehicleDefault {
        guard let vehicle = vehicles.first(where: { $0.category == category }) else {
            throw EmissionError("no default consumption for vehicle category '\(category)' in factor table \(version); give the vehicle's consumption")
        }
        return vehicle
    }
}

/// An emission calculation that cannot be done, and why.
public struct EmissionError: Error, CustomStringConvertible, Equatable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
