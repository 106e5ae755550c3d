import Foundation
import Geo

/// A curb event as Samlast reads it: what happened, where and when, the bay (CDS curb zone) and
/// the consolidation zone it happened in, and the vehicle by its plate's keyed hash only. The
/// plate, the fleet's vehicle id and the permit number are dropped on arrival.
public struct ObservedEvent: Hashable, Sendable, Codable {
    public var eventId: String
    public var type: CDS.Event.EventType
    public var time: Date
    public var position: Coordinate
    /// The bay (CDS curb zone) the source placed it in.
    public var curbZoneId: String?
    /// The consolidation zone whose area holds the position, if any.
    public var zoneId: String?
    /// Keyed hash of the licence plate read; nil when none was.
    public var plateHash: String?
    /// CDS vehicle type (`van`, `truck`, `freight`, `cargo_bicycle`, …).
    public var vehicleType: String?
    /// True when every propulsion the source saw is electric or human; nil when unknown.
    public var zeroEmission: Bool?
    /// A stop that blocks a traffic lane: double parking.
    public var blocksTraffic: Bool

    /// The event pseudonymised under `key`, placed in the first of `zones` that contains it.
    public init(_ event: CDS.Event, key: PlateKey, zones: [Zone]) {
        self.init(event, plateHash: event.plateHash(key), zoneId: zones.first { $0.area.contains(event.position) }?.id)
    }

    /// The event with its hash and zone as placed on arrival (a stored event has no plate left to hash).
    public init(_ event: CDS.Event, plateHash: String?, zoneId: String?) {
        eventId = event.eventId.lowercased()
        type = event.eventType
        time = event.time
        position = event.position
        curbZoneId = event.curbZoneId
        self.zoneId = zoneId
        self.plateHash = plateHash
        vehicleType = event.vehicleType
        zeroEmission = event.vehiclePropulsionTypes.flatMap { $0.isEmpty ? nil : $0.allSatisfy(["electric", "electric_assist", "human"].contains) }
        blocksTraffic = event.eventType == .parkStart && (event.vehicleBlockedLaneTypes ?? []).contains(where: CurbEvents.trafficLanes.contains)
    }
}

extension CDS.Event {
    /// The keyed hash of the licence plate. A fleet's own vehicle id is no plate: declarations
    /// name plates, so it could never match one, and it is dropped like the plate.
    public func plateHash(_ key: PlateKey) -> String? {
        vehicleLicensePlate.flatMap(key.hash)
    }

    /// The event without what identifies a vehicle: plate, external vehicle id
    /// and permit number.
    public var withoutVehicleIdentifiers: CDS.Event {
        var event = self
        event.vehicleLicensePlate = nil
        event.vehicleId = nil
        event.vehiclePermitNumber = nil
        return event
    }
}
