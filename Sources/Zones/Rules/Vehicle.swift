import Routing

extension ZoneVehicle {
    /// The kinds of goods vehicle zone rules distinguish.
    public enum Category: String, Hashable, Sendable, Codable, CaseIterable {
        case cargoBike = "cargo-bike"
        /// Small electric utility vehicles (Paxster and the like).
        case lightElectric = "light-electric"
        case van
        case truck
        case heavyTruck = "heavy-truck"
    }
}

/// A vehicle as the rules see it: what it is and what it can carry.
public struct ZoneVehicle: Hashable, Sendable, Codable {
    public var category: ZoneVehicle.Category
    public var zeroEmission: Bool
    /// Permissible maximum weight (tillatt totalvekt), kilograms.
    public var grossWeightKg: Double
    public var lengthM: Double
    /// Load space, cubic metres.
    public var volumeCapacityM3: Double
    /// Payload, kilograms.
    public var payloadKg: Double
    /// Parcels it holds when full, where known (a fill rate by parcel count needs it).
    public var parcelCapacity: Int?

    public init(category: ZoneVehicle.Category, zeroEmission: Bool, grossWeightKg: Double, lengthM: Double, volumeCapacityM3: Double, payloadKg: Double, parcelCapacity: Int? = nil) {
        self.category = category
        self.zeroEmission = zeroEmission
        self.grossWeightKg = grossWeightKg
        self.lengthM = lengthM
        self.volumeCapacityM3 = volumeCapacityM3
        self.payloadKg = payloadKg
        self.parcelCapacity = parcelCapacity
    }

    /// Bounds no road vehicle exceeds (Norway allows 60 t gross on its heaviest routes).
    public static let maximumGrossWeightKg = 100_000.0, maximumVolumeM3 = 500.0, maximumParcels = 1_000_000

    /// What is impossible about the vehicle, or nil.
    public var problem: String? {
        if !(grossWeightKg >= 20 && grossWeightKg <= Self.maximumGrossWeightKg) {
            return "vehicle.grossWeightKg must be between 20 and \(Int(Self.maximumGrossWeightKg)) kilograms"
        }
        if !(lengthM >= 1 && lengthM <= 30) { return "vehicle.lengthM must be between 1 and 30 metres" }
        if !(volumeCapacityM3 >= 0.05 && volumeCapacityM3 <= Self.maximumVolumeM3) {
            return "vehicle.volumeCapacityM3 must be between 0.05 and \(Int(Self.maximumVolumeM3)) cubic metres"
        }
        if !(payloadKg >= 1 && payloadKg < grossWeightKg) { return "vehicle.payloadKg must be at least 1 kilogram and below the gross weight" }
        if let parcels = parcelCapacity, !(1...Self.maximumParcels).contains(parcels) { return "vehicle.parcelCapacity must be between 1 and \(Self.maximumParcels) when given" }
        return nil
    }
}

/// A class of vehicles a rule names: "zero-emission vans up to 3.5 t", "cargo bikes". Every
/// field left out admits every vehicle.
public struct VehicleClass: Hashable, Sendable, Codable {
    /// Empty: any category.
    public var categories: Set<ZoneVehicle.Category>
    public var zeroEmissionOnly: Bool
    public var maxGrossWeightKg: Double?
    public var maxLengthM: Double?

    public init(categories: Set<ZoneVehicle.Category> = [], zeroEmissionOnly: Bool = false, maxGrossWeightKg: Double? = nil, maxLengthM: Double? = nil) {
        self.categories = categories
        self.zeroEmissionOnly = zeroEmissionOnly
        self.maxGrossWeightKg = maxGrossWeightKg
        self.maxLengthM = maxLengthM
    }

    /// Every vehicle.
    public static let any = VehicleClass()

    /// What cannot be about the class, or nil: limits no vehicle meets or exceeds.
    public var problem: String? {
        if let max = maxGrossWeightKg, !(max >= 20 && max <= ZoneVehicle.maximumGrossWeightKg) {
            return "maxGrossWeightKg must be between 20 and \(Int(ZoneVehicle.maximumGrossWeightKg)) kilograms"
        }
        if let max = maxLengthM, !(max >= 1 && max <= 30) { return "maxLengthM must be between 1 and 30 metres" }
        return nil
    }

    /// Why the class does not admit `vehicle`; empty when it does.
    public func mismatches(_ vehicle: ZoneVehicle) -> [String] {
        var reasons: [String] = []
        if !categories.isEmpty && !categories.contains(vehicle.category) {
            reasons.append("a \(vehicle.category.rawValue) is not one of \(ZoneVehicle.Category.allCases.filter(categories.contains).map(\.rawValue).joined(separator: ", "))")
        }
        if zeroEmissionOnly && !vehicle.zeroEmission { reasons.append("the vehicle is not zero-emission") }
        if let max = maxGrossWeightKg, vehicle.grossWeightKg > max {
            reasons.append("\(String(format: "%.0f", vehicle.grossWeightKg)) kg exceeds \(String(format: "%.0f", max)) kg gross weight")
        }
        if let max = maxLengthM, vehicle.lengthM > max { reasons.append("\(vehicle.lengthM) m exceeds \(max) m length") }
        return reasons
    }

    public func admits(_ vehicle: ZoneVehicle) -> Bool { mismatches(vehicle).isEmpty }

    private enum CodingKeys: String, CodingKey, CaseIterable { case categories, zeroEmissionOnly, maxGrossWeightKg, maxLengthM }

    public init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        categories = try c.decodeIfPresent(Set<ZoneVehicle.Category>.self, forKey: .categories) ?? []
        zeroEmissionOnly = try c.decodeIfPresent(Bool.self, forKey: .zeroEmissionOnly) ?? false
        maxGrossWeightKg = try c.decodeIfPresent(Double.self, forKey: .maxGrossWeightKg)
        maxLengthM = try c.decodeIfPresent(Double.self, forKey: .maxLengthM)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        if !categories.isEmpty { try c.encode(ZoneVehicle.Category.allCases.filter(categories.contains), forKey: .categories) }
        if zeroEmissionOnly { try c.encode(true, forKey: .zeroEmissionOnly) }
        try c.encodeIfPresent(maxGrossWeightKg, forKey: .maxGrossWeightKg)
        try c.encodeIfPresent(maxLengthM, forKey: .maxLengthM)
    }
}
