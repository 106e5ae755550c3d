import Geo

/// A primary provider (a road network) where it reaches, great-circle estimates elsewhere: a
/// pair of points both of which the primary routes gets its distance, any pair touching a point
/// it cannot (a depot outside the road data, say) the estimate. `outside` says which points
/// those are, so that results can state it.
public struct FallbackMatrixProvider: TravelMatrixProvider {
    public let primary: any TravelMatrixProvider
    public let fallback: any TravelMatrixProvider

    public init(primary: any TravelMatrixProvider, fallback: any TravelMatrixProvider = GreatCircleMatrixProvider()) {
        self.primary = primary
        self.fallback = fallback
    }

    public var attribution: String? { primary.attribution }

    /// The indices of `coordinates` the primary cannot route for `profile`.
    public func outside(_ coordinates: [Coordinate], profile: TravelProfile) -> [Int] {
        (try? primary.matrix(for: coordinates, profile: profile)) != nil ? [] : pointsOutside(coordinates, profile: profile)
    }

    /// Each point tried on its own.
    private func pointsOutside(_ coordinates: [Coordinate], profile: TravelProfile) -> [Int] {
        coordinates.indices.filter { (try? primary.matrix(for: [coordinates[$0]], profile: profile)) == nil }
    }

    public func matrix(for coordinates: [Coordinate], profile: TravelProfile) throws -> TravelMatrix {
        if let routed = try? primary.matrix(for: coordinates, profile: profile) { return routed }
        let outside = Set(pointsOutside(coordinates, profile: profile))
        guard !outside.isEmpty else { return try primary.matrix(for: coordinates, profile: profile) }
        let estimate = try fallback.matrix(for: coordinates, profile: profile)
        let inside = coordinates.indices.filter { !outside.contains($0) }
        guard inside.count > 1 else { return estimate }
        let routed = try primary.matrix(for: inside.map { coordinates[$0] }, profile: profile)
        var distances = estimate.distances, durations = estimate.durations
        let n = coordinates.count
        for (a, i) in inside.enumerated() {
            for (b, j) in inside.enumerated() {
                distances[i * n + j] = routed.distance(a, b)
                durations[i * n + j] = routed.duration(a, b)
            }
        }
        return TravelMatrix(count: n, distances: distances, durations: durations)
    }
}
