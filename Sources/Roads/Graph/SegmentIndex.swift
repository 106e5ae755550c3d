import Geo

/// Where a coordinate meets the road network: the nearest point on a road segment between
/// graph nodes `from` and `to`, at `fraction` of the way from `from`.
public struct Snap: Sendable, Equatable {
    public var from: Int
    public var to: Int
    public var fraction: Double
    /// Metres between the coordinate and the road.
    public var distance: Double
    public var point: Coordinate
}

/// A grid over the graph's road segments (about 100 m cells in a local flat projection) for
/// finding the nearest road to a coordinate.
struct SegmentIndex: Sendable {
    private let origin: Coordinate
    private let metresPerDegreeLongitude: Double
    private static let metresPerDegreeLatitude = 111_195.0
    private static let cellSize = 100.0
    private let cells: [Int64: [Int32]]
    /// Undirected segments (node pairs) between nodes of the allowed components.
    private let segments: [(Int32, Int32)]
    private let coordinates: [Coordinate]

    init(graph: RoadGraph, allowed: (Int) -> Bool) {
        coordinates = graph.coordinates
        let latitudes = graph.coordinates.map(\.latitude)
        let longitudes = graph.coordinates.map(\.longitude)
        origin = Coordinate(longitude: longitudes.min() ?? 0, latitude: latitudes.min() ?? 0)
        let middle = ((latitudes.min() ?? 0) + (latitudes.max() ?? 0)) / 2
        metresPerDegreeLongitude = SegmentIndex.metresPerDegreeLatitude * cos(middle * .pi / 180)
        var seen = Set<Int64>(), segments: [(Int32, Int32)] = [], cells: [Int64: [Int32]] = [:]
        for node in 0..<graph.nodeCount where allowed(node) {
            for edge in graph.edges(from: node) {
                let target = Int(graph.edgeTargets[edge])
                guard allowed(target) else { continue }
                let (a, b) = (min(node, target), max(node, target))
                guard seen.insert(Int64(a) << 32 | Int64(b)).inserted else { continue }
                let id = Int32(segments.count)
                segments.append((Int32(a), Int32(b)))
                let p = Self.project(graph.coordinates[a], origin, metresPerDegreeLongitude)
                let q = Self.project(graph.coordinates[b], origin, metresPerDegreeLongitude)
                for x in Self.cell(min(p.x, q.x))...Self.cell(max(p.x, q.x)) {
                    for y in Self.cell(min(p.y, q.y))...Self.cell(max(p.y, q.y)) { cells[Self.key(x, y), default: []].append(id) }
                }
            }
        }
        self.segments = segments
        self.cells = cells
    }

    var isEmpty: Bool { segments.isEmpty }

    private static func project(_ c: Coordinate, _ origin: Coordinate, _ mx: Double) -> (x: Double, y: Double) {
        ((c.longitude - origin.longitude) * mx, (c.latitude - origin.latitude) * metresPerDegreeLatitude)
    }
    private static func cell(_ value: Double) -> Int { Int((value / cellSize).rounded(.down)) }
    private static func key(_ x: Int, _ y: Int) -> Int64 { Int64(x) << 32 | Int64(UInt32(bitPattern: Int32(truncatingIfNeeded: y))) }

    /// The nearest segment within `maximumDistance` metres, or nil.
    func nearest(to coordinate: Coordinate, maximumDistance: Double) -> Snap? {
        let p = Self.project(coordinate, origin, metresPerDegreeLongitude)
        let cx = Self.cell(p.x), cy = Self.cell(p.y)
        var best: (distance: Double, segment: Int32, fraction: Double)?
        let rings = Int((maximumDistance / Self.cellSize).rounded(.up)) + 1
        for ring in 0...rings {
            // Anything in a farther ring is at least (ring - 1) cells away.
            if let best, Double(ring - 1) * Self.cellSize > best.distance { break }
            for x in (cx - ring)...(cx + ring) {
                for y in (cy - ring)...(cy + ring) where abs(x - cx) == ring || abs(y - cy) == ring {
                    for id in cells[Self.key(x, y)] ?? [] {
                        let (a, b) = segments[Int(id)]
                        let pa = Self.project(coordinates[Int(a)], origin, metresPerDegreeLongitude)
                        let pb = Self.project(coordinates[Int(b)], origin, metresPerDegreeLongitude)
                        let dx = pb.x - pa.x, dy = pb.y - pa.y
                        let length2 = dx * dx + dy * dy
                        let t = length2 > 0 ? min(1, max(0, ((p.x - pa.x) * dx + (p.y - pa.y) * dy) / length2)) : 0
                        let ex = pa.x + t * dx - p.x, ey = pa.y + t * dy - p.y
                        let distance = (ex * ex + ey * ey).squareRoot()
                        if best == nil || distance < best!.distance || (distance == best!.distance && id < best!.segment) {
                            best = (distance, id, t)
                        }
                    }
                }
            }
        }
        guard let best, best.distance <= maximumDistance else { return nil }
        let (a, b) = segments[Int(best.segment)]
        let ca = coordinates[Int(a)], cb = coordinates[Int(b)]
        let point = Coordinate(longitude: ca.longitude + best.fraction * (cb.longitude - ca.longitude),
                               latitude: ca.latitude + best.fraction * (cb.latitude - ca.latitude))
        return Snap(from: Int(a), to: Int(b), fraction: best.fraction, distance: point.greatCircleDistance(to: coordinate), point: point)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
