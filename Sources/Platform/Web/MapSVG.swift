import Foundation
import Geo

/// A plan drawn as an inline SVG: OpenStreetMap roads underneath (with their attribution),
/// each route as a coloured line, stops numbered in driving order, the hub as a square.
struct MapSVG {
    struct Route {
        var line: [Coordinate]
        var stops: [(coordinate: Coordinate, label: String, state: String)]
        var colour: String
    }

    static let palette = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2"]

    var hub: Coordinate
    var routes: [Route]
    var roads: [[Coordinate]]
    var width = 900.0
    var height = 560.0

    func render() -> String {
        let points = [hub] + routes.flatMap { $0.line + $0.stops.map(\.coordinate) }
        // `points` holds the hub at least, so the bounds exist.
        var west = points.map(\.longitude).min() ?? hub.longitude, east = points.map(\.longitude).max() ?? hub.longitude
        var south = points.map(\.latitude).min() ?? hub.latitude, north = points.map(\.latitude).max() ?? hub.latitude
        let padLon = max(east - west, 0.01) * 0.08, padLat = max(north - south, 0.005) * 0.08
        west -= padLon; east += padLon; south -= padLat; north += padLat
        // Equirectangular with the longitude scaled by cos(latitude), fitted to the box.
        let cosine = cos((south + north) / 2 * .pi / 180)
        let scale = min(width / ((east - west) * cosine), height / (north - south))
        let offsetX = (width - (east - west) * cosine * scale) / 2, offsetY = (height - (north - south) * scale) / 2
        func project(_ c: Coordinate) -> String {
            let x = offsetX + (c.longitude - west) * cosine * scale, y = offsetY + (north - c.latitude) * scale
            return String(format: "%.1f,%.1f", x, y)
        }
        func inside(_ c: Coordinate) -> Bool { c.longitude >= west && c.longitude <= east && c.latitude >= south && c.latitude <= north }

        var svg = "<svg class=\"map\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"Map of the plan\">"
        svg += "<rect width=\"100%\" height=\"100%\" fill=\"#f4f1ea\"/>"
        let visibleRoads = roads.filter { $0.contains(where: inside) }
        if !visibleRoads.isEmpty {
            svg += "<g fill=\"none\" stroke=\"#c9c4b8\" stroke-width=\"1.2\" stroke-linecap=\"round\">"
            for road in visibleRoads { svg += "<polyline points=\"\(road.map(project).joined(separator: " "))\"/>" }
            svg += "</g>"
        }
        for route in routes where route.line.count >= 2 {
            svg += "<polyline points=\"\(route.line.map(project).joined(separator: " "))\" fill=\"none\" stroke=\"\(route.colour)\" stroke-width=\"3\" stroke-opacity=\"0.85\" stroke-linejoin=\"round\"/>"
        }
        for route in routes {
            for stop in route.stops {
                let position = project(stop.coordinate).split(separator: ",")
                let fill = stop.state == "delivered" ? "#2e7d32" : stop.state == "failed" ? "#c62828" : "#fff"
                let text = stop.state == "delivered" || stop.state == "failed" ? "#fff" : route.colour
                svg += "<g><circle cx=\"\(position[0])\" cy=\"\(position[1])\" r=\"9\" fill=\"\(fill)\" stroke=\"\(route.colour)\" stroke-width=\"2.5\"/>"
                svg += "<text x=\"\(position[0])\" y=\"\(position[1])\" dy=\"3.5\" text-anchor=\"middle\" font-size=\"10\" font-weight=\"700\" fill=\"\(text)\">\(HTML.escape(stop.label))</text></g>"
            }
        }
        let hubPosition = project(hub).split(separator: ",").compactMap { Double($0) }
        svg += "<rect x=\"\(hubPosition[0] - 9)\" y=\"\(hubPosition[1] - 9)\" width=\"18\" height=\"18\" fill=\"#12324a\"/>"
        svg += "<text x=\"\(hubPosition[0] + 12)\" y=\"\(hubPosition[1] + 4)\" font-size=\"12\" font-weight=\"700\" fill=\"#12324a\">HUB</text>"
        if !visibleRoads.isEmpty {
            svg += "<text x=\"\(Int(width) - 6)\" y=\"\(Int(height) - 6)\" text-anchor=\"end\" font-size=\"11\" fill=\"#555\">Roads © OpenStreetMap contributors (ODbL)</text>"
        }
        svg += "</svg>"
        return svg
    }
}
