import Zones

/// `/ui/permits`: exemption applications — a case officer's inbox of those asked of the
/// municipality's zones, with a decision form on each pending one; an operator's own list.
public struct PermitInboxPage: Page, Codable, Equatable {
    public static let template = "permits"

    public var mayDecide: Bool
    public var permits: [PermitLine]

    public init(mayDecide: Bool, permits: [PermitLine]) {
        self.mayDecide = mayDecide
        self.permits = permits
    }
}

/// One application, with the evidence a case officer weighs.
public struct PermitLine: Sendable, Codable, Equatable {
    public enum Status: String, Sendable, Codable, CaseIterable { case pending, granted, refused }

    public var id: String
    public var zoneName: String
    public var operatorName: String
    public var status: Status
    /// The rules it asks to be exempted from.
    public var waives: [ViolationCode]
    public var vehicleCategory: ZoneVehicle.Category
    public var zeroEmission: Bool
    public var grossWeightKg: Int
    public var lengthM: Double
    /// `2026-12-01 – 2026-12-31`.
    public var period: String
    public var justification: String
    /// The automatic rule that granted it (`decidedByRules`), why no rule did (pending), or the case officer's reason.
    public var decision: String
    public var decidedByRules: Bool
    /// The applicant's trips into the zone over the last 31 days, and how many were compliant.
    public var recentTrips: Int
    public var recentCompliant: Int

    public init(id: String, zoneName: String, operatorName: String, status: Status, waives: [ViolationCode], vehicleCategory: ZoneVehicle.Category,
                zeroEmission: Bool, grossWeightKg: Int, lengthM: Double, period: String, justification: String, decision: String, decidedByRules: Bool,
                recentTrips: Int, recentCompliant: Int) {
        self.id = id; self.zoneName = zoneName; self.operatorName = operatorName; self.status = status; self.waives = waives
        self.vehicleCategory = vehicleCategory; self.zeroEmission = zeroEmission; self.grossWeightKg = grossWeightKg; self.lengthM = lengthM
        self.period = period; self.justification = justification; self.decision = decision; self.decidedByRules = decidedByRules
        self.recentTrips = recentTrips; self.recentCompliant = recentCompliant
    }
}

extension PermitInboxPage: TemplateFields {
    func templateFields(_ catalogue: Catalogue) -> [String: Any] {
        ["hasPermits": !permits.isEmpty,
         "rows": permits.map { permit in
             Scope(permit, catalogue, adding: [
                 "isPending": permit.status == .pending, "isGranted": permit.status == .granted, "isRefused": permit.status == .refused,
                 "decidable": mayDecide && permit.status == .pending,
                 "byRule": permit.decidedByRules && permit.status == .granted, "noRule": permit.status == .pending,
             ])
         }]
    }
}

/// The rules of a zone by the names people know them by.
extension ViolationCode: Term {
    public static let cataloguePrefix = "violation"
}

extension ZoneVehicle.Category: Term {
    public static let cataloguePrefix = "vehicle_category"
}
