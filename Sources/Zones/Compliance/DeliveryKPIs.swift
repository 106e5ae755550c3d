/// The figures a consolidation zone is judged by, defined once so that a pilot's counts, the
/// platform's event log and the Stockholm test give comparable numbers.
public struct DeliveryKPIs: Hashable, Sendable, Codable {
    /// Stops at which a vehicle handed goods to one recipient.
    public var deliveries: Int
    public var parcels: Int
    public var recipients: Int
    public var weeks: Double

    public init(deliveries: Int, parcels: Int, recipients: Int, weeks: Double) {
        self.deliveries = deliveries
        self.parcels = parcels
        self.recipients = recipients
        self.weeks = weeks
    }

    /// Parcels per delivery (Stockholm: 770 ÷ 290 = 2.66).
    public var parcelsPerDelivery: Double { deliveries == 0 ? 0 : Double(parcels) / Double(deliveries) }

    /// Deliveries each recipient receives in a week.
    public var deliveriesPerRecipientPerWeek: Double { recipients == 0 || weeks == 0 ? 0 : Double(deliveries) / Double(recipients) / weeks }

    /// The change in deliveries from `before` to this, as a share (−0.28 for 28 % fewer).
    public func deliveryChange(from before: DeliveryKPIs) -> Double {
        before.deliveries == 0 ? 0 : Double(deliveries - before.deliveries) / Double(before.deliveries)
    }
}

/// Verdicts summed for a report: entries, and how many were compliant, exempt or not.
public struct ComplianceSummary: Hashable, Sendable, Codable {
    public var entries = 0
    public var compliant = 0
    public var exempt = 0
    public var nonCompliant = 0
    /// Violations by code.
    public var violations: [ViolationCode: Int] = [:]

    public init() {}

    public init<S: Sequence>(_ verdicts: S) where S.Element == ZoneVerdict {
        for verdict in verdicts { add(verdict) }
    }

    public mutating func add(_ verdict: ZoneVerdict) {
        guard verdict.outcome != .notInForce else { return }
        entries += 1
        switch verdict.outcome {
        case .compliant: compliant += 1
        case .exempt: exempt += 1
        case .nonCompliant: nonCompliant += 1
        case .notInForce: break
        }
        for violation in verdict.violations { violations[violation.code, default: 0] += 1 }
    }

    /// Compliant or exempt, as a share of entries.
    public var shareCompliant: Double { entries == 0 ? 0 : Double(compliant + exempt) / Double(entries) }
}
