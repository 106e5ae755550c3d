import Geo
import Testing
@testable import Routing

/// Road distances where the road data reaches, estimates for every pair touching a point it
/// does not.
@Suite struct FallbackMatrixProviderTests {
    /// A "road network" that covers only points south of 60° N and doubles the estimate.
    struct SouthernRoads: TravelMatrixProvider {
        struct Outside: Error {}
        func matrix(for coordinates: [Coordinate], profile: TravelProfile) throws -> TravelMatrix {
            guard coordinates.allSatisfy({ $0.latitude < 60 }) else { throw Outside() }
            let estimate = try GreatCircleMatrixProvider().matrix(for: coordinates, profile: profile)
            return TravelMatrix(count: estimate.count, distances: estimate.distances.map { $0 * 2 }, durations: estimate.durations.map { $0 * 2 })
        }
    }

    @Test func pairsInsideAreRoutedPairsTouchingAPointOutsideAreEstimated() throws {
        let points = [Coordinate(longitude: 10.6, latitude: 59.9), Coordinate(longitude: 10.7, latitude: 59.95), Coordinate(longitude: 10.8, latitude: 60.5)]
        let provider = FallbackMatrixProvider(primary: SouthernRoads())
        #expect(provider.outside(points, profile: .car) == [2])
        #expect(provider.outside(Array(points.prefix(2)), profile: .car).isEmpty)
        let mixed = try provider.matrix(for: points, profile: .car)
        let estimate = try GreatCircleMatrixProvider().matrix(for: points, profile: .car)
        #expect(mixed.distance(0, 1) == 2 * estimate.distance(0, 1) && mixed.distance(1, 0) == 2 * estimate.distance(1, 0))
        #expect(mixed.distance(0, 2) == estimate.distance(0, 2) && mixed.distance(2, 1) == estimate.distance(2, 1))
        #expect(mixed.duration(0, 1) == 2 * estimate.duration(0, 1) && mixed.duration(1, 2) == estimate.duration(1, 2))
    }
}
