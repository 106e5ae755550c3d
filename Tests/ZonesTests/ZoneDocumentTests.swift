import Foundation
import Geo
import Testing
@testable import Zones

/// Zones as GeoJSON: what is written reads back the same, and what cannot be a zone is refused
/// with the feature and the reason.
@Suite struct ZoneDocumentTests {
    @Test func writtenZonesReadBackIdentically() throws {
        let zones = [Fixtures.fornebu, Fixtures.lysaker, Fixtures.nightWindow]
        let first = ZoneDocument.write(zones)
        let read = try ZoneDocument.read(first)
        #expect(read == zones)
        #expect(ZoneDocument.write(read) == first)
    }

    static func document(_ geometry: String, properties: String = #"{"name": "Z", "validFrom": "2026-01-01T00:00:00+01:00", "policies": []}"#) -> Data {
        let ok = #"{"type": "Feature", "id": "ok", "geometry": {"type": "Polygon", "coordinates": [[[10.6, 59.9], [10.7, 59.9], [10.7, 60.0], [10.6, 59.9]]]}, "properties": {"name": "OK", "validFrom": "2026-01-01T00:00:00+01:00", "policies": []}}"#
        return Data(#"{"type": "FeatureCollection", "features": [\#(ok), {"type": "Feature", "id": "bad", "geometry": \#(geometry), "properties": \#(properties)}]}"#.utf8)
    }

    @Test(arguments: [
        (#"{"type": "Polygon", "coordinates": [[[10.6, 59.9], [10.7, 59.9], [10.7, 60.0], [10.6, 60.0]]]}"#, "polygon 0, ring 0: the ring is not closed"),
        (#"{"type": "Polygon", "coordinates": [[[10.6, 59.9], [10.7, 60.0], [10.7, 59.9], [10.6, 60.0], [10.6, 59.9]]]}"#, "polygon 0, ring 0, edges 0 and 2: the ring crosses itself"),
        (#"{"type": "Polygon", "coordinates": [[[59.9, 10.6], [59.9, 10.7], [60.0, 10.7], [59.9, 10.6]]]}"#, "longitude and latitude look swapped"),
        (#"{"type": "Polygon", "coordinates": [[[-73.98, 40.76], [-73.97, 40.76], [-73.97, 40.77], [-73.98, 40.76]]]}"#, "lies outside Norway"),
        (#"{"type": "Polygon", "coordinates": [[[10.6, 59.9], [10.7, 59.9], [10.6, 59.9]]]}"#, "a ring needs at least four positions"),
        (#"{"type": "Polygon", "coordinates": [[[10.6, 59.9], [10.7, 59.9], [10.8, 59.9], [10.6, 59.9]]]}"#, "doubles back"),
        (#"{"type": "Polygon", "coordinates": [[[10.6, 95.0], [10.7, 59.9], [10.7, 60.0], [10.6, 95.0]]]}"#, "position 0: [10.6, 95.0] is not a WGS 84"),
        (#"{"type": "LineString", "coordinates": [[10.6, 59.9], [10.7, 59.9]]}"#, "a zone is a Polygon or MultiPolygon, not a LineString"),
    ])
    func badGeometryIsRefusedWithTheFeatureAndTheReason(geometry: String, reason: String) {
        #expect {
            try ZoneDocument.read(Self.document(geometry))
        } throws: { error in
            guard let problem = error as? ZoneDocument.Problem else { return false }
            return problem.featureIndex == 1 && problem.description.contains(reason)
        }
    }

    @Test func badRulesAreRefusedWithTheirPath() {
        let square = #"{"type": "Polygon", "coordinates": [[[10.6, 59.9], [10.7, 59.9], [10.7, 60.0], [10.6, 59.9]]]}"#
        let cases: [(String, String)] = [
            (#"{"name": "Z", "validFrom": "2026-01-01T00:00:00+01:00", "policies": [{"id": "p", "priority": 1, "acess": "allowed"}]}"#, "unknown field 'acess'"),
            (#"{"name": "Z", "validFrom": "2026-01-01", "policies": []}"#, "validFrom"),
            (#"{"name": "Z", "validFrom": "2026-01-01T00:00:00+01:00", "policies": [{"id": "p", "priority": 1, "access": "allowed", "timeSpans": [{"start": "25:00", "end": "06:00"}]}]}"#, "is not a time of day"),
            (#"{"name": "Z", "validFrom": "2026-01-01T00:00:00+01:00", "policies": [{"id": "p", "priority": 1, "access": "allowed", "consolidation": {"minimumFill": [{"measure": "volume", "minimumShare": 60}]}}]}"#, "minimumShare must be above 0 and at most 1"),
            (#"{"name": "Z", "validFrom": "2026-01-01T00:00:00+01:00", "policies": [{"id": "p", "priority": 1, "access": "allowed"}, {"id": "p", "priority": 2, "access": "forbidden"}]}"#, "'p' is used twice"),
            (#"{"name": "Z", "validFrom": "2026-01-01T00:00:00+01:00", "timeZone": "Europe/Olso", "policies": []}"#, "not an IANA time zone"),
        ]
        for (properties, reason) in cases {
            #expect {
                try ZoneDocument.read(Self.document(square, properties: properties))
            } throws: { error in
                guard let problem = error as? ZoneDocument.Problem else { return false }
                return problem.featureIndex == 1 && problem.description.contains(reason)
            }
        }
    }
}
