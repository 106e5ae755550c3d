/// Lines drawn from legs: a route's line on a map or in GeoJSON is its legs (stop to stop,
/// along roads where there are road data) joined end to end.
public enum Polyline {
    /// The legs as one line. A leg usually starts where the one before it ended; such a shared
    /// point, and any point equal to the one before it, is kept once. Empty legs add nothing.
    public static func joining(_ legs: [[Coordinate]]) -> [Coordinate] {
        var line: [Coordinate] = []
        for leg in legs {
            for point in leg where point != line.last { line.append(point) }
        }
        return line
    }

    /// A line through `points` in order, each leg drawn by `leg` (say, along the roads a
    /// vehicle may use) or straight where it gives nil. Every leg starts and ends at the
    /// points themselves, also where `leg` starts or ends where it snapped them to a road.
    public static func through(_ points: [Coordinate], leg: (Coordinate, Coordinate) -> [Coordinate]?) -> [Coordinate] {
        guard points.count > 1 else { return points }
        return joining(zip(points, points.dropFirst()).map { from, to in [from] + (leg(from, to) ?? []) + [to] })
    }
}
