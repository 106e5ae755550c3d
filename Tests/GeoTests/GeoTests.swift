import Foundation
import Testing
@testable import Geo

@Suite struct CoordinateTests {
    @Test func greatCircleDistanceMatchesKnownValues() {
        // One degree of latitude is about 111.2 km on the mean-radius sphere: 6371.0088 km × π/180.
        let a = Coordinate(longitude: 10, latitude: 59), b = Coordinate(longitude: 10, latitude: 60)
        #expect(abs(a.greatCircleDistance(to: b) - 111_195.08) < 1)
        // Oslo S to Lysaker station: about 6.6 km apart.
        let osloS = Coordinate(longitude: 10.755399, latitude: 59.910818), lysaker = Coordinate(longitude: 10.637254, latitude: 59.913508)
        #expect(abs(osloS.greatCircleDistance(to: lysaker) - 6_600) < 100)
        #expect(a.greatCircleDistance(to: a) == 0)
    }

    @Test func decodesAndEncodesGeoJSONPositions() throws {
        let coordinate = try JSONDecoder().decode(Coordinate.self, from: Data("[10.62, 59.9]".utf8))
        #expect(coordinate == Coordinate(longitude: 10.62, latitude: 59.9))
        #expect(String(decoding: try JSONEncoder().encode(coordinate), as: UTF8.self) == "[10.62,59.9]")
        // A third value (altitude) is allowed by RFC 7946 and ignored.
        #expect(try JSONDecoder().decode(Coordinate.self, from: Data("[10, 59, 120]".utf8)).latitude == 59)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Coordinate.self, from: Data("[10]".utf8)) }
        #expect(!Coordinate(longitude: 190, latitude: 0).isValid)
    }

    @Test func writesFeatureCollections() throws {
        let collection = GeoJSON.FeatureCollection(features: [
            GeoJSON.Feature(geometry: .lineString([Coordinate(longitude: 1, latitude: 2), Coordinate(longitude: 3, latitude: 4)]), properties: ["route": .integer(1)]),
        ], attribution: "© OpenStreetMap contributors")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(collection), as: UTF8.self)
        #expect(json == #"{"attribution":"© OpenStreetMap contributors","features":[{"geometry":{"coordinates":[[1,2],[3,4]],"type":"LineString"},"properties":{"route":1},"type":"Feature"}],"type":"FeatureCollection"}"#)
    }
}
