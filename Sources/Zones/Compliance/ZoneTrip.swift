import Foundation

/// A trip into a zone as the rules judge it: who runs the vehicle, which vehicle, when it
/// entered, and what it carried in.
public struct ZoneTrip: Hashable, Sendable, Codable {
    public var id: String
    /// The organisation running the vehicle (a carrier, or the hub operator for its own trips).
    public var operatorId: String
    public var vehicle: ZoneVehicle
    /// Keyed hash of the plate, never the plate itself.
    public var plateHash: String?
    public var entry: Date
    public var manifest: Manifest

    public init(id: String, operatorId: String, vehicle: ZoneVehicle, plateHash: String? = nil, entry: Date, manifest: Manifest) {
        self.id = id
        self.operatorId = operatorId
        self.vehicle = vehicle
        self.plateHash = plateHash
        self.entry = entry
        self.manifest = manifest
    }
}

/// The load on board when a vehicle enters a zone and the recipients it serves inside.
public struct Manifest: Hashable, Sendable, Codable {
    public var parcels: Int
    public var volumeM3: Double
    public var weightKg: Double
    public var recipientsInZone: Int

    public init(parcels: Int, volumeM3: Double, weightKg: Double, recipientsInZone: Int) {
        self.parcels = parcels
        self.volumeM3 = volumeM3
        self.weightKg = weightKg
        self.recipientsInZone = recipientsInZone
    }

    /// What `vehicle` cannot have carried, or nil: more load space than it has, far more than its
    /// payload or parcel capacity (a declared fill above 100 % would pass every fill rule), or
    /// more recipients than parcels.
    public func problem(carriedBy vehicle: ZoneVehicle) -> String? {
        if volumeM3 > vehicle.volumeCapacityM3 * 1.05 { return "manifest.volumeM3: \(volumeM3) m³ does not fit in the vehicle's \(vehicle.volumeCapacityM3) m³" }
        if weightKg > vehicle.payloadKg * 1.5 { return "manifest.weightKg: \(weightKg) kg is far beyond the vehicle's payload of \(vehicle.payloadKg) kg" }
        if let capacity = vehicle.parcelCapacity, Double(parcels) > Double(capacity) * 1.5 {
            return "manifest.parcels: \(parcels) is far beyond the vehicle's \(capacity) parcels"
        }
        if recipientsInZone > parcels { return "manifest.recipientsInZone: \(recipientsInZone) recipients cannot share \(parcels) parcels" }
        return nil
    }

    /// What cannot be, or nil: negative amounts, or more than any vehicle carries.
    public var problem: String? {
        if !(0...ZoneVehicle.maximumParcels).contains(parcels) { return "manifest.parcels must be between 0 and \(ZoneVehicle.maximumParcels)" }
        if !(volumeM3 >= 0 && volumeM3 <= ZoneVehicle.maximumVolumeM3) { return "manifest.volumeM3 must be between 0 and \(Int(ZoneVehicle.maximumVolumeM3)) cubic metres" }
        if !(weightKg >= 0 && weightKg <= ZoneVehicle.maximumGrossWeightKg) { return "manifest.weightKg must be between 0 and \(Int(ZoneVehicle.maximumGrossWeightKg)) kilograms" }
        if !(0...ZoneVehicle.maximumParcels).contains(recipientsInZone) { return "manifest.recipientsInZone must be between 0 and \(ZoneVehicle.maximumParcels)" }
        return nil
    }
}

/// Why a trip breaks a zone's rules; stable codes for reports, permits and the API.
public enum ViolationCode: String, Hashable, Sendable, Codable, CaseIterable {
    case vehicleNotAllowed = "vehicle-not-allowed"
    case noAccess = "no-access"
    case fillBelowMinimum = "fill-below-minimum"
    case tooFewRecipients = "too-few-recipients"
    case tooManyRecipients = "too-many-recipients"
    case notCertifiedConsolidator = "not-certified-consolidator"
}

/// One broken rule: which, by which policy, said so a driver understands it.
public struct Violation: Hashable, Sendable, Codable {
    public var code: ViolationCode
    public var policyId: String?
    public var message: String
}

/// The judgement of one trip against one zone's rules, with every reason.
public struct ZoneVerdict: Hashable, Sendable, Codable {
    public enum Outcome: String, Hashable, Sendable, Codable, CaseIterable {
        case compliant
        /// It broke rules that a valid permit waives.
        case exempt
        case nonCompliant = "non-compliant"
        /// The zone's rules were not in force at the entry.
        case notInForce = "not-in-force"
    }

    public var tripId: String
    public var zoneId: String
    public var zoneVersion: Int
    public var outcome: Outcome
    /// The policy that decided (the in-force one of lowest priority number), if any.
    public var governingPolicyId: String?
    /// Policies also in force for the vehicle but outranked by the governing one.
    public var outrankedPolicyIds: [String]
    /// Every rule the trip broke (also when a permit exempts it).
    public var violations: [Violation]
    public var permitId: String?
    /// The local time and kind of day the rules were read at, e.g. `2026-03-29 01:30 (sun)`.
    public var localTime: String
}
