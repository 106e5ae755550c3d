import Foundation
import Geo

/// The trips a driven or planned route makes into zones: what the hub declares for its own
/// vehicles without anyone typing a manifest. A route enters a zone at its first stop inside
/// it; the manifest is what is still on board then (the parcels of that stop and every later
/// one), and the recipients are the distinct ones served at its stops inside the zone.
public enum RouteTrips {
    /// The volume a parcel announced without dimensions is taken to fill: a 40 × 30 × 25 cm
    /// carton, a common parcel-carrier size (documented in docs/zones.md).
    public static let assumedParcelVolumeM3 = 0.03

    /// A stop of a route: where, whom, what is handed over, and when (arrival, planned or as recorded).
    public struct Stop: Hashable, Sendable {
        public var position: Coordinate
        public var recipientId: String
        public var parcels: Int
        public var volumeM3: Double
        public var weightKg: Double
        public var arrival: Date

        public init(position: Coordinate, recipientId: String, parcels: Int, volumeM3: Double, weightKg: Double, arrival: Date) {
            self.position = position
            self.recipientId = recipientId
            self.parcels = parcels
            self.volumeM3 = volumeM3
            self.weightKg = weightKg
            self.arrival = arrival
        }
    }

    /// One declaration per zone the route's stops reach, in the order of the zones given; the
    /// trip id is `routeId/zoneId` (a `/` no declared id may hold, so they never collide). A route that leaves a zone and comes back is one
    /// trip into it, with the load on board at its first entry (the stricter reading of a fill rule
    /// would be the later entry; the first is what a camera at the boundary sees first).
    public static func declarations(routeId: String, operatorId: String, vehicle: ZoneVehicle, plateHash: String? = nil, stops: [Stop],
                                    zones: [Zone]) -> [TripDeclaration] {
        zones.compactMap { zone in
            let inside = stops.indices.filter { zone.area.contains(stops[$0].position) }
            guard let first = inside.first else { return nil }
            let onBoard = stops[first...]
            let manifest = Manifest(parcels: onBoard.reduce(0) { $0 + $1.parcels }, volumeM3: onBoard.reduce(0) { $0 + $1.volumeM3 },
                                    weightKg: onBoard.reduce(0) { $0 + $1.weightKg }, recipientsInZone: Set(inside.map { stops[$0].recipientId }).count)
            return TripDeclaration(zoneId: zone.id, trip: ZoneTrip(id: "\(routeId)/\(zone.id)", operatorId: operatorId, vehicle: vehicle, plateHash: plateHash,
                                                                  entry: stops[first].arrival, manifest: manifest))
        }
    }
}
