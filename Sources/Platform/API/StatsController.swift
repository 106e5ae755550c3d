import Domain
import Foundation
import SQLKit
import Vapor

/// Aggregated figures per hub for municipalities (their area), hub operators (their hubs) and
/// admins. No figure is broken down by carrier, shipper or recipient, and a municipality gets
/// no figure of a hub and period to which fewer than three carriers contributed: with one or
/// two, each carrier could read the other's volumes off the totals.
struct StatsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("stats", use: stats)
    }

    /// The smallest number of carriers whose joint figures a municipality sees.
    static let minimumCarriers = 3

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
        case .allHubs: hubs = try await store.rows("SELECT * FROM hubs ORDER BY id")
        case .hubsInMunicipality(let municipality): hubs = try await store.rows("SELECT * FROM hubs WHERE municipality_id = \(bind: municipality) ORDER BY id")
        case .hubsOperatedBy(let operatorId): hubs = try await store.rows("SELECT * FROM hubs WHERE operator_id = \(bind: operatorId) ORDER BY id")
        case .refused(let reason): throw Problem.forbidden(reason)
        }
        let to = try request.query.get(String?.self, at: "to")
        let from = try request.query.get(String?.self, at: "from")
        var figures: [HubFigures] = []
        for hub in hubs {
            let last = to ?? Wire.today(in: hub.zone)
            let first = from ?? last
            let start = Wire.midnight(of: try Wire.operatingDay(first, field: "from", in: hub.zone, pastDays: 3660), in: hub.zone).epochMilliseconds
            let end = Wire.midnight(of: try Wire.operatingDay(last, field: "to", in: hub.zone, pastDays: 3660), in: hub.zone).epochMilliseconds + 86_400_000
            guard start < end else { throw Problem.badRequest("from: must not be after 'to'") }
            func events(_ type: String) async throws -> Int {
                try await store.count("""
                    SELECT COUNT(DISTINCT e.barcode) AS n FROM parcel_events e JOIN parcels p ON p.barcode = e.barcode
                    WHERE p.hub_id = \(bind: hub.id) AND e.type = \(bind: type) AND e.occurred_at >= \(bind: start) AND e.occurred_at < \(bind: end)
                    """)
            }
            let routeFilter: SQLQueryString = """
                r.hub_id = \(bind: hub.id) AND r.dispatched_at IS NOT NULL AND r.departure >= \(bind: start) AND r.departure < \(bind: end)
                """
            struct Distance: Decodable { var vehicleType: String; var metres: Double; var routes: Int }
            let distances: [Distance] = try await store.rows("""
                SELECT r.vehicle_type, SUM(r.distance_m) AS metres, COUNT(*) AS routes FROM routes r WHERE \(routeFilter) GROUP BY r.vehicle_type
                """)
            let stops = try await store.count("SELECT COUNT(*) AS n FROM route_stops rs JOIN routes r ON r.id = rs.route_id WHERE \(routeFilter)")
            let parcelsOnRoutes = try await store.count("SELECT COUNT(*) AS n FROM stop_parcels sp JOIN routes r ON r.id = sp.route_id WHERE \(routeFilter)")
            let carriers = try await store.count("""
                SELECT COUNT(DISTINCT p.carrier_id) AS n FROM parcels p JOIN parcel_events e ON e.barcode = p.barcode
                WHERE p.hub_id = \(bind: hub.id) AND e.type = 'announced' AND e.occurred_at >= \(bind: start) AND e.occurred_at < \(bind: end)
                """)
            let km = distances.reduce(0) { $0 + $1.metres } / 1000
            let carrierCount = carriers >= Self.minimumCarriers ? String(carriers) : "fewer than \(Self.minimumCarriers)"
            if caller.organisation.kind == .municipality && carriers < Self.minimumCarriers {
                figures.append(HubFigures(hubId: hub.id, hubName: hub.name, from: first, to: last, suppressed: true, carriers: carrierCount))
                continue
            }
            figures.append(HubFigures(
                hubId: hub.id, hubName: hub.name, from: first, to: last, suppressed: false,
                parcelsAnnounced: try await events("announced"), parcelsDelivered: try await events("delivered"),
                parcelsFailed: try await events("failed"), stops: stops,
                parcelsPerStop: stops == 0 ? 0 : (Double(parcelsOnRoutes) / Double(stops) * 100).rounded() / 100,
                routesDriven: distances.reduce(0) { $0 + $1.routes }, distanceKm: (km * 10).rounded() / 10,
                distanceKmByVehicleType: Dictionary(firstWins: distances.map { ($0.vehicleType, ($0.metres / 100).rounded() / 10) }),
                carriers: carrierCount))
        }
        return StatsView(hubs: figures)
    }
}
