import Geo

extension ZoneArea {
    /// Metres of `path` (a line of positions, e.g. a route's) inside the area or on its boundary:
    /// each segment is cut where it crosses an edge of any ring, and a piece counts when its
    /// midpoint is inside. Lengths are great-circle distances.
    public func lengthInside(_ path: [Coordinate]) -> Double {
        let edges = polygons.flatMap { polygon in polygon.flatMap { ring in zip(ring, ring.dropFirst()).map { ($0, $1) } } }
        var metres = 0.0
        for (a, b) in zip(path, path.dropFirst()) {
            let box = BoundingBox([a, b])
            guard box.west <= bounds.east, box.east >= bounds.west, box.south <= bounds.north, box.north >= bounds.south else { continue }
            var cuts: [Double] = [0, 1]
            for (c, d) in edges {
                if let t = Self.crossing(a, b, c, d) { cuts.append(t) }
            }
            cuts.sort()
            for (t0, t1) in zip(cuts, cuts.dropFirst()) where t1 > t0 {
                let p = Self.along(a, b, t0), q = Self.along(a, b, t1)
                if contains(Self.along(a, b, (t0 + t1) / 2)) { metres += p.greatCircleDistance(to: q) }
            }
        }
        return metres
    }

    /// Where on `a`–`b` (0…1) the segment `c`–`d` crosses it, in longitude/latitude; nil when
    /// they do not meet or run parallel.
    private static func crossing(_ a: Coordinate, _ b: Coordinate, _ c: Coordinate, _ d: Coordinate) -> Double? {
        let rx = b.longitude - a.longitude, ry = b.latitude - a.latitude
        let sx = d.longitude - c.longitude, sy = d.latitude - c.latitude
        let denominator = rx * sy - ry * sx
        guard abs(denominator) > 1e-18 else { return nil }
        let qx = c.longitude - a.longitude, qy = c.latitude - a.latitude
        let t = (qx * sy - qy * sx) / denominator, u = (qx * ry - qy * rx) / denominator
        return (0...1).contains(t) && (0...1).contains(u) ? t : nil
    }

    private static func along(_ a: Coordinate, _ b: Coordinate, _ t: Double) -> Coordinate {
        Coordinate(longitude: a.longitude + (b.longitude - a.longitude) * t, latitude: a.latitude + (b.latitude - a.latitude) * t)
    }
}
