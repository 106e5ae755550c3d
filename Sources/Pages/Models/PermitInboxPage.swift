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
    /// The rules it asks to be exempted from, as codes.
    public var waives: String
    public var vehicle: String
    /// `2026-12-01 – 2026-12-31`.
    public var period: String
    public var justification: String
    public var decision: String
    /// The applicant's trips into the zone over the last 31 days, and how many were compliant.
    public var recentTrips: Int
    public var recentCompliant: Int

    public init(id: String, zoneName: String, operatorName: String, status: Status, waives: String, vehicle: String, period: String,
                justification: String, decision: String, recentTrips: Int, recentCompliant: Int) {
        self.id = id; self.zoneName = zoneName; self.operatorName = operatorName; self.status = status; self.waives = waives
        self.vehicle = vehicle; self.period = period; self.justification = justification; self.decision = decision
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
             ])
         }]
    }
}
