import Geo

/// What is wrong with a zone's geometry, named so the author can find it: the ring, the
/// position and the reason.
public struct GeometryProblem: Error, Equatable, Sendable, CustomStringConvertible {
    /// Where in the geometry, e.g. `polygon 0, ring 1, position 4`.
    public var location: String
    public var reason: String
    public var description: String { location.isEmpty ? reason : "\(location): \(reason)" }
}

/// The part of the world zones are expected in, checked so that a file written latitude-first
/// (a common mistake: `[59.9, 10.7]` for Oslo) is caught instead of placing the zone in the sea
/// off Somalia.
public struct ExpectedRegion: Sendable, Hashable {
    public var name: String
    public var boxes: [BoundingBox]

    public init(name: String, boxes: [BoundingBox]) {
        self.name = name
        self.boxes = boxes
    }

    /// Mainland Norway and Svalbard.
    public static let norway = ExpectedRegion(name: "Norway", boxes: [
        BoundingBox(west: 4.0, south: 57.8, east: 31.3, north: 71.3),
        BoundingBox(west: 10.0, south: 74.0, east: 34.0, north: 81.0),
    ])

    /// Anywhere (no region check).
    public static let world = ExpectedRegion(name: "the world", boxes: [BoundingBox(west: -180, south: -90, east: 180, north: 90)])

    public func contains(_ point: Coordinate) -> Bool { boxes.contains { $0.contains(point) } }
}

extension ZoneArea {
    /// An area from GeoJSON polygons after checking each ring: at least four positions, closed,
    /// valid WGS 84 values, inside `region` (with swapped longitude and latitude named as such),
    /// and not crossing itself.
    public static func validated(_ polygons: [[[Coordinate]]], region: ExpectedRegion = .norway) throws(GeometryProblem) -> ZoneArea {
        guard !polygons.isEmpty else { throw GeometryProblem(location: "", reason: "the geometry has no polygon") }
        for (p, polygon) in polygons.enumerated() {
            guard !polygon.isEmpty else { throw GeometryProblem(location: "polygon \(p)", reason: "a polygon needs an exterior ring") }
            for (r, ring) in polygon.enumerated() {
                try validate(ring: ring, at: "polygon \(p), ring \(r)", region: region)
            }
        }
        return ZoneArea(polygons: polygons)
    }

    /// A single position (an event's location) checked as ring positions are.
    public static func validated(point: Coordinate, region: ExpectedRegion = .norway) throws(GeometryProblem) -> Coordinate {
        guard point.isValid else { throw GeometryProblem(location: "", reason: "\(point) is not a WGS 84 longitude/latitude") }
        guard region.contains(point) else { throw GeometryProblem(location: "", reason: outside(point, region)) }
        return point
    }

    /// Why `point` is not in `region`, naming swapped longitude and latitude where that explains it.
    private static func outside(_ point: Coordinate, _ region: ExpectedRegion) -> String {
        let swapped = Coordinate(longitude: point.latitude, latitude: point.longitude)
        return region.contains(swapped)
            ? "\(point) lies outside \(region.name), but \(swapped) lies inside: longitude and latitude look swapped (GeoJSON positions are [longitude, latitude])"
            : "\(point) lies outside \(region.name)"
    }

    private static func validate(ring: [Coordinate], at location: String, region: ExpectedRegion) throws(GeometryProblem) {
        for (i, point) in ring.enumerated() where !point.isValid {
            throw GeometryProblem(location: "\(location), position \(i)", reason: "\(point) is not a WGS 84 longitude/latitude")
        }
        guard ring.count >= 4 else {
            throw GeometryProblem(location: location, reason: "a ring needs at least four positions (three corners and the first again); found \(ring.count)")
        }
        guard ring.first == ring.last else {
            throw GeometryProblem(location: location, reason: "the ring is not closed: its last position \(ring[ring.count - 1]) differs from its first \(ring[0])")
        }
        if let i = ring.firstIndex(where: { !region.contains($0) }) {
            throw GeometryProblem(location: "\(location), position \(i)", reason: outside(ring[i], region))
        }
        var corners: [Coordinate] = []
        for point in ring where point != corners.last { corners.append(point) }
        guard corners.count >= 4 else { throw GeometryProblem(location: location, reason: "the ring has fewer than three distinct corners") }
        let edges = corners.count - 1
        for i in 0..<edges {
            for j in (i + 1)..<edges {
                let adjacent = j == i + 1 || (i == 0 && j == edges - 1)
                if adjacent {
                    // Neighbouring edges meet at their shared corner; they must not fold back over each other.
                    if overlapsBeyondSharedCorner(corners[i], corners[i + 1], corners[j], corners[j + 1]) {
                        throw GeometryProblem(location: "\(location), edges \(i) and \(j)", reason: "the ring doubles back on itself")
                    }
                } else if segmentsIntersect(corners[i], corners[i + 1], corners[j], corners[j + 1]) {
                    throw GeometryProblem(location: "\(location), edges \(i) and \(j)", reason: "the ring crosses itself (edge \(i) from \(corners[i]) meets edge \(j) from \(corners[j]))")
                }
            }
        }
    }

    private static func orientation(_ a: Coordinate, _ b: Coordinate, _ c: Coordinate) -> Double {
        (b.longitude - a.longitude) * (c.latitude - a.latitude) - (b.latitude - a.latitude) * (c.longitude - a.longitude)
    }

    static func segmentsIntersect(_ a: Coordinate, _ b: Coordinate, _ c: Coordinate, _ d: Coordinate) -> Bool {
        let o1 = orientation(a, b, c), o2 = orientation(a, b, d), o3 = orientation(c, d, a), o4 = orientation(c, d, b)
        if ((o1 > 0 && o2 < 0) || (o1 < 0 && o2 > 0)) && ((o3 > 0 && o4 < 0) || (o3 < 0 && o4 > 0)) { return true }
        return Ring.isOnSegment(c, a, b) || Ring.isOnSegment(d, a, b) || Ring.isOnSegment(a, c, d) || Ring.isOnSegment(b, c, d)
    }

    private static func overlapsBeyondSharedCorner(_ a: Coordinate, _ b: Coordinate, _ c: Coordinate, _ d: Coordinate) -> Bool {
        // The far end of one edge lying on the other means the two run over each other.
        let shared: Coordinate, farFirst: Coordinate, farSecond: Coordinate
        if b == c { shared = b; farFirst = a; farSecond = d } else { shared = a; farFirst = b; farSecond = c }
        return Ring.isOnSegment(farSecond, farFirst, shared) || Ring.isOnSegment(farFirst, shared, farSecond)
    }
}
