import Geo
import Zones

/// `/ui/zones`: the municipality's consolidation zones on a map, shaded by the month's share
/// of compliant entries (as the viewer may see it), with the loading bays as dots coloured by
/// how full they are now.
public struct ZonesPage: Page, Codable, Equatable {
    public static let template = "zones"

    public var month: String
    public var zones: [ZoneSummary]
    public var bays: [BayNow]

    public init(month: String, zones: [ZoneSummary], bays: [BayNow]) {
        self.month = month
        self.zones = zones
        self.bays = bays
    }
}

/// One zone and its compliance over the month.
public struct ZoneSummary: Sendable, Codable, Equatable {
    public var id: String
    public var name: String
    public var version: Int
    public var policies: Int
    /// The exterior rings, for the map.
    public var outline: [[Coordinate]]
    /// Entries counted; nil when withheld.
    public var entries: Int?
    public var sharePercentCompliant: Double?
    /// True for the municipality's view over fewer than three operators.
    public var withheld: Bool
    /// True when the figures are the viewer's own trips only.
    public var ownTrips: Bool

    public init(id: String, name: String, version: Int, policies: Int, outline: [[Coordinate]], entries: Int?, sharePercentCompliant: Double?,
                withheld: Bool, ownTrips: Bool) {
        self.id = id; self.name = name; self.version = version; self.policies = policies; self.outline = outline
        self.entries = entries; self.sharePercentCompliant = sharePercentCompliant; self.withheld = withheld; self.ownTrips = ownTrips
    }

    /// The zone's name, version, policies and exterior rings, with the figures as given.
    public init(_ zone: Zone, entries: Int?, sharePercentCompliant: Double?, withheld: Bool, ownTrips: Bool) {
        self.init(id: zone.id, name: zone.name, version: zone.version, policies: zone.policies.count, outline: zone.area.polygons.compactMap(\.first),
                  entries: entries, sharePercentCompliant: sharePercentCompliant, withheld: withheld, ownTrips: ownTrips)
    }
}

/// A bay and how many of its spaces are booked in the current slot.
public struct BayNow: Sendable, Codable, Equatable {
    public var id: String
    public var name: String
    public var position: Coordinate
    public var spaces: Int
    public var claimedNow: Int

    public init(id: String, name: String, position: Coordinate, spaces: Int, claimedNow: Int) {
        self.id = id; self.name = name; self.position = position; self.spaces = spaces; self.claimedNow = claimedNow
    }
}

extension ZonesPage: TemplateFields {
    func templateFields(_ catalogue: Catalogue) -> [String: Any] {
        ["map": zoneMap(catalogue), "hasZones": !zones.isEmpty, "hasBays": !bays.isEmpty,
         "zoneRows": zones.map { zone in Scope(zone, catalogue, adding: ["shown": !zone.withheld && zone.entries != nil]) }]
    }

    /// Zones filled by their share compliant (green above 90 %, amber above 70 %, red below,
    /// grey when not shown), bays as dots: green free, amber partly, red full.
    func zoneMap(_ catalogue: Catalogue) -> Markup {
        let points = zones.flatMap { $0.outline.flatMap { $0 } } + bays.map(\.position)
        guard !points.isEmpty else { return Markup(html: "") }
        let projection = MapProjection(fitting: points, width: 720, height: 360, margin: 0.05)
        var svg = "<svg viewBox=\"\(projection.viewBox)\" width=\"100%\" style=\"background:#f6f8fa\" role=\"img\" aria-label=\"\(HTMLText.escape(catalogue.plain("zones_map_label")))\">"
        for zone in zones {
            let fill: String
            if zone.withheld { fill = "#d0d7de" } else if let share = zone.sharePercentCompliant { fill = share >= 90 ? "#b7e1c1" : share >= 70 ? "#fde7a9" : "#f5b5ae" } else { fill = "#eef1f4" }
            for ring in zone.outline {
                svg += "<polygon points=\"\(projection.points(ring))\" fill=\"\(fill)\" fill-opacity=\"0.7\" stroke=\"#57606a\" stroke-width=\"1.5\"><title>\(HTMLText.escape(zone.name))</title></polygon>"
            }
            if let ring = zone.outline.first, !ring.isEmpty {
                let (x, y) = projection.point(ring.dropLast().min { ($0.latitude, -$0.longitude) > ($1.latitude, -$1.longitude) } ?? ring[0])
                let share = zone.withheld ? "" : zone.sharePercentCompliant.map { " · \(catalogue.decimal($0)) %" } ?? ""
                svg += "<text x=\"\(SVG.number(x + 8))\" y=\"\(SVG.number(y + 20))\" font-size=\"15\" fill=\"#1d2733\">\(HTMLText.escape(zone.name + share))</text>"
            }
        }
        for bay in bays {
            let (x, y) = projection.point(bay.position)
            let colour = bay.claimedNow == 0 ? "#2da44e" : bay.claimedNow < bay.spaces ? "#d4a72c" : "#cf222e"
            svg += "<circle cx=\"\(SVG.number(x))\" cy=\"\(SVG.number(y))\" r=\"7\" fill=\"\(colour)\" stroke=\"#fff\" stroke-width=\"2\"><title>\(HTMLText.escape(bay.name)) \(bay.claimedNow)/\(bay.spaces)</title></circle>"
            svg += "<text x=\"\(SVG.number(x + 10))\" y=\"\(SVG.number(y + 4))\" font-size=\"12\" fill=\"#1d2733\">\(HTMLText.escape(bay.name)) \(bay.claimedNow)/\(bay.spaces)</text>"
        }
        return Markup(html: svg + "</svg>")
    }
}
