import Geo

/// A plan drawn as inline SVG: OpenStreetMap roads underneath, each route as a coloured line,
/// stops numbered in driving order and filled by their state, the hub as a square. The page's
/// footer carries the roads' attribution when roads are drawn.
struct PlanMap {
    var hub: Coordinate
    var routes: [PlanRoute]
    var roads: [[Coordinate]]
    var width = 900.0
    var height = 560.0

    static let palette = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2"]

    /// The colour of the route at `index`, on the map and in the route table.
    static func colour(_ index: Int) -> String { palette[index % palette.count] }

    func draw(_ catalogue: Catalogue) -> (svg: Markup, drawsRoads: Bool) {
        let projection = MapProjection(fitting: [hub] + routes.flatMap { $0.line + $0.stops.map(\.location) }, width: width, height: height)
        var svg = "<svg class=\"map\" viewBox=\"\(projection.viewBox)\" role=\"img\" aria-label=\"\(HTMLText.escape(catalogue.plain("map_plan_label")))\">"
        svg += "<rect width=\"100%\" height=\"100%\" fill=\"#f4f1ea\"/>"
        let visibleRoads = roads.filter { $0.contains(where: projection.contains) }
        if !visibleRoads.isEmpty {
            svg += "<g fill=\"none\" stroke=\"#c9c4b8\" stroke-width=\"1.2\" stroke-linecap=\"round\">"
            for road in visibleRoads { svg += "<polyline points=\"\(projection.points(road))\"/>" }
            svg += "</g>"
        }
        for (index, route) in routes.enumerated() where route.line.count >= 2 {
            svg += "<polyline points=\"\(projection.points(route.line))\" fill=\"none\" stroke=\"\(Self.colour(index))\" stroke-width=\"3\" stroke-opacity=\"0.85\" stroke-linejoin=\"round\"/>"
        }
        for (index, route) in routes.enumerated() {
            let colour = Self.colour(index)
            for stop in route.stops {
                let (x, y) = projection.point(stop.location)
                let fill = stop.state == .delivered ? "#2e7d32" : stop.state == .failed ? "#c62828" : "#fff"
                svg += "<g><circle cx=\"\(SVG.number(x))\" cy=\"\(SVG.number(y))\" r=\"9\" fill=\"\(fill)\" stroke=\"\(colour)\" stroke-width=\"2.5\"/>"
                svg += "<text x=\"\(SVG.number(x))\" y=\"\(SVG.number(y))\" dy=\"3.5\" text-anchor=\"middle\" font-size=\"10\" font-weight=\"700\" fill=\"\(stop.state.isDone ? "#fff" : colour)\">\(stop.index + 1)</text></g>"
            }
        }
        let (x, y) = projection.point(hub)
        svg += "<rect x=\"\(SVG.number(x - 9))\" y=\"\(SVG.number(y - 9))\" width=\"18\" height=\"18\" fill=\"#12324a\"/>"
        svg += "<text x=\"\(SVG.number(x + 12))\" y=\"\(SVG.number(y + 4))\" font-size=\"12\" font-weight=\"700\" fill=\"#12324a\">\(HTMLText.escape(catalogue.plain("map_hub")))</text>"
        return (Markup(html: svg + "</svg>"), !visibleRoads.isEmpty)
    }
}
