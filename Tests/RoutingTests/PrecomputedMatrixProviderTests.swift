import Geo
import Testing
@testable import Routing

@Suite struct PrecomputedMatrixProviderTests {
    let points = [Coordinate(longitude: 10.62, latitude: 59.90), Coordinate(longitude: 10.84, latitude: 59.93),
                  Coordinate(longitude: 10.61, latitude: 59.895), Coordinate(longitude: 10.63, latitude: 59.90)]

    @Test func answersAnySubsetAsTheProviderWould() throws {
        let provider = GreatCircleMatrixProvider()
        let precomputed = try PrecomputedMatrixProvider(points: points, profiles: [.car, .bike], provider: provider)
        for subset in [[points[2], points[0]], [points[3], points[1], points[2]], [points[0]], []] {
            for profile in [TravelProfile.car, .bike] {
                let expected = try provider.matrix(for: subset, profile: profile)
                let answered = try precomputed.matrix(for: subset, profile: profile)
                #expect(answered.count == expected.count)
                #expect(answered.distances == expected.distances && answered.durations == expected.durations)
            }
        }
        #expect(try precomputed.matrix(for: [points[1], points[1]], profile: .car).distance(0, 1) == 0, "a repeated point")
        #expect(precomputed.matrix(for: .bike)?.count == points.count)
    }

    @Test func refusesPointsAndProfilesItDoesNotCover() throws {
        let precomputed = try PrecomputedMatrixProvider(points: points, profiles: [.car], provider: GreatCircleMatrixProvider())
        let elsewhere = Coordinate(longitude: 5.32, latitude: 60.39)
        let error = #expect(throws: ProblemError.self) { try precomputed.matrix(for: [points[0], elsewhere], profile: .car) }
        #expect(error?.description.contains("not among the 4 points") == true)
        #expect(throws: ProblemError.self) { try precomputed.matrix(for: [points[0]], profile: .bike) }
        #expect(precomputed.matrix(for: .bike) == nil)
    }

    @Test func passesOnTheAttributionOfItsData() throws {
        struct Licensed: TravelMatrixProvider {
            func matrix(for coordinates: [Coordinate], profile: TravelProfile) throws -> TravelMatrix {
                try GreatCircleMatrixProvider().matrix(for: coordinates, profile: profile)
            }
            var attribution: String? { "© someone" }
        }
        #expect(try PrecomputedMatrixProvider(points: points, profiles: [.car], provider: Licensed()).attribution == "© someone")
        #expect(try PrecomputedMatrixProvider(points: points, profiles: [.car], provider: GreatCircleMatrixProvider()).attribution == nil)
    }
}
