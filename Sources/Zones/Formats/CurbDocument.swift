import Foundation
import Geo
import Routing

/// Reads and writes Curb Data Specification documents, checking what the specification
/// requires beyond JSON types: UUIDs, Polygon geometry, the activity and weekday vocabularies,
/// `HH:MM` times, and that every policy a zone names is in the document.
public enum CurbDocument {
    public struct Problem: Error, Equatable, Sendable, CustomStringConvertible {
        /// JSON path, e.g. `$.data.zones[2].curb_policy_ids[0]`.
        public var path: String
        public var reason: String
        public var description: String { "\(path): \(reason)" }
    }

    public static let activities: Set<String> = ["parking", "no parking", "loading", "no loading", "unloading", "no unloading",
                                                 "stopping", "no stopping", "travel", "no travel"]
    static let weekdays: Set<String> = Set(Weekday.allCases.map(\.rawValue))
    static let units: Set<String> = ["second", "minute", "hour", "day", "week", "month", "quarter", "year"]

    /// Reads an envelope and checks it. `region` bounds the geometry (the specification's own
    /// examples lie in New York, so `.world` reads them).
    public static func read(_ data: Data, region: ExpectedRegion = .norway) throws(Problem) -> CDS.Envelope {
        let envelope = try decode(CDS.Envelope.self, from: data)
        try check(envelope, region: region)
        return envelope
    }

    /// A CDS document decoded, its failure as a problem at the JSON path.
    static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws(Problem) -> T {
        do {
            return try JSONDecoder().decode(T.self, from: data)
        } catch let error as DecodingError {
            let text = error.pathAndMessage
            let split = text.firstIndex(of: ":").map { (String(text[..<$0]), String(text[text.index(after: $0)...]).trimmingCharacters(in: .whitespaces)) }
            throw Problem(path: split?.0 ?? "$", reason: split?.1 ?? text)
        } catch {
            throw Problem(path: "$", reason: "not JSON: \(error.localizedDescription)")
        }
    }

    /// The envelope as JSON with sorted keys: the same data always gives the same bytes.
    public static func write(_ envelope: CDS.Envelope) -> Data { encode(envelope) }

    /// A CDS value as JSON with sorted keys (its types encode without failing).
    static func encode<T: Encodable>(_ value: T) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return (try? encoder.encode(value)) ?? Data()
    }

    static func check(_ envelope: CDS.Envelope, region: ExpectedRegion) throws(Problem) {
        guard envelope.version.hasPrefix("1.") else { throw Problem(path: "$.version", reason: "'\(envelope.version)' is not a CDS 1.x version") }
        guard TimeZone(identifier: envelope.timeZone) != nil else { throw Problem(path: "$.time_zone", reason: "'\(envelope.timeZone)' is not an IANA time zone") }
        let data = envelope.data
        var policyIds: Set<String> = []
        for (i, policy) in (data.policies ?? []).enumerated() {
            let path = "$.data.policies[\(i)]"
            try uuid(policy.curbPolicyId, at: "\(path).curb_policy_id")
            guard policyIds.insert(policy.curbPolicyId).inserted else { throw Problem(path: "\(path).curb_policy_id", reason: "'\(policy.curbPolicyId)' appears twice") }
            guard !policy.rules.isEmpty else { throw Problem(path: "\(path).rules", reason: "a policy needs at least one rule") }
            for (r, rule) in policy.rules.enumerated() {
                guard activities.contains(rule.activity) else {
                    throw Problem(path: "\(path).rules[\(r)].activity", reason: "'\(rule.activity)' is not one of \(activities.sorted().joined(separator: ", "))")
                }
                for (key, unit) in [("max_stay_unit", rule.maxStayUnit), ("no_return_unit", rule.noReturnUnit)] {
                    if let unit, !units.contains(unit) { throw Problem(path: "\(path).rules[\(r)].\(key)", reason: "'\(unit)' is not a unit of time") }
                }
                if let stay = rule.maxStay, !(1...100_000).contains(stay) { throw Problem(path: "\(path).rules[\(r)].max_stay", reason: "must be between 1 and 100000") }
            }
            for (s, span) in (policy.timeSpans ?? []).enumerated() {
                let spanPath = "\(path).time_spans[\(s)]"
                for (d, day) in (span.daysOfWeek ?? []).enumerated() where !weekdays.contains(day) {
                    throw Problem(path: "\(spanPath).days_of_week[\(d)]", reason: "'\(day)' is not one of mon, tue, wed, thu, fri, sat, sun")
                }
                for (key, time) in [("time_of_day_start", span.timeOfDayStart), ("time_of_day_end", span.timeOfDayEnd)] {
                    if let time, LocalTime(text: time) == nil { throw Problem(path: "\(spanPath).\(key)", reason: "'\(time)' is not a time of day HH:MM") }
                }
                if let month = span.months?.first(where: { !(1...12).contains($0) }) { throw Problem(path: "\(spanPath).months", reason: "\(month) is not a month 1–12") }
                if let day = span.daysOfMonth?.first(where: { !(1...31).contains($0) }) { throw Problem(path: "\(spanPath).days_of_month", reason: "\(day) is not a day of the month 1–31") }
            }
        }
        for (i, zone) in (data.zones ?? []).enumerated() {
            let path = "$.data.zones[\(i)]"
            try uuid(zone.curbZoneId, at: "\(path).curb_zone_id")
            try polygon(zone.geometry, at: "\(path).geometry", region: region)
            if data.policies != nil {
                for (p, id) in zone.curbPolicyIds.enumerated() where !policyIds.contains(id) {
                    throw Problem(path: "\(path).curb_policy_ids[\(p)]", reason: "no policy '\(id)' in the document")
                }
            }
            if let length = zone.length, !(1...100_000).contains(length) { throw Problem(path: "\(path).length", reason: "must be between 1 and 100000 centimetres") }
            if let spaces = zone.numSpaces, !(0...1000).contains(spaces) { throw Problem(path: "\(path).num_spaces", reason: "must be between 0 and 1000") }
            if let end = zone.endDate, end <= zone.startDate { throw Problem(path: "\(path).end_date", reason: "must be after start_date") }
        }
        for (i, area) in (data.areas ?? []).enumerated() {
            try uuid(area.curbAreaId, at: "$.data.areas[\(i)].curb_area_id")
            try polygon(area.geometry, at: "$.data.areas[\(i)].geometry", region: region)
        }
        for (i, space) in (data.spaces ?? []).enumerated() {
            try uuid(space.curbSpaceId, at: "$.data.spaces[\(i)].curb_space_id")
            try polygon(space.geometry, at: "$.data.spaces[\(i)].geometry", region: region)
            if !(1...100_000).contains(space.length) { throw Problem(path: "$.data.spaces[\(i)].length", reason: "must be between 1 and 100000 centimetres") }
        }
        for (i, object) in (data.objects ?? []).enumerated() {
            try uuid(object.curbObjectId, at: "$.data.objects[\(i)].curb_object_id")
            if object.curbZoneId == nil && object.curbSpaceId == nil {
                throw Problem(path: "$.data.objects[\(i)]", reason: "an object names its curb_zone_id or curb_space_id")
            }
        }
    }

    private static func uuid(_ text: String, at path: String) throws(Problem) {
        guard UUID(uuidString: text) != nil else { throw Problem(path: path, reason: "'\(text)' is not a UUID") }
    }

    private static func polygon(_ area: ZoneArea, at path: String, region: ExpectedRegion) throws(Problem) {
        guard area.polygons.count == 1 else { throw Problem(path: path, reason: "CDS geometry is one Polygon") }
        do { _ = try ZoneArea.validated(area.polygons, region: region) } catch { throw Problem(path: path, reason: error.description) }
    }
}
