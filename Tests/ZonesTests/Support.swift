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

/// Zones the tests compute by hand; the Fornebu one is the library's sample (its rules are listed there).
enum Fixtures {
    static let fornebuArea = SampleZone.fornebu.area
    static let fornebu = SampleZone.fornebu

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

typealias SeededGenerator = SplitMix64
