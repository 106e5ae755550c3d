import Routing

/// What makes a trip "well filled" in a consolidation zone (samlastingssone): a minimum fill
/// rate, a number of recipients served inside the zone, and optionally a certified operator.
public struct ConsolidationRequirement: Hashable, Sendable, Codable {
    /// Fill thresholds; a trip meets the requirement when it meets **any** of them (a van full
    /// by volume is well used even when light). Empty: no fill rule.
    public var minimumFill: [FillThreshold]
    public var minimumRecipients: Int?
    public var maximumRecipients: Int?
    /// Only operators on the zone's list of certified consolidators meet it.
    public var certifiedConsolidatorsOnly: Bool

    public init(minimumFill: [FillThreshold] = [], minimumRecipients: Int? = nil, maximumRecipients: Int? = nil, certifiedConsolidatorsOnly: Bool = false) {
        self.minimumFill = minimumFill
        self.minimumRecipients = minimumRecipients
        self.maximumRecipients = maximumRecipients
        self.certifiedConsolidatorsOnly = certifiedConsolidatorsOnly
    }

    /// What is impossible about the requirement, or nil.
    public var problem: String? {
        for (i, threshold) in minimumFill.enumerated() where !(threshold.minimumShare > 0 && threshold.minimumShare <= 1) {
            return "minimumFill[\(i)].minimumShare must be above 0 and at most 1 (a share of capacity)"
        }
        if let min = minimumRecipients, !(1...ZoneVehicle.maximumParcels).contains(min) { return "minimumRecipients must be between 1 and \(ZoneVehicle.maximumParcels)" }
        if let max = maximumRecipients, !(1...ZoneVehicle.maximumParcels).contains(max) { return "maximumRecipients must be between 1 and \(ZoneVehicle.maximumParcels)" }
        if let min = minimumRecipients, let max = maximumRecipients, min > max { return "minimumRecipients (\(min)) exceeds maximumRecipients (\(max))" }
        return nil
    }

    private enum CodingKeys: String, CodingKey, CaseIterable { case minimumFill, minimumRecipients, maximumRecipients, certifiedConsolidatorsOnly }

    public init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        minimumFill = try c.decodeIfPresent([FillThreshold].self, forKey: .minimumFill) ?? []
        minimumRecipients = try c.decodeIfPresent(Int.self, forKey: .minimumRecipients)
        maximumRecipients = try c.decodeIfPresent(Int.self, forKey: .maximumRecipients)
        certifiedConsolidatorsOnly = try c.decodeIfPresent(Bool.self, forKey: .certifiedConsolidatorsOnly) ?? false
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        if !minimumFill.isEmpty { try c.encode(minimumFill, forKey: .minimumFill) }
        try c.encodeIfPresent(minimumRecipients, forKey: .minimumRecipients)
        try c.encodeIfPresent(maximumRecipients, forKey: .maximumRecipients)
        if certifiedConsolidatorsOnly { try c.encode(true, forKey: .certifiedConsolidatorsOnly) }
    }
}

/// A minimum share of the vehicle's capacity: by load volume, by payload weight, or by parcel count.
public struct FillThreshold: Hashable, Sendable, Codable {
    public enum Measure: String, Hashable, Sendable, Codable, CaseIterable { case volume, weight, parcels }
    public var measure: Measure
    /// 0 < share ≤ 1.
    public var minimumShare: Double

    public init(_ measure: Measure, _ minimumShare: Double) {
        self.measure = measure
        self.minimumShare = minimumShare
    }
}
