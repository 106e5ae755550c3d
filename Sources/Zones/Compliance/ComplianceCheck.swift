import Foundation

/// A zone's rules made ready to judge many trips: the clock built once, the policies in their
/// order of precedence. Judging is deterministic — the same trip, rules and permits always give
/// the same verdict with the same reasons in the same order.
public struct ZoneRules: Sendable {
    public let zone: Zone
    private let clock: ZoneClock
    private let policiesByPrecedence: [ZonePolicy]

    public init(_ zone: Zone) throws(ZoneClockError) {
        self.zone = zone
        clock = try ZoneClock(timeZone: zone.timeZone, extraHolidays: zone.extraHolidays)
        policiesByPrecedence = zone.policies.sorted { ($0.priority, $0.id) < ($1.priority, $1.id) }
    }

    /// The verdict on `trip`, exempted by the first of `permits` (by id) that waives all it broke.
    public func check(_ trip: ZoneTrip, permits: [Permit] = []) -> ZoneVerdict {
        let (date, time) = clock.local(trip.entry)
        let day = Weekday(isoWeekday: date.isoWeekday).rawValue + (clock.isHoliday(date) ? ", holiday" : "")
        var verdict = ZoneVerdict(tripId: trip.id, zoneId: zone.id, zoneVersion: zone.version, outcome: .compliant,
                                  governingPolicyId: nil, outrankedPolicyIds: [], violations: [], permitId: nil,
                                  localTime: "\(date) \(time) (\(day))")
        guard zone.isValid(at: trip.entry) else {
            verdict.outcome = .notInForce
            return verdict
        }
        if !zone.allowedVehicles.isEmpty && !zone.allowedVehicles.contains(where: { $0.admits(trip.vehicle) }) {
            let why = zone.allowedVehicles.map { $0.mismatches(trip.vehicle).joined(separator: " and ") }.joined(separator: "; or ")
            verdict.violations.append(Violation(code: .vehicleNotAllowed, policyId: nil, message: "the vehicle may not enter the zone: \(why)"))
        }
        let inForce = policiesByPrecedence.filter { policy in
            (policy.timeSpans.isEmpty || policy.timeSpans.contains { $0.covers(date, time, isHoliday: clock.isHoliday) })
                && (policy.vehicles.isEmpty || policy.vehicles.contains { $0.admits(trip.vehicle) })
        }
        if let governing = inForce.first {
            verdict.governingPolicyId = governing.id
            verdict.outrankedPolicyIds = inForce.dropFirst().map(\.id)
            switch governing.access {
            case .forbidden:
                verdict.violations.append(Violation(code: .noAccess, policyId: governing.id, message: "\(governing.label) forbids entry at \(time) on \(date) (\(day))"))
            case .allowed:
                if let requirement = governing.consolidation {
                    verdict.violations += Self.violations(of: requirement, by: trip, policyId: governing.id, certified: zone.certifiedConsolidators)
                }
            }
        } else if zone.defaultAccess == .forbidden {
            verdict.violations.append(Violation(code: .noAccess, policyId: nil, message: "no policy admits this vehicle at \(time) on \(date) (\(day))"))
        }
        guard !verdict.violations.isEmpty else { return verdict }
        let broken = Set(verdict.violations.map(\.code))
        let permit = permits.sorted { $0.id < $1.id }.first { permit in
            permit.zoneId == zone.id && permit.operatorId == trip.operatorId
                && trip.entry >= permit.validFrom && trip.entry < permit.validUntil
                && (permit.timeSpans.isEmpty || permit.timeSpans.contains { $0.covers(date, time, isHoliday: clock.isHoliday) })
                && permit.vehicles.admits(trip.vehicle)
                && (permit.plateHash == nil || permit.plateHash == trip.plateHash)
                && broken.isSubset(of: permit.waives)
        }
        verdict.outcome = permit == nil ? .nonCompliant : .exempt
        verdict.permitId = permit?.id
        return verdict
    }

    static func violations(of requirement: ConsolidationRequirement, by trip: ZoneTrip, policyId: String, certified: Set<String>) -> [Violation] {
        var found: [Violation] = []
        let manifest = trip.manifest, vehicle = trip.vehicle
        if !requirement.minimumFill.isEmpty {
            let shares = requirement.minimumFill.map { threshold -> (FillThreshold, Double?) in
                switch threshold.measure {
                case .volume: (threshold, manifest.volumeM3 / vehicle.volumeCapacityM3)
                case .weight: (threshold, manifest.weightKg / vehicle.payloadKg)
                case .parcels: (threshold, vehicle.parcelCapacity.map { Double(manifest.parcels) / Double($0) })
                }
            }
            if !shares.contains(where: { threshold, share in share.map { $0 >= threshold.minimumShare } ?? false }) {
                let had = shares.map { threshold, share in
                    share.map { "\(percent($0)) by \(threshold.measure.rawValue)" } ?? "unknown by parcels (the vehicle's parcel capacity is not given)"
                }
                let needed = requirement.minimumFill.map { "\(percent($0.minimumShare)) by \($0.measure.rawValue)" }
                found.append(Violation(code: .fillBelowMinimum, policyId: policyId,
                                       message: "filled \(had.joined(separator: ", ")); needs \(needed.joined(separator: " or "))"))
            }
        }
        let recipients = manifest.recipientsInZone
        if let min = requirement.minimumRecipients, recipients < min {
            found.append(Violation(code: .tooFewRecipients, policyId: policyId, message: "serves \(recipients) recipients in the zone; needs at least \(min)"))
        }
        if let max = requirement.maximumRecipients, recipients > max {
            found.append(Violation(code: .tooManyRecipients, policyId: policyId, message: "serves \(recipients) recipients in the zone; at most \(max) allowed"))
        }
        if requirement.certifiedConsolidatorsOnly && !certified.contains(trip.operatorId) {
            found.append(Violation(code: .notCertifiedConsolidator, policyId: policyId, message: "\(trip.operatorId) is not a certified consolidator for this zone"))
        }
        return found
    }

    /// `62 %`, with one decimal where a whole number would hide the difference from a threshold.
    static func percent(_ share: Double) -> String {
        let value = share * 100
        return value == value.rounded() ? String(format: "%.0f %%", value) : String(format: "%.1f %%", value)
    }
}

extension ZonePolicy {
    /// `policy 'morning' (Morning window, priority 1)`.
    var label: String { "policy '\(id)'\(name.isEmpty ? "" : " (\(name)") \(name.isEmpty ? "(" : ", ")priority \(priority))" }
}
