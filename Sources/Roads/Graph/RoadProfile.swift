/// Which OpenStreetMap ways a kind of vehicle may use, in which direction, and how fast.
///
/// Speeds are the highway type's typical urban speed (km/h), or 85 % of a posted `maxspeed`
/// where one is tagged and lower. Access tags (`access`, `vehicle`, `motor_vehicle`,
/// `motorcar`, `hgv`, `bicycle`) exclude a way when set to no, private, agricultural or
/// forestry — unless a more specific tag allows it (yes, designated, permissive, destination,
/// delivery).
public struct RoadProfile: Sendable, Hashable, CaseIterable {
    public enum Mode: String, Sendable, CaseIterable { case car, truck, bike }

    public let mode: Mode
    public var name: String { mode.rawValue }

    /// Every profile, in the order of `Mode.allCases`.
    public static var allCases: [RoadProfile] { Mode.allCases.map(RoadProfile.init) }

    public init(_ mode: Mode) { self.mode = mode }

    public static let car = RoadProfile(.car)
    public static let truck = RoadProfile(.truck)
    public static let bike = RoadProfile(.bike)

    /// The profile named `name` ("car", "truck", "bike": as CLI options, routing documents
    /// and `TravelProfile` name them), or nil for any other name.
    public init?(name: String) {
        guard let mode = Mode(rawValue: name) else { return nil }
        self.init(mode)
    }

    /// Access tags from general to specific; the most specific one present decides.
    private var accessKeys: [String] {
        switch mode {
        case .car: return ["access", "vehicle", "motor_vehicle", "motorcar"]
        case .truck: return ["access", "vehicle", "motor_vehicle", "hgv"]
        case .bike: return ["access", "vehicle", "bicycle"]
        }
    }

    private static let motorSpeeds: [String: Double] = [
        "motorway": 90, "motorway_link": 50, "trunk": 70, "trunk_link": 40, "primary": 50, "primary_link": 35,
        "secondary": 45, "secondary_link": 30, "tertiary": 40, "tertiary_link": 30, "unclassified": 30,
        "residential": 30, "living_street": 8, "service": 15, "road": 25,
    ]
    private static let bikeSpeeds: [String: Double] = [
        "cycleway": 18, "primary": 16, "primary_link": 16, "secondary": 16, "secondary_link": 16, "tertiary": 16,
        "tertiary_link": 16, "unclassified": 15, "residential": 15, "living_street": 10, "service": 12, "road": 12,
        "track": 10, "path": 12, "footway": 8, "pedestrian": 8, "bridleway": 8,
    ]
    /// Ways bikes may use only where a `bicycle` tag allows it.
    private static let bikeOnlyIfAllowed: Set<String> = ["footway", "pedestrian", "bridleway", "trunk", "trunk_link"]

    /// Speed in km/h on a way with these tags, or nil when the profile may not use it.
    public func speed(tags: [String: String]) -> Double? {
        guard let highway = tags["highway"], isAccessible(tags) else { return nil }
        switch mode {
        case .car, .truck:
            guard var speed = RoadProfile.motorSpeeds[highway] else { return nil }
            // Posted limits below walking pace or above any road's are tagging errors: ignored.
            if let posted = tags["maxspeed"].flatMap({ Double($0.split(separator: " ").first ?? "") }), posted >= 5, posted <= 150 {
                speed = min(speed * 1.2, posted * 0.85)
            }
            if mode == .truck {
                if highway == "living_street" { return nil }
                if let weight = tags["maxweight"].flatMap(Double.init), weight < 7.5 { return nil }
                if let height = tags["maxheight"].flatMap(Double.init), height < 3.5 { return nil }
                speed = min(speed * 0.9, 80)
            }
            return speed
        case .bike:
            if highway == "motorway" || highway == "motorway_link" { return nil }
            if RoadProfile.bikeOnlyIfAllowed.contains(highway) && !RoadProfile.allows(tags["bicycle"]) { return nil }
            if highway == "trunk" || highway == "trunk_link" { return 16 }
            return RoadProfile.bikeSpeeds[highway]
        }
    }

    /// Whether the way may be driven against its drawing direction, and along it.
    public func directions(tags: [String: String]) -> (forward: Bool, backward: Bool) {
        let oneway = tags["oneway"]
        var forward = true, backward = true
        if oneway == "yes" || oneway == "1" || oneway == "true" || tags["junction"] == "roundabout" || tags["junction"] == "circular"
            || (oneway == nil && (tags["highway"] == "motorway" || tags["highway"] == "motorway_link")) {
            backward = false
        } else if oneway == "-1" || oneway == "reverse" {
            forward = false
        }
        if mode == .bike {
            let contraflow = tags["oneway:bicycle"] == "no" || tags["cycleway"]?.hasPrefix("opposite") == true
                || tags["cycleway:left"]?.hasPrefix("opposite") == true || tags["cycleway:right"]?.hasPrefix("opposite") == true
            if contraflow { forward = true; backward = true }
            if tags["highway"] == "cycleway" && oneway == nil { forward = true; backward = true }
        }
        return (forward, backward)
    }

    private func isAccessible(_ tags: [String: String]) -> Bool {
        var allowed = true
        for key in accessKeys {
            guard let value = tags[key] else { continue }
            if ["no", "private", "agricultural", "forestry", "use_sidepath"].contains(value) { allowed = false }
            else if RoadProfile.allows(value) || value == "destination" || value == "delivery" { allowed = true }
        }
        if tags["area"] == "yes" { return false }
        return allowed
    }

    private static func allows(_ value: String?) -> Bool {
        value == "yes" || value == "designated" || value == "permissive"
    }
}
