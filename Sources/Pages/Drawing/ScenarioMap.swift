import Geo

/// One variant's first day in the report: straight lines between stops coloured by the kind
/// of vehicle, the zone underneath, the hub as a dot. Zoomed to the recipients' area: the few
/// farthest points (carriers' depots) are drawn at the edge.
struct ScenarioMap {
    var hub: Coordinate
    var zone: [Coordinate]?
    var routes: [[Coordinate]]
    var vehicleTypes: [String]
    var width = 520.0
    var height = 420.0

    static let colours = ["e-van": "#2f6fb3", "e-cargo-bike": "#3c9b53", "diesel-van": "#b42318", "truck": "#7a4fb3"]

    func draw(_ catalogue: Catalogue) -> Markup {
        let projection = MapProjection(fitting: routes.flatMap { $0 } + [hub] + (zone ?? []), width: width, height: height,
                                       margin: 0.03, outlierShare: 0.05)
        var svg = "<svg viewBox=\"\(projection.viewBox)\" width=\"100%\" style=\"background:#f6f8fa\" role=\"img\" aria-label=\"\(HTMLText.escape(catalogue.plain("report_map_label")))\">"
        if let zone {
            svg += "<polygon points=\"\(projection.points(zone, clamped: true))\" fill=\"#fff4d6\" stroke=\"#e0b84c\"/>"
        }
        for (route, type) in zip(routes, vehicleTypes) {
            svg += "<polyline points=\"\(projection.points(route, clamped: true))\" fill=\"none\" stroke=\"\(Self.colours[type] ?? "#555")\" stroke-width=\"1.4\" stroke-opacity=\"0.8\"/>"
        }
        let (x, y) = projection.clamped(hub)
        svg += "<circle cx=\"\(SVG.number(x))\" cy=\"\(SVG.number(y))\" r=\"5\" fill=\"#1d2733\"/>"
        return Markup(html: svg + "</svg>")
    }
}
