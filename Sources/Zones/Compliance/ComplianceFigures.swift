import Foundation

/// A zone's compliance over a period, from its judged trips: what the compliance endpoint, the
/// report page and `samlast zones report` show. Trips entering while the rules were not in
/// force are left out of every figure.
public struct ComplianceFigures: Hashable, Sendable, Codable {
    public var summary: ComplianceSummary
    /// Operators with trips counted.
    public var operators: Int
    public var parcels: Int
    public var parcelsPerEntry: Double?
    public var recipientsPerEntry: Double?
    /// Entries by local hour of entry (24 values, 00–23).
    public var entriesByHour: [Int]
    /// Non-compliant entries by local hour.
    public var nonCompliantByHour: [Int]

    public init(_ judged: [(trip: ZoneTrip, verdict: ZoneVerdict)], clock: ZoneClock) {
        let counted = judged.filter { $0.verdict.outcome != .notInForce }
        summary = ComplianceSummary(counted.map(\.verdict))
        operators = Set(counted.map(\.trip.operatorId)).count
        // Summed as doubles: a stored count, however large, never overflows the total.
        let parcelSum = counted.reduce(0.0) { $0 + Double($1.trip.manifest.parcels) }
        parcels = Int(min(parcelSum, Double(Int.max / 2)))
        parcelsPerEntry = counted.isEmpty ? nil : parcelSum / Double(counted.count)
        recipientsPerEntry = counted.isEmpty ? nil : counted.reduce(0.0) { $0 + Double($1.trip.manifest.recipientsInZone) } / Double(counted.count)
        entriesByHour = Array(repeating: 0, count: 24)
        nonCompliantByHour = Array(repeating: 0, count: 24)
        for (trip, verdict) in counted {
            let hour = min(23, max(0, clock.local(trip.entry).time.minutes / 60))
            entriesByHour[hour] += 1
            if verdict.outcome == .nonCompliant { nonCompliantByHour[hour] += 1 }
        }
    }
}
