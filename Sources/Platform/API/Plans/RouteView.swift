import Domain
import Foundation
import Store
import Vapor

/// A stop of a route as the API shows it.
struct StopView: Content {
    var index: Int
    var siteId: String
    var name: String
    var address: String
    var location: [Double]
    var eta: String
    var parcels: [String]
    /// pending, delivered, failed or partly delivered — from the parcels' events.
    var state: String
    var accessNotes: String?
    /// The loading bay to park at for this stop (the driver walks to the site): within 200 m,
    /// open to the vehicle at the arrival, with a space free in its slots when the route was planned.
    /// The driver books it (`POST /v1/bays/{bay}/bookings`) on the way.
    var bayId: String?
}

/// A route with its stops, as plans, dispatch and drivers' manifests show it.
struct RouteView: Content {
    var id: String
    var planId: String
    var vehicleId: String
    var vehicleType: String
    var departure: String
    var returnTime: String
    var distanceKm: Double
    var loadKg: Double
    var parcelCount: Int
    var driverId: String?
    var dispatchedAt: String?
    var stops: [StopView]

    init(_ route: RouteRecord) {
        let zone = TimeZone(identifier: route.timeZone) ?? .gmt
        (id, planId, vehicleId, vehicleType) = (route.id, route.planId, route.vehicleId, route.vehicleType)
        (departure, returnTime) = (Wire.format(route.departure, in: zone), Wire.format(route.returnTime, in: zone))
        (distanceKm, loadKg, parcelCount) = ((route.distanceM / 100).rounded() / 10, route.loadKg, route.parcelCount)
        (driverId, dispatchedAt) = (route.driverId, route.dispatchedAt.map { Wire.format($0, in: zone) })
        stops = route.stops.map { stop in
            StopView(index: stop.stopIndex, siteId: stop.siteId, name: stop.name, address: stop.address, location: [stop.longitude, stop.latitude],
                     eta: Wire.format(stop.eta, in: zone), parcels: stop.parcels.map(\.barcode), state: stop.state.rawValue, accessNotes: stop.accessNotes,
                     bayId: stop.bayId)
        }
    }
}

extension RouteView {
    /// One route by id (whose access was checked).
    static func load(_ id: String, store: Store) async throws -> RouteView {
        guard let route = try await store.routes(.route(id)).first else { throw Problem.notFound("route '\(id)'") }
        return RouteView(route)
    }
}
