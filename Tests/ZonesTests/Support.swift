import Foundation
import Geo
import Routing
@testable import Zones

/// An instant from an ISO 8601 date-time with its offset (the tests write Oslo's own offsets).
func at(_ text: String) -> Date {
    guard let date = ISO8601DateTime.parse(text)?.date else { fatalError("bad test date \(text)") }
    return date
}

/// A closed ring from corners, in [longitude, latitude].
func ring(_ corners: [(Double, Double)]) -> [Coordinate] {
    let points = corners.map { Coordinate(longitude: $0.0, latitude: $0.1) }
    return points + [points[0]]
}

enum Vehicles {
    static let dieselVan = ZoneVehicle(category: .van, zeroEmission: false, grossWeightKg: 3500, lengthM: 6.0, volumeCapacityM3: 12, payloadKg: 1000, parcelCapacity: 120)
    static let electricVan = ZoneVehicle(category: .van, zeroEmission: true, grossWeightKg: 3500, lengthM: 5.5, volumeCapacityM3: 10, payloadKg: 800, parcelCapacity: 100)
    static let cargoBike = ZoneVehicle(category: .cargoBike, zeroEmission: true, grossWeightKg: 250, lengthM: 2.5, volumeCapacityM3: 1.5, payloadKg: 150)
    static let truck = ZoneVehicle(category: .truck, zeroEmission: false, grossWeightKg: 18000, lengthM: 10, volumeCapacityM3: 40, payloadKg: 9000)
    static let electricTruck = ZoneVehicle(category: .truck, zeroEmission: true, grossWeightKg: 16000, lengthM: 9, volumeCapacityM3: 35, payloadKg: 7000)
    static let heavyTruck = ZoneVehicle(category: .heavyTruck, zeroEmission: false, grossWeightKg: 26000, lengthM: 12, volumeCapacityM3: 50, payloadKg: 14000)
}

/// A consolidation zone over Fornebu's centre with the rules the tests compute by hand:
/// - vehicles up to 18 t and 12 m may enter at all;
/// - `holiday-closed` (priority 0): no entry on public holidays;
/// - `night-quiet` (1): no trucks 23:00–06:00;
/// - `hub-window` (1): cargo bikes and light electric vehicles free on workdays 07:00–16:00, holidays excluded;
/// - `consolidated-day` (2): Monday–Saturday 06:00–18:00, at least 60 % by volume or 50 % by weight and three recipients;
/// - `zero-emission-evening` (3): zero-emission vehicles 18:00–23:00 with two recipients;
/// - otherwise no entry.
enum Fixtures {
    static let fornebuArea = ZoneArea(polygons: [[ring([(10.60, 59.89), (10.64, 59.89), (10.64, 59.91), (10.60, 59.91)])]])

    static let fornebu = Zone(
        id: "fornebu-sentrum", name: "Fornebu sentrum", version: 3, validFrom: at("2026-01-01T00:00:00+01:00"), area: fornebuArea,
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

    /// One window, 02:00–03:00 every day, to watch the changes to and from summer time.
    static let nightWindow = Zone(
        id: "night-window", name: "Night window", validFrom: at("2026-01-01T00:00:00+01:00"), area: fornebuArea,
        policies: [ZonePolicy(id: "two-to-three", priority: 1, timeSpans: [TimeSpan(start: LocalTime(hour: 2), end: LocalTime(hour: 3))], access: .allowed)],
        defaultAccess: .forbidden)

    /// Certified consolidators only, at most eight recipients a trip.
    static let lysaker = Zone(
        id: "lysaker-gate", name: "Lysaker gågate", validFrom: at("2026-01-01T00:00:00+01:00"), area: fornebuArea,
        policies: [ZonePolicy(id: "certified", priority: 1, access: .allowed,
                              consolidation: ConsolidationRequirement(maximumRecipients: 8, certifiedConsolidatorsOnly: true))],
        certifiedConsolidators: ["fornebu-hub"])
}

func trip(_ id: String, _ vehicle: ZoneVehicle, _ entry: String, volume: Double = 0, weight: Double = 0, parcels: Int = 0, recipients: Int, operator operatorId: String = "carrier-a") -> ZoneTrip {
    ZoneTrip(id: id, operatorId: operatorId, vehicle: vehicle, entry: at(entry),
             manifest: Manifest(parcels: parcels, volumeM3: volume, weightKg: weight, recipientsInZone: recipients))
}

/// A small deterministic generator (SplitMix64), so property tests replay.
struct SeededGenerator: RandomNumberGenerator {
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
