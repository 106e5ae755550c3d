import Foundation
import Geo

/// A zone to try the rules on without data of one's own: the demo, `samlast zones bench` and the
/// tests use it.
public enum SampleZone {
    static let area: ZoneArea = {
        let corners = [(10.60, 59.89), (10.64, 59.89), (10.64, 59.91), (10.60, 59.91), (10.60, 59.89)]
        return ZoneArea(polygons: [[corners.map { Coordinate(longitude: $0.0, latitude: $0.1) }]])
    }()

    /// A consolidation zone over Fornebu's centre (a box around Snarøyveien and the hub), rules
    /// from 1 January 2026 (Oslo), the ones the tests' verdicts are computed by hand from:
    /// - vehicles up to 18 t and 12 m may enter at all;
    /// - `holiday-closed` (priority 0): no entry on public holidays;
    /// - `night-quiet` (1): no trucks 23:00–06:00;
    /// - `hub-window` (1): cargo bikes and light electric vehicles free on workdays 07:00–16:00, holidays excluded;
    /// - `consolidated-day` (2): Monday–Saturday 06:00–18:00, at least 60 % by volume or 50 % by weight and three recipients;
    /// - `zero-emission-evening` (3): zero-emission vehicles 18:00–23:00 with two recipients;
    /// - otherwise no entry.

    public static let fornebu = Zone(
        id: "fornebu-sentrum", name: "Fornebu sentrum", version: 3, validFrom: Date(timeIntervalSince1970: 1_767_222_000), area: area,
        allowedVehicles: [VehicleClass(maxGrossWeightKg: 18000, maxLengthM: 12)],
        policies: [
            ZonePolicy(id: "consolidated-day", name: "Consolidated deliveries", priority: 2,
                       timeSpans: [TimeSpan(days: [.mon, .tue, .wed, .thu, .fri, .sat], start: LocalTime(hour: 6), end: LocalTime(hour: 18))],
                       access: .allowed,
                       consolidation: ConsolidationRequirement(minimumFill: [FillThreshold(.volume, 0.6), FillThreshold(.weight, 0.5)], minimumRecipients: 3)),
            ZonePolicy(id: "zero-emission-evening", priority: 3, timeSpans: [TimeSpan(start: LocalTime(hour: 18), end: LocalTime(hour: 23))],
                       vehicles: [VehicleClass(zeroEmissionOnly: true)], access: .allowed,
                       consolidation: ConsolidationRequirement(minimumRecipients: 2)),
            ZonePolicy(id: "night-quiet", priority: 1, timeSpans: [TimeSpan(start: LocalTime(hour: 23), end: LocalTime(hour: 6))],
                       vehicles: [VehicleClass(categories: [.truck, .heavyTruck])], access: .forbidden),
            ZonePolicy(id: "holiday-closed", priority: 0, timeSpans: [TimeSpan(holidays: .only, start: LocalTime(hour: 0), end: LocalTime(minutes: 1440))],
                       access: .forbidden),
            ZonePolicy(id: "hub-window", priority: 1,
                       timeSpans: [TimeSpan(days: Weekday.workdays, holidays: .excluded, start: LocalTime(hour: 7), end: LocalTime(hour: 16))],
                       vehicles: [VehicleClass(categories: [.cargoBike, .lightElectric])], access: .allowed),
        ],
        defaultAccess: .forbidden,
        automaticPermits: [AutomaticPermitRule(name: "Zero-emission fill relief", waives: [.fillBelowMinimum], vehicles: VehicleClass(zeroEmissionOnly: true), maximumDays: 90)])

    /// `count` trips into `fornebu` drawn from `seed`: vehicles of every category, entries over
    /// 2026, loads up to full, up to twelve recipients, three operators.
    public static func trips(_ count: Int, seed: UInt64) -> [ZoneTrip] {
        var g = SplitMix64(seed: seed)
        let start = fornebu.validFrom.timeIntervalSince1970
        return (0..<count).map { i in
            let vehicle = randomVehicle(&g)
            return ZoneTrip(id: "t\(i)", operatorId: ["carrier-a", "carrier-b", "fornebu-hub"].randomElement(using: &g) ?? "carrier-a", vehicle: vehicle,
                            entry: Date(timeIntervalSince1970: start + Double.random(in: 0...(365 * 86_400), using: &g)),
                            manifest: Manifest(parcels: Int.random(in: 0...300, using: &g), volumeM3: Double.random(in: 0...vehicle.volumeCapacityM3, using: &g),
                                               weightKg: Double.random(in: 0...vehicle.payloadKg, using: &g), recipientsInZone: Int.random(in: 0...12, using: &g)))
        }
    }

    static func randomVehicle(_ g: inout SplitMix64) -> ZoneVehicle {
        let gross = Double.random(in: 200...30_000, using: &g)
        return ZoneVehicle(category: ZoneVehicle.Category.allCases.randomElement(using: &g) ?? .van, zeroEmission: Bool.random(using: &g), grossWeightKg: gross,
                           lengthM: Double.random(in: 2...14, using: &g), volumeCapacityM3: Double.random(in: 1...60, using: &g),
                           payloadKg: gross * 0.4, parcelCapacity: Bool.random(using: &g) ? Int.random(in: 20...400, using: &g) : nil)
    }
}

/// A small deterministic generator (SplitMix64), so generated trips replay.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
