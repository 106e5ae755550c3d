import Foundation
import Geo
import Routing

/// A rule in a zone's rule set: when it is in force, which vehicles it concerns, and whether
/// they may enter — on what conditions. Where several policies are in force for a vehicle the
/// one with the lowest `priority` number governs (as in the Curb Data Specification); equal
/// priorities are broken by `id`, so the verdict never depends on the order of the list.
public struct ZonePolicy: Hashable, Sendable, Codable {
    public enum Access: String, Hashable, Sendable, Codable { case allowed, forbidden }

    public var id: String
    public var name: String
    public var priority: Int
    /// When it is in force; empty means always.
    public var timeSpans: [TimeSpan]
    /// The vehicles it concerns (any one of the classes); empty means every vehicle.
    public var vehicles: [VehicleClass]
    public var access: Access
    /// Conditions on an allowed entry.
    public var consolidation: ConsolidationRequirement?

    public init(id: String, name: String = "", priority: Int, timeSpans: [TimeSpan] = [], vehicles: [VehicleClass] = [], access: Access, consolidation: ConsolidationRequirement? = nil) {
        self.id = id
        self.name = name
        self.priority = priority
        self.timeSpans = timeSpans
        self.vehicles = vehicles
        self.access = access
        self.consolidation = consolidation
    }

    private enum CodingKeys: String, CodingKey, CaseIterable { case id, name, priority, timeSpans, vehicles, access, consolidation }

    public init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        name = try c.decodeIfPresent(String.self, forKey: .name) ?? ""
        priority = try c.decode(Int.self, forKey: .priority)
        timeSpans = try c.decodeIfPresent([TimeSpan].self, forKey: .timeSpans) ?? []
        vehicles = try c.decodeIfPresent([VehicleClass].self, forKey: .vehicles) ?? []
        access = try c.decode(Access.self, forKey: .access)
        consolidation = try c.decodeIfPresent(ConsolidationRequirement.self, forKey: .consolidation)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        if !name.isEmpty { try c.encode(name, forKey: .name) }
        try c.encode(priority, forKey: .priority)
        if !timeSpans.isEmpty { try c.encode(timeSpans, forKey: .timeSpans) }
        if !vehicles.isEmpty { try c.encode(vehicles, forKey: .vehicles) }
        try c.encode(access, forKey: .access)
        try c.encodeIfPresent(consolidation, forKey: .consolidation)
    }
}

/// A zone a municipality regulates — a consolidation zone, a zero-emission zone, a pedestrian
/// street — with one version of its rule set and the period that version is valid.
public struct Zone: Hashable, Sendable {
    public var id: String
    public var name: String
    /// Rule-set version: a changed rule is a new version, so old verdicts keep the rules they were made under.
    public var version: Int
    public var validFrom: Date
    public var validUntil: Date?
    /// IANA zone of the signs' local times.
    public var timeZone: String
    public var area: ZoneArea
    /// Vehicles that may enter at all (any one of the classes); empty means any vehicle.
    public var allowedVehicles: [VehicleClass]
    public var policies: [ZonePolicy]
    /// The answer when no policy is in force for a vehicle.
    public var defaultAccess: ZonePolicy.Access
    /// Operators (organisation ids) certified as consolidators.
    public var certifiedConsolidators: Set<String>
    /// Local holidays beyond the national ones.
    public var extraHolidays: [LocalDate]
    /// Exemptions the rules grant without a case officer.
    public var automaticPermits: [AutomaticPermitRule]

    public init(id: String, name: String, version: Int = 1, validFrom: Date, validUntil: Date? = nil, timeZone: String = "Europe/Oslo", area: ZoneArea,
                allowedVehicles: [VehicleClass] = [], policies: [ZonePolicy], defaultAccess: ZonePolicy.Access = .allowed,
                certifiedConsolidators: Set<String> = [], extraHolidays: [LocalDate] = [], automaticPermits: [AutomaticPermitRule] = []) {
        self.id = id
        self.name = name
        self.version = version
        self.validFrom = validFrom
        self.validUntil = validUntil
        self.timeZone = timeZone
        self.area = area
        self.allowedVehicles = allowedVehicles
        self.policies = policies
        self.defaultAccess = defaultAccess
        self.certifiedConsolidators = certifiedConsolidators
        self.extraHolidays = extraHolidays
        self.automaticPermits = automaticPermits
    }

    /// Whether this version of the rules is in force at `instant`.
    public func isValid(at instant: Date) -> Bool {
        instant >= validFrom && validUntil.map { instant < $0 } ?? true
    }

    /// The first thing about the rule set that cannot be, as `field: reason`, or nil.
    /// The most policies, vehicle classes, consolidators and automatic permit rules a zone holds.
    public static let maximumItems = 1000

    public var problem: String? {
        if id.isEmpty { return "id: a zone needs an id" }
        if name.trimmingCharacters(in: .whitespaces).isEmpty { return "name: a zone needs a name" }
        for (key, count) in [("policies", policies.count), ("allowedVehicles", allowedVehicles.count), ("certifiedConsolidators", certifiedConsolidators.count),
                             ("automaticPermits", automaticPermits.count), ("extraHolidays", extraHolidays.count)] where count > Self.maximumItems {
            return "\(key): at most \(Self.maximumItems)"
        }
        for (i, vehicles) in allowedVehicles.enumerated() {
            if let problem = vehicles.problem { return "allowedVehicles[\(i)].\(problem)" }
        }
        if version < 1 { return "version: must be 1 or more" }
        if let until = validUntil, until <= validFrom { return "validUntil: must be after validFrom" }
        if TimeZone(identifier: timeZone) == nil { return "timeZone: '\(timeZone)' is not an IANA time zone" }
        var seen: Set<String> = []
        for (i, policy) in policies.enumerated() {
            if policy.id.isEmpty { return "policies[\(i)].id: a policy needs an id" }
            if !seen.insert(policy.id).inserted { return "policies[\(i)].id: '\(policy.id)' is used twice" }
            if let problem = policy.consolidation?.problem { return "policies[\(i)].consolidation.\(problem)" }
            if policy.access == .forbidden && policy.consolidation != nil { return "policies[\(i)].consolidation: a forbidding policy has no conditions" }
            if abs(policy.priority) > 1_000_000 { return "policies[\(i)].priority: between -1000000 and 1000000" }
            if policy.timeSpans.count > Self.maximumItems || policy.vehicles.count > Self.maximumItems { return "policies[\(i)]: at most \(Self.maximumItems) time spans and vehicle classes" }
            for (j, vehicles) in policy.vehicles.enumerated() {
                if let problem = vehicles.problem { return "policies[\(i)].vehicles[\(j)].\(problem)" }
            }
        }
        for (i, rule) in automaticPermits.enumerated() where !(1...3660).contains(rule.maximumDays) {
            return "automaticPermits[\(i)].maximumDays: between 1 and 3660"
        }
        return nil
    }
}
