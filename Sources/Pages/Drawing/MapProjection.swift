import Foundation
import Geo

/// Places coordinates in an SVG view box `0 0 width height`: equirectangular, a degree of
/// longitude drawn cos(latitude) as wide as a degree of latitude (true enough at city scale),
/// north up, the points' bounds fitted into the box and centred. Every map Pages draws uses it.
public struct MapProjection: Sendable {
    public let width: Double
    public let height: Double
    /// The geographic bounds the box shows, margin included.
    public let west: Double, east: Double, south: Double, north: Double
    private let cosine: Double, scale: Double, offsetX: Double, offsetY: Double

    /// Fits `points` (at least one) into the box with `margin` (a share of the points' extent)
    /// on each side. With `outlierShare` above 0, that share of the
    /// points on each side (far depots, say) is left out of the bounds; `clamped` then draws
    /// them at the edge.
    public init(fitting points: [Coordinate], width: Double, height: Double, margin: Double = 0.08, outlierShare: Double = 0) {
        precondition(!points.isEmpty, "a map needs at least one point")
        let longitudes = points.map(\.longitude).sorted(), latitudes = points.map(\.latitude).sorted()
        let skip = min(Int(Double(points.count) * max(outlierShare, 0)), (points.count - 1) / 2)
        var west = longitudes[skip], east = longitudes[longitudes.count - 1 - skip]
        var south = latitudes[skip], north = latitudes[latitudes.count - 1 - skip]
        // At least 0.01° × 0.005° (about half a kilometre each way here), then the margin.
        let padLongitude = (max(east - west, 0.01) * (1 + 2 * margin) - (east - west)) / 2
        let padLatitude = (max(north - south, 0.005) * (1 + 2 * margin) - (north - south)) / 2
        west -= padLongitude; east += padLongitude; south -= padLatitude; north += padLatitude
        self.width = width
        self.height = height
        (self.west, self.east, self.south, self.north) = (west, east, south, north)
        cosine = cos((south + north) / 2 * .pi / 180)
        scale = min(width / ((east - west) * cosine), height / (north - south))
        offsetX = (width - (east - west) * cosine * scale) / 2
        offsetY = (height - (north - south) * scale) / 2
    }

    /// The `viewBox` attribute's value.
    public var viewBox: String { "0 0 \(Int(width)) \(Int(height))" }

    /// Where a coordinate lands in the box (outside it when outside the bounds).
    public func point(_ coordinate: Coordinate) -> (x: Double, y: Double) {
        (offsetX + (coordinate.longitude - west) * cosine * scale, offsetY + (north - coordinate.latitude) * scale)
    }

    /// Where a coordinate lands, moved inside the box (`inset` from its edges) when beyond it.
    public func clamped(_ coordinate: Coordinate, inset: Double = 2) -> (x: Double, y: Double) {
        let (x, y) = point(coordinate)
        return (min(max(x, inset), width - inset), min(max(y, inset), height - inset))
    }

    /// Whether a coordinate lies within the bounds.
    public func contains(_ coordinate: Coordinate) -> Bool {
        coordinate.longitude >= west && coordinate.longitude <= east && coordinate.latitude >= south && coordinate.latitude <= north
    }

    /// A line's `points` attribute (`x,y x,y …`, one decimal), clamped into the box or not.
    public func points(_ line: [Coordinate], clamped clamping: Bool = false) -> String {
        line.map { SVG.pair(clamping ? clamped($0) : point($0)) }.joined(separator: " ")
    }
}

/// Numbers as SVG writes them: one decimal, a point as separator whatever the page's language.
enum SVG {
    static func number(_ value: Double) -> String { String(format: "%.1f", value) }
    static func pair(_ point: (x: Double, y: Double)) -> String { number(point.x) + "," + number(point.y) }
}
