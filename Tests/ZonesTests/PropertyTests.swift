import Foundation
import Geo
import Testing
@testable import Zones

/// Invariants over many generated trips and shapes (seeded, so a failure replays).
@Suite struct PropertyTests {
    static let categories = ZoneVehicle.Category.allCases

    static func randomTrips(_ count: Int, seed: UInt64) -> [ZoneTrip] { SampleZone.trips(count, seed: seed) }

    static func randomClass(_ g: inout SeededGenerator) -> VehicleClass {
        VehicleClass(categories: Set(categories.filter { _ in Bool.random(using: &g) }), zeroEmissionOnly: Bool.random(using: &g),
                     maxGrossWeightKg: Bool.random(using: &g) ? Double.random(in: 500...30_000, using: &g) : nil,
                     maxLengthM: Bool.random(using: &g) ? Double.random(in: 3...14, using: &g) : nil)
    }

    @Test func addingAnAllowedVehicleClassNeverMakesACompliantTripNonCompliant() throws {
        var g = SeededGenerator(seed: 7)
        let trips = Self.randomTrips(4000, seed: 11)
        for variant in 0..<25 {
            var zone = Fixtures.fornebu
            zone.allowedVehicles = (0..<Int.random(in: 1...3, using: &g)).map { _ in Self.randomClass(&g) }
            var wider = zone
            wider.allowedVehicles.append(Self.randomClass(&g))
            let before = try ZoneRules(zone), after = try ZoneRules(wider)
            for trip in trips {
                let a = before.check(trip), b = after.check(trip)
                if a.outcome == .compliant { #expect(b.outcome == .compliant, "variant \(variant), \(trip.id)") }
                // Never a reason more: the wider list only removes the vehicle-class one.
                #expect(Set(b.violations.map(\.code)).isSubset(of: Set(a.violations.map(\.code))))
            }
        }
    }

    @Test func theOrderPoliciesAreWrittenInDoesNotChangeAVerdict() throws {
        var g = SeededGenerator(seed: 3)
        let trips = Self.randomTrips(3000, seed: 5)
        let rules = try ZoneRules(Fixtures.fornebu)
        for _ in 0..<5 {
            var shuffled = Fixtures.fornebu
            shuffled.policies.shuffle(using: &g)
            let other = try ZoneRules(shuffled)
            for trip in trips { #expect(rules.check(trip) == other.check(trip)) }
        }
    }

    @Test func aPermitNeverTurnsACompliantTripIntoAnythingElse() throws {
        let rules = try ZoneRules(Fixtures.fornebu)
        let permit = Permit(id: "P", zoneId: "fornebu-sentrum", operatorId: "carrier-a", validFrom: at("2026-01-01T00:00:00+01:00"),
                            validUntil: at("2027-01-01T00:00:00+01:00"), waives: Set(ViolationCode.allCases))
        for trip in Self.randomTrips(3000, seed: 9) {
            let without = rules.check(trip), with = rules.check(trip, permits: [permit])
            #expect(with.violations == without.violations)
            switch without.outcome {
            case .compliant, .notInForce: #expect(with.outcome == without.outcome)
            case .nonCompliant: #expect(with.outcome == (trip.operatorId == "carrier-a" ? .exempt : .nonCompliant))
            case .exempt: Issue.record("no permit was given")
            }
        }
    }

    /// Points on edges belong to the area whichever way the ring runs and wherever it starts,
    /// and to both of two zones that share the edge.
    @Test func aPointOnAnEdgeIsClassifiedConsistently() {
        var g = SeededGenerator(seed: 21)
        for _ in 0..<300 {
            // A random star-shaped polygon around a centre near Oslo; no gap between corners reaches
            // half a turn, so the centre is inside.
            let centre = Coordinate(longitude: Double.random(in: 10.5...10.9, using: &g), latitude: Double.random(in: 59.8...60.0, using: &g))
            let n = Int.random(in: 4...12, using: &g)
            let corners = (0..<n).map { k -> Coordinate in
                let angle = (Double(k) + Double.random(in: 0.3...0.7, using: &g)) / Double(n) * 2 * .pi
                let radius = Double.random(in: 0.005...0.05, using: &g)
                return Coordinate(longitude: centre.longitude + radius * cos(angle), latitude: centre.latitude + radius * sin(angle))
            }
            let forwards = corners + [corners[0]]
            let backwards = Array(forwards.reversed())
            let shift = Int.random(in: 0..<n, using: &g)
            let rotated = Array(corners[shift...] + corners[..<shift]) + [corners[shift]]
            let areas = [forwards, backwards, rotated].map { ZoneArea(polygons: [[$0]]) }
            for k in 0..<n {
                let a = corners[k], b = corners[(k + 1) % n]
                for t in [0.0, 0.25, 0.5, 0.9, 1.0] {
                    let p = Coordinate(longitude: a.longitude + t * (b.longitude - a.longitude), latitude: a.latitude + t * (b.latitude - a.latitude))
                    for area in areas { #expect(area.contains(p), "edge \(k) at \(t)") }
                }
            }
            // The centre is inside, a point beyond the largest radius is not, in every spelling.
            let outside = Coordinate(longitude: centre.longitude + 0.2, latitude: centre.latitude)
            for area in areas {
                #expect(area.contains(centre))
                #expect(!area.contains(outside))
            }
        }
        // Two squares sharing the edge at longitude 10.62: its points are in both.
        let west = ZoneArea(polygons: [[ring([(10.60, 59.90), (10.62, 59.90), (10.62, 59.92), (10.60, 59.92)])]])
        let east = ZoneArea(polygons: [[ring([(10.62, 59.90), (10.64, 59.90), (10.64, 59.92), (10.62, 59.92)])]])
        for latitude in stride(from: 59.90, through: 59.92, by: 0.001) {
            let p = Coordinate(longitude: 10.62, latitude: latitude)
            #expect(west.contains(p) && east.contains(p))
        }
        #expect(!west.contains(Coordinate(longitude: 10.6201, latitude: 59.91)) && east.contains(Coordinate(longitude: 10.6201, latitude: 59.91)))
    }

    @Test func holesAreOutsideButTheirEdgesAreIn() {
        let area = ZoneArea(polygons: [[ring([(10.60, 59.90), (10.64, 59.90), (10.64, 59.92), (10.60, 59.92)]),
                                        ring([(10.61, 59.905), (10.63, 59.905), (10.63, 59.915), (10.61, 59.915)])]])
        #expect(!area.contains(Coordinate(longitude: 10.62, latitude: 59.91)))
        #expect(area.contains(Coordinate(longitude: 10.605, latitude: 59.91)))
        #expect(area.contains(Coordinate(longitude: 10.61, latitude: 59.91)))
    }
}

@Suite struct LengthInsideTests {
    /// The sample zone is the box 10.60–10.64 °E, 59.89–59.91 °N.
    @Test func onlyThePartInsideCounts() throws {
        let area = SampleZone.fornebu.area
        let west = Coordinate(longitude: 10.58, latitude: 59.90), inWest = Coordinate(longitude: 10.60, latitude: 59.90)
        let inEast = Coordinate(longitude: 10.64, latitude: 59.90), east = Coordinate(longitude: 10.66, latitude: 59.90)
        let across = inWest.greatCircleDistance(to: inEast)
        // A line through the zone: only the 0.04° of longitude inside (about 2.2 km at 59.9 °N).
        #expect(abs(area.lengthInside([west, east]) - across) < 0.5)
        #expect(abs(across - 2230) < 20)
        // Entirely outside, entirely inside, and in and out again with a bend.
        #expect(area.lengthInside([Coordinate(longitude: 10.5, latitude: 59.95), Coordinate(longitude: 10.7, latitude: 59.95)]) == 0)
        let a = Coordinate(longitude: 10.61, latitude: 59.895), b = Coordinate(longitude: 10.62, latitude: 59.905)
        #expect(abs(area.lengthInside([a, b]) - a.greatCircleDistance(to: b)) < 1e-6)
        let out = Coordinate(longitude: 10.62, latitude: 59.93)
        let expected = a.greatCircleDistance(to: b) + b.greatCircleDistance(to: Coordinate(longitude: 10.62, latitude: 59.91))
        #expect(abs(area.lengthInside([a, b, out]) - expected) < 0.5)
        #expect(area.lengthInside([a]) == 0 && area.lengthInside([]) == 0)
    }
}
