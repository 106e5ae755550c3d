import Foundation
import Routing

/// An exemption (dispensasjon) from some of a zone's rules for one operator: the violations it
/// waives, for which vehicles, when. A trip whose every violation a valid permit waives is
/// exempt, and the verdict names the permit.
public struct Permit: Hashable, Sendable, Codable {
    public var id: String
    public var zoneId: String
    /// The organisation running the vehicle.
    public var operatorId: String
    /// Conditions on the vehicle (e.g. zero-emission only).
    public var vehicles: VehicleClass
    /// Bound to one vehicle, by the keyed hash of its plate; nil for any of the operator's vehicles that meet `vehicles`.
    public var plateHash: String?
    public var validFrom: Date
    public var validUntil: Date
    /// When in the week it applies; empty means whenever it is valid.
    public var timeSpans: [TimeSpan]
    public var waives: Set<ViolationCode>

    public init(id: String, zoneId: String, operatorId: String, vehicles: VehicleClass = .any, plateHash: String? = nil, validFrom: Date, validUntil: Date, timeSpans: [TimeSpan] = [], waives: Set<ViolationCode>) {
        self.id = id
        self.zoneId = zoneId
        self.operatorId = operatorId
        self.vehicles = vehicles
        self.plateHash = plateHash
        self.validFrom = validFrom
        self.validUntil = validUntil
        self.timeSpans = timeSpans
        self.waives = waives
    }
}

/// An exemption the zone's rules grant on application without a case officer: "zero-emission
/// vehicles may enter outside the access window for up to 90 days".
public struct AutomaticPermitRule: Hashable, Sendable, Codable {
    public var name: String
    public var waives: Set<ViolationCode>
    public var vehicles: VehicleClass
    public var maximumDays: Int

    public init(name: String, waives: Set<ViolationCode>, vehicles: VehicleClass, maximumDays: Int) {
        self.name = name
        self.waives = waives
        self.vehicles = vehicles
        self.maximumDays = maximumDays
    }
}

/// An operator's application for an exemption.
public struct PermitApplication: Hashable, Sendable, Codable {
    public var zoneId: String
    public var operatorId: String
    public var vehicle: ZoneVehicle
    public var plateHash: String?
    public var validFrom: Date
    public var validUntil: Date
    public var timeSpans: [TimeSpan]
    public var waives: Set<ViolationCode>
    /// The operator's case, for the case officer.
    public var justification: String

    public init(zoneId: String, operatorId: String, vehicle: ZoneVehicle, plateHash: String? = nil, validFrom: Date, validUntil: Date, timeSpans: [TimeSpan] = [], waives: Set<ViolationCode>, justification: String) {
        self.zoneId = zoneId
        self.operatorId = operatorId
        self.vehicle = vehicle
        self.plateHash = plateHash
        self.validFrom = validFrom
        self.validUntil = validUntil
        self.timeSpans = timeSpans
        self.waives = waives
        self.justification = justification
    }

    /// What makes the application impossible to decide, or nil.
    public var problem: String? {
        if waives.isEmpty { return "waives: name at least one rule to be exempted from" }
        if justification.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return "justification: say why the exemption is needed" }
        if timeSpans.count > Zone.maximumItems { return "timeSpans: at most \(Zone.maximumItems)" }
        if validUntil <= validFrom { return "validUntil: must be after validFrom" }
        if let problem = vehicle.problem { return problem }
        return nil
    }

    /// The permit this application asks for, under `id`.
    public func permit(id: String) -> Permit {
        let exactVehicle = VehicleClass(categories: [vehicle.category], zeroEmissionOnly: vehicle.zeroEmission,
                                        maxGrossWeightKg: vehicle.grossWeightKg, maxLengthM: vehicle.lengthM)
        return Permit(id: id, zoneId: zoneId, operatorId: operatorId, vehicles: exactVehicle, plateHash: plateHash,
                      validFrom: validFrom, validUntil: validUntil, timeSpans: timeSpans, waives: waives)
    }
}

/// What the rules say of an application.
public enum PermitDecision: Hashable, Sendable {
    /// A rule grants it; the rule's name.
    case granted(rule: String)
    /// No rule grants it; why each one does not, for the case officer.
    case forCaseOfficer(reasons: [String])
}

extension Zone {
    /// Decides `application` by the zone's automatic rules: granted by the first rule (in the
    /// order written) that waives everything asked, admits the vehicle and allows the period;
    /// otherwise left to a case officer with each rule's reason.
    public func decide(_ application: PermitApplication) -> PermitDecision {
        let days = application.validUntil.timeIntervalSince(application.validFrom) / 86_400
        var reasons: [String] = []
        for rule in automaticPermits {
            var misses: [String] = []
            let notWaived = application.waives.subtracting(rule.waives)
            if !notWaived.isEmpty { misses.append("it does not waive \(notWaived.map(\.rawValue).sorted().joined(separator: ", "))") }
            misses += rule.vehicles.mismatches(application.vehicle)
            if days > Double(rule.maximumDays) { misses.append("\(Int(days.rounded(.up))) days exceed its \(rule.maximumDays)") }
            if misses.isEmpty { return .granted(rule: rule.name) }
            reasons.append("\(rule.name): \(misses.joined(separator: "; "))")
        }
        if reasons.isEmpty { reasons.append("the zone grants no exemption automatically") }
        return .forCaseOfficer(reasons: reasons)
    }
}
