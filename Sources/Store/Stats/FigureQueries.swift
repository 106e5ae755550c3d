import Foundation
import SQLKit

/// A hub's totals over a period, before any rule decides who may see them.
public struct HubTotals: Sendable {
    public var parcelsAnnounced: Int
    public var parcelsDelivered: Int
    public var parcelsFailed: Int
    /// Stops and parcels on routes dispatched in the period.
    public var stops: Int
    public var parcelsOnRoutes: Int
    /// Per vehicle type: metres driven and routes.
    public var distances: [(vehicleType: String, metres: Double, routes: Int)]
    /// Carriers with parcels announced to the hub in the period.
    public var carriers: Int
}

/// Aggregated figures of hubs, never broken down by party. A hub's events of a period are one
/// range of the (hub, type, time) index.
extension Store {
    /// The hub's totals for events and dispatched routes in [start, end).
    public func totals(ofHub hubId: String, from start: Date, to end: Date) async throws -> HubTotals {
        let (start, end) = (start.epochMilliseconds, end.epochMilliseconds)
        func parcels(with type: String) async throws -> Int {
            try await count("""
                SELECT COUNT(DISTINCT e.barcode) AS n FROM parcel_events e
                WHERE e.hub_id = \(bind: hubId) AND e.type = \(bind: type) AND e.occurred_at >= \(bind: start) AND e.occurred_at < \(bind: end)
                """)
        }
        let routeFilter: SQLQueryString = """
            r.hub_id = \(bind: hubId) AND r.dispatched_at IS NOT NULL AND r.departure >= \(bind: start) AND r.departure < \(bind: end)
            """
        struct Distance: Decodable { var vehicleType: String; var metres: Double; var routes: Int }
        let distances: [Distance] = try await rows("""
            SELECT r.vehicle_type, SUM(r.distance_m) AS metres, COUNT(*) AS routes FROM routes r WHERE \(routeFilter) GROUP BY r.vehicle_type ORDER BY r.vehicle_type
            """)
        return HubTotals(
            parcelsAnnounced: try await parcels(with: "announced"), parcelsDelivered: try await parcels(with: "delivered"),
            parcelsFailed: try await parcels(with: "failed"),
            stops: try await count("SELECT COUNT(*) AS n FROM route_stops rs JOIN routes r ON r.id = rs.route_id WHERE \(routeFilter)"),
            parcelsOnRoutes: try await count("SELECT COUNT(*) AS n FROM stop_parcels sp JOIN routes r ON r.id = sp.route_id WHERE \(routeFilter)"),
            distances: distances.map { ($0.vehicleType, $0.metres, $0.routes) },
            carriers: try await count("""
                SELECT COUNT(DISTINCT (SELECT p.carrier_id FROM parcels p WHERE p.barcode = e.barcode)) AS n FROM parcel_events e
                WHERE e.hub_id = \(bind: hubId) AND e.type = 'announced' AND e.occurred_at >= \(bind: start) AND e.occurred_at < \(bind: end)
                """))
    }
}
