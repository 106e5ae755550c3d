import Foundation
import Geo
import Routing
import Store
import Zones

/// The hub's own trips into zones, derived from its routes when they are dispatched: nobody
/// types a manifest for a vehicle whose load the platform knows parcel by parcel.
enum HubTrips {
    /// Declares and judges the trips a route makes into the current zones, as its operator's,
    /// with source `plan`: entry at the planned arrival at its first stop inside, the load still
    /// on board then, the distinct recipients inside. Parcels announced without dimensions count
    /// as `RouteTrips.assumedParcelVolumeM3` each. Runs in the dispatch's transaction.
    @discardableResult
    static func declare(routeId: String, operatorId: String, plateKey: PlateKey, store: Store, at time: Date) async throws -> [ZoneTripRecord] {
        let catalogue = try await ZoneCatalogue.current(store)
        // Vehicle types are checked when vehicles are added, so every stored type is a category.
        guard !catalogue.isEmpty, let fleet = try await store.routeVehicle(routeId), let category = VehicleCategory(rawValue: fleet.vehicleType) else {
            return []
        }
        let vehicle = ZoneVehicle.typical(of: category, payloadKg: Double(fleet.capacityKg), parcelCapacity: fleet.capacityParcels)
        let stops = try await store.routeTripStops(routeId).map { stop in
            RouteTrips.Stop(position: Coordinate(longitude: stop.longitude, latitude: stop.latitude), recipientId: stop.recipientId, parcels: stop.parcels,
                            volumeM3: stop.measuredVolumeM3 + Double(stop.unmeasured) * RouteTrips.assumedParcelVolumeM3, weightKg: stop.weightKg,
                            arrival: Date(epochMilliseconds: stop.eta))
        }
        let plateHash = fleet.registration.flatMap(plateKey.hash)
        let declarations = RouteTrips.declarations(routeId: routeId, operatorId: operatorId, vehicle: vehicle, plateHash: plateHash, stops: stops,
                                                   zones: catalogue.map(\.zone))
        guard !declarations.isEmpty else { return [] }
        return try await store.declareTrips(try await ZonesController.judged(declarations, catalogue: catalogue, source: "plan", store: store, now: time))
    }
}
