import Geo

/// Where a zone lies: one or more polygons (GeoJSON Polygon or MultiPolygon, RFC 7946), each an
/// exterior ring and any holes. The area is closed: a point on an edge — the exterior's or a
/// hole's — belongs to it, so two zones that share an edge both contain the points on it, and
/// the answer never depends on the rings' orientation or starting vertex.
public struct ZoneArea: Hashable, Sendable {
    /// Polygons, each `[exterior, hole, hole, …]`; every ring closed (first position = last).
    public var polygons: [[[Coordinate]]]
    /// The smallest box around every exterior ring, checked first so most points cost four comparisons.
    public let bounds: BoundingBox

    /// An area from rings already validated (see `ZoneArea.validated`).
    public init(polygons: [[[Coordinate]]]) {
        self.polygons = polygons
        bounds = BoundingBox(polygons.flatMap { $0.first ?? [] })
    }

    /// Whether `point` lies inside the area or on its boundary.
    public func contains(_ point: Coordinate) -> Bool {
        guard bounds.contains(point) else { return false }
        for polygon in polygons {
            guard let exterior = polygon.first else { continue }
            switch Ring.locate(point, in: exterior) {
            case .outside: continue
            case .boundary: return true
            case .inside:
                let inHole = polygon.dropFirst().contains { Ring.locate(point, in: $0) == .inside }
                if !inHole { return true }
            }
        }
        return false
    }
}

/// A longitude/latitude box.
public struct BoundingBox: Hashable, Sendable, Codable {
    public var west: Double, south: Double, east: Double, north: Double

    public init(west: Double, south: Double, east: Double, north: Double) {
        self.west = west; self.south = south; self.east = east; self.north = north
    }

    /// The box around `points` (an empty box that contains nothing when there are none).
    public init(_ points: [Coordinate]) {
        west = points.map(\.longitude).min() ?? .infinity
        east = points.map(\.longitude).max() ?? -.infinity
        south = points.map(\.latitude).min() ?? .infinity
        north = points.map(\.latitude).max() ?? -.infinity
    }

    public func contains(_ point: Coordinate) -> Bool {
        point.longitude >= west && point.longitude <= east && point.latitude >= south && point.latitude <= north
    }
}

/// Point-in-ring classification shared by zones and validation.
enum Ring {
    enum Location: Equatable { case inside, outside, boundary }

    /// Distance (in degrees) within which a point counts as on an edge: about a centimetre,
    /// far below any survey of a curb, far above floating-point noise.
    static let boundaryTolerance = 1e-7

    /// Where `point` lies relative to a closed ring: on an edge first (so the answer is the same
    /// whichever way the ring runs), else by the crossing number of a ray towards +longitude.
    static func locate(_ point: Coordinate, in ring: [Coordinate]) -> Location {
        let x = point.longitude, y = point.latitude
        var inside = false
        for (a, b) in zip(ring, ring.dropFirst()) {
            if isOnSegment(point, a, b) { return .boundary }
            // Half-open rule on latitude: each vertex is counted for exactly one of its edges.
            if (a.latitude > y) != (b.latitude > y) {
                let crossing = a.longitude + (y - a.latitude) / (b.latitude - a.latitude) * (b.longitude - a.longitude)
                if crossing > x { inside.toggle() }
            }
        }
        return inside ? .inside : .outside
    }

    static func isOnSegment(_ p: Coordinate, _ a: Coordinate, _ b: Coordinate) -> Bool {
        let dx = b.longitude - a.longitude, dy = b.latitude - a.latitude
        let lengthSquared = dx * dx + dy * dy
        let t = lengthSquared == 0 ? 0 : max(0, min(1, ((p.longitude - a.longitude) * dx + (p.latitude - a.latitude) * dy) / lengthSquared))
        let ex = a.longitude + t * dx - p.longitude, ey = a.latitude + t * dy - p.latitude
        return ex * ex + ey * ey <= boundaryTolerance * boundaryTolerance
    }
}
