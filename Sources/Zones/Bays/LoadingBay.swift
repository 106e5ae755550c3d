import Foundation
import Geo

/// A loading bay (varelevering-/lastelomme) as the Curb Data Specification describes a curb
/// zone, with the policies that say who may load there when. Samlast stores bays in exactly
/// these objects, so publishing them is writing them out.
public struct LoadingBay: Hashable, Sendable, Codable {
    public var curb: CDS.CurbZone
    /// The policies `curb.curbPolicyIds` names.
    public var policies: [CDS.CurbPolicy]

    public init(curb: CDS.CurbZone, policies: [CDS.CurbPolicy]) {
        self.curb = curb
        self.policies = policies
    }

    /// The bays of a CDS document: each curb zone with the policies it names.
    public static func bays(in envelope: CDS.Envelope) -> [LoadingBay] {
        let policies = Dictionary((envelope.data.policies ?? []).map { ($0.curbPolicyId, $0) }, uniquingKeysWith: { first, _ in first })
        return (envelope.data.zones ?? []).map { LoadingBay(curb: $0, policies: $0.curbPolicyIds.compactMap { policies[$0] }) }
    }

    /// Bays as one CDS document: their curb zones, and each policy they name once.
    public static func envelope(of bays: [LoadingBay], timeZone: String, lastUpdated: Int64, author: String? = nil) -> CDS.Envelope {
        var seen: Set<String> = []
        return CDS.Envelope(timeZone: timeZone, lastUpdated: lastUpdated, author: author,
                            data: CDS.Payload(zones: bays.map(\.curb), policies: bays.flatMap(\.policies).filter { seen.insert($0.curbPolicyId).inserted }))
    }

    public var id: String { curb.curbZoneId }

    /// What people call the bay: its name, else its local id, else its CDS id.
    public var displayName: String { curb.name ?? curb.userZoneId ?? id }

    /// The centre of the bay's footprint (the mean of its corners).
    public var position: Coordinate {
        let corners = (curb.geometry.polygons.first?.first ?? []).dropLast()
        guard !corners.isEmpty else { return Coordinate(longitude: 0, latitude: 0) }
        return Coordinate(longitude: corners.map(\.longitude).reduce(0, +) / Double(corners.count),
                          latitude: corners.map(\.latitude).reduce(0, +) / Double(corners.count))
    }

    /// Curb length in metres: as surveyed, or else the footprint's longest side.
    public var curbLengthM: Double {
        if let length = curb.length { return Double(length) / 100 }
        let corners = curb.geometry.polygons.first?.first ?? []
        return zip(corners, corners.dropFirst()).map { $0.greatCircleDistance(to: $1) }.max() ?? 0
    }

    /// How many vehicles of `category` the bay holds at once: its marked spaces, or where none are
    /// marked the curb length divided by the room such a vehicle takes (`BayCapacity.roomM`).
    public func capacity(for category: ZoneVehicle.Category) -> Int {
        if let spaces = curb.numSpaces, spaces > 0 { return spaces }
        return max(0, Int((curbLengthM / BayCapacity.roomM(category)).rounded(.down)))
    }
}

/// The curb length a parked goods vehicle takes, parallel to the curb, with room to pull in and
/// out: its typical length plus 1.5 m (3.0 m for articulated vehicles). Samlast's assumption
/// where bays are not marked, stated here so a municipality can check it against its signs.
public enum BayCapacity {
    public static func roomM(_ category: ZoneVehicle.Category) -> Double {
        switch category {
        case .cargoBike: 2.5 + 0.5
        case .lightElectric: 3.0 + 1.0
        case .van: 6.0 + 1.5
        case .truck: 10.0 + 1.5
        case .heavyTruck: 16.5 + 3.0
        }
    }
}

/// Whether a vehicle may load at a bay at an instant, and on which policy.
public struct BayAccess: Hashable, Sendable {
    public var allowed: Bool
    public var policyId: String?
    public var activity: String?
    /// The longest stay the governing rule allows, in minutes.
    public var maxStayMinutes: Int?
    public var reason: String
}

extension LoadingBay {
    /// CDS user classes Samlast gives a vehicle: its type (`cargo_bicycle`, `van`, `truck`, or the
    /// local `light_electric`), its propulsion (`electric` or `combustion`), `delivery` and
    /// `freight`, and the local class `consolidated` for certified consolidators' vehicles.
    public static func userClasses(of vehicle: ZoneVehicle, consolidated: Bool) -> Set<String> {
        var classes: Set<String> = ["delivery", "freight", vehicle.zeroEmission ? "electric" : "combustion"]
        switch vehicle.category {
        case .cargoBike: classes.insert("cargo_bicycle")
        case .lightElectric: classes.insert("light_electric")
        case .van: classes.insert("van")
        case .truck, .heavyTruck: classes.insert("truck")
        }
        if consolidated { classes.insert("consolidated") }
        return classes
    }

    static let loadingActivities: Set<String> = ["loading", "unloading", "parking", "stopping"]

    /// The governing rule for a vehicle with `classes` at `instant`: among the policies in force
    /// whose rules apply to it (a rule applies when the vehicle has all its user classes), the
    /// one of lowest priority number, ties by id. Loading is allowed under `loading`,
    /// `unloading`, `parking` and `stopping`; anything else, or no policy at all, refuses it.
    public func access(classes: Set<String>, at instant: Date, clock: ZoneClock) -> BayAccess {
        let (date, time) = clock.local(instant)
        let candidates = policies.sorted { ($0.priority, $0.curbPolicyId) < ($1.priority, $1.curbPolicyId) }
        for policy in candidates {
            guard policy.timeSpans.map({ $0.contains { $0.covers(instant: instant, date: date, time: time, isHoliday: clock.isHoliday) } }) ?? true else { continue }
            guard let rule = policy.rules.first(where: { Set($0.userClasses ?? []).isSubset(of: classes) }) else { continue }
            let allowed = Self.loadingActivities.contains(rule.activity)
            let label = policy.name.map { "'\($0)'" } ?? policy.curbPolicyId
            return BayAccess(allowed: allowed, policyId: policy.curbPolicyId, activity: rule.activity, maxStayMinutes: rule.maxStayMinutes,
                             reason: allowed ? "\(rule.activity) allowed by \(label)" : "\(rule.activity) under \(label)")
        }
        return BayAccess(allowed: false, policyId: nil, activity: nil, maxStayMinutes: nil, reason: "no policy allows loading here at \(time) on \(date)")
    }
}

extension CDS.Rule {
    /// `max_stay` in minutes (its unit defaults to minutes).
    public var maxStayMinutes: Int? {
        guard let stay = maxStay else { return nil }
        switch maxStayUnit ?? "minute" {
        case "second": return max(1, stay / 60)
        case "hour": return stay * 60
        case "day": return stay * 1440
        default: return stay
        }
    }
}

extension CDS.TimeSpan {
    /// Whether every criterion given holds. Times of day are local, the end excluded; an end
    /// before the start runs past midnight. The only designated period Samlast knows is
    /// `holidays` (the zone's public holidays); a span naming another is taken as not in force.
    public func covers(instant: Date, date: LocalDate, time: LocalTime, isHoliday: (LocalDate) -> Bool) -> Bool {
        let millis = Int64((instant.timeIntervalSince1970 * 1000).rounded(.down))
        if let start = startDate, millis < start { return false }
        if let end = endDate, millis >= end { return false }
        let start = timeOfDayStart.flatMap(LocalTime.init(text:)) ?? LocalTime(minutes: 0)
        let end = timeOfDayEnd.flatMap(LocalTime.init(text:)) ?? LocalTime(minutes: 1440)
        // The day the span's time of day started on.
        let day = start < end || time >= start ? date : date.adding(days: -1)
        if !(start < end) && !(time >= start || time < end) { return false }
        if start < end && !(time >= start && time < end) { return false }
        if let days = daysOfWeek, !days.contains(Weekday(isoWeekday: day.isoWeekday).rawValue) { return false }
        if let months, !months.contains(day.month) { return false }
        if let daysOfMonth, !daysOfMonth.contains(day.day) { return false }
        if let period = designatedPeriod {
            guard period == "holidays" else { return false }
            if isHoliday(day) == (designatedPeriodExcept ?? false) { return false }
        }
        return true
    }
}
