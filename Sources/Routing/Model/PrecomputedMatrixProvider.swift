import Geo

/// Travel matrices computed once over a fixed set of points, then answered from memory for
/// any of those points: a scenario plans hundreds of days over the same places, and asking a
/// road network (or a routing service) for every plan would cost more than the planning.
public struct PrecomputedMatrixProvider: TravelMatrixProvider {
    /// The points the matrices cover, in matrix order.
    public let points: [Coordinate]
    public let attribution: String?
    private let matrices: [TravelProfile: TravelMatrix]
    /// Where a point first occurs; a repeated point has the same travel from and to it.
    private let index: [Coordinate: Int]

    /// Asks `provider` once per profile for the matrix over all `points`.
    public init(points: [Coordinate], profiles: [TravelProfile], provider: any TravelMatrixProvider) throws {
        self.points = points
        attribution = provider.attribution
        var matrices: [TravelProfile: TravelMatrix] = [:]
        for profile in profiles where matrices[profile] == nil {
            matrices[profile] = try provider.matrix(for: points, profile: profile)
        }
        self.matrices = matrices
        index = Dictionary(points.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The matrix over all `points`, in their order; nil for a profile that was not computed.
    public func matrix(for profile: TravelProfile) -> TravelMatrix? { matrices[profile] }

    /// The matrix between `coordinates`, each of which must be one of `points`.
    public func matrix(for coordinates: [Coordinate], profile: TravelProfile) throws -> TravelMatrix {
        guard let full = matrices[profile] else { throw ProblemError("no \(profile.name) matrix was computed for these points") }
        var locations: [Int] = []
        for coordinate in coordinates {
            guard let location = index[coordinate] else { throw ProblemError("\(coordinate) is not among the \(points.count) points the matrices cover") }
            locations.append(location)
        }
        let k = locations.count
        var distances = [Double](repeating: 0, count: k * k), durations = distances
        for (i, a) in locations.enumerated() {
            for (j, b) in locations.enumerated() {
                distances[i * k + j] = full.distance(a, b)
                durations[i * k + j] = full.duration(a, b)
            }
        }
        return TravelMatrix(count: k, distances: distances, durations: durations)
    }
}
