import Domain
import Foundation
import Store
import Vapor

/// Aggregated figures per hub for municipalities (their area), hub operators (their hubs) and
/// admins. No figure is broken down by carrier, shipper or recipient, and a municipality gets
/// no figure of a hub and period to which fewer than three carriers contributed: with one or
/// two, each carrier could read the other's volumes off the totals.
struct StatsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("stats", use: stats)
    }

    /// The smallest number of carriers whose joint figures a municipality sees (`HubRules`).
    static let minimumCarriers = HubRules.minimumCarriers

    struct HubFigures: Content {
        var hubId: String
        var hubName: String
        var from: String
        var to: String
        /// True when the figures are withheld (left out) because fewer than three carriers contributed.
        var suppressed: Bool
        /// Parcels announced to the hub in the period.
        var parcelsAnnounced: Int?
        var parcelsDelivered: Int?
        var parcelsFailed: Int?
        /// Visits to recipients on dispatched routes.
        var stops: Int?
        var parcelsPerStop: Double?
        var routesDriven: Int?
        var distanceKm: Double?
        /// Distance per vehicle type (e-van, e-cargo-bike, …).
        var distanceKmByVehicleType: [String: Double]?
        /// Carriers whose parcels went through the hub; shown only from three on, so no single carrier can be singled out.
        var carriers: String
    }

    struct StatsView: Content {
        var hubs: [HubFigures]
    }

    func stats(_ request: Request) async throws -> StatsView {
        let caller = try request.requireCaller()
        let store = Store(request.db)
        let hubs: [HubRecord]
        switch HubRules.figures(caller.principal) {
        case .allHubs: hubs = try await store.hubs()
        case .hubsInMunicipality(let municipality): hubs = try await store.hubs(.inMunicipality(municipality))
        case .hubsOperatedBy(let operatorId): hubs = try await store.hubs(.operatedBy(operatorId))
        case .refused(let reason): throw Problem.forbidden(reason)
        }
        let to = try request.query.get(String?.self, at: "to")
        let from = try request.query.get(String?.self, at: "from")
        var figures: [HubFigures] = []
        for hub in hubs {
            let last = to ?? Wire.today(in: hub.zone)
            let first = from ?? last
            let start = Wire.midnight(of: try Wire.operatingDay(first, field: "from", in: hub.zone, pastDays: 3660), in: hub.zone)
            let end = Wire.midnight(of: try Wire.operatingDay(last, field: "to", in: hub.zone, pastDays: 3660), in: hub.zone).addingTimeInterval(86_400)
            guard start < end else { throw Problem.badRequest("from: must not be after 'to'") }
            let totals = try await store.totals(ofHub: hub.id, from: start, to: end)
            let (distances, carriers, stops) = (totals.distances, totals.carriers, totals.stops)
            let km = distances.reduce(0) { $0 + $1.metres } / 1000
            let carrierCount = carriers >= Self.minimumCarriers ? String(carriers) : "fewer than \(Self.minimumCarriers)"
            if HubRules.withholdsFigures(from: caller.principal, carriers: carriers) {
                figures.append(HubFigures(hubId: hub.id, hubName: hub.name, from: first, to: last, suppressed: true, carriers: carrierCount))
                continue
            }
            figures.append(HubFigures(
                hubId: hub.id, hubName: hub.name, from: first, to: last, suppressed: false,
                parcelsAnnounced: totals.parcelsAnnounced, parcelsDelivered: totals.parcelsDelivered, parcelsFailed: totals.parcelsFailed, stops: stops,
                parcelsPerStop: stops == 0 ? 0 : (Double(totals.parcelsOnRoutes) / Double(stops) * 100).rounded() / 100,
                routesDriven: distances.reduce(0) { $0 + $1.routes }, distanceKm: (km * 10).rounded() / 10,
                distanceKmByVehicleType: Dictionary(firstWins: distances.map { ($0.vehicleType, ($0.metres / 100).rounded() / 10) }),
                carriers: carrierCount))
        }
        return StatsView(hubs: figures)
    }
}
