import Geo

/// A zone (e.g. Fornebu, or a consolidation zone) as a polygon ring in [lon, lat].
public struct Zone: Sendable {
    public var ring: [Coordinate]

    public init(ring: [Coordinate]) { self.ring = ring }

    /// Even-odd rule, treating degrees as plane coordinates (fine at city scale).
    public func contains(_ point: Coordinate) -> Bool {
        var inside = false
        var j = ring.count - 1
        for i in 0..<ring.count {
            let a = ring[i], b = ring[j]
            if (a.latitude > point.latitude) != (b.latitude > point.latitude) {
                let x = (b.longitude - a.longitude) * (point.latitude - a.latitude) / (b.latitude - a.latitude) + a.longitude
                if point.longitude < x { inside.toggle() }
            }
            j = i
        }
        return inside
    }

    /// Samples taken along a leg to measure how much of it lies in the zone.
    static let samples = 20

    /// Share of the straight line from `a` to `b` inside the zone, and how many times it enters.
    public func share(from a: Coordinate, to b: Coordinate) -> (inside: Double, entries: Int) {
        var insideCount = 0, entries = 0
        var wasInside = contains(a)
        for k in 0..<Zone.samples {
            let t = (Double(k) + 0.5) / Double(Zone.samples)
            let point = Coordinate(longitude: a.longitude + t * (b.longitude - a.longitude), latitude: a.latitude + t * (b.latitude - a.latitude))
            let isInside = contains(point)
            if isInside { insideCount += 1 }
            if isInside && !wasInside { entries += 1 }
            wasInside = isInside
        }
        return (Double(insideCount) / Double(Zone.samples), entries)
    }
}
