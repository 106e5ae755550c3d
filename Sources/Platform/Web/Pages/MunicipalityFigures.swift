import Pages
import Vapor

/// The municipality's figures: the API's aggregated statistics as a table, withheld where
/// fewer than three carriers contributed.
enum MunicipalityFigures {
    static func show(_ request: Request) async throws -> Response {
        guard let caller = request.caller else { return WebPage.redirect("/login") }
        let stats = try await StatsController().stats(request)
        return WebPage.respond(MunicipalityPage(
            organisationName: caller.organisation.displayName,
            minimumCarriers: StatsController.minimumCarriers,
            hubs: stats.hubs.map { hub in
                HubFigures(hubName: hub.hubName, from: hub.from, to: hub.to, withheld: hub.suppressed, parcelsAnnounced: hub.parcelsAnnounced,
                           parcelsDelivered: hub.parcelsDelivered, parcelsFailed: hub.parcelsFailed, stops: hub.stops,
                           parcelsPerStop: hub.parcelsPerStop, routesDriven: hub.routesDriven, distanceKm: hub.distanceKm,
                           distanceByVehicleType: (hub.distanceKmByVehicleType ?? [:]).sorted { $0.key < $1.key }
                               .map { VehicleDistance(vehicleType: $0.key, km: $0.value) },
                           carriers: hub.carriers)
            }), to: request)
    }
}
