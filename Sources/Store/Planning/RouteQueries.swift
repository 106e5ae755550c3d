import Domain
import Foundation
import SQLKit

/// Routes with their stops and parcels, dispatch to drivers, and storing a solved plan.
extension Store {
    /// Which routes a list holds.
    public enum Routes: Sendable {
        case ofPlan(String)
        case route(String)
        /// The routes dispatched to a driver.
        case drivenBy(String)

        var condition: SQLQueryString {
            switch self {
            case .ofPlan(let plan): "r.plan_id = \(bind: plan)"
            case .route(let id): "r.id = \(bind: id)"
            case .drivenBy(let account): "r.driver_id = \(bind: account) AND r.dispatched_at IS NOT NULL"
            }
        }
    }

    /// The routes, by departure, each with its stops in order and their parcels' states.
    public func routes(_ selection: Routes) async throws -> [RouteRecord] {
        var routes: [RouteRecord] = try await rows("""
            SELECT r.*, h.time_zone FROM routes r JOIN hubs h ON h.id = r.hub_id WHERE \(selection.condition) ORDER BY r.departure, r.vehicle_id
            """)
        guard !routes.isEmpty else { return [] }
        let ids = routes.map(\.id)
        let stops: [StopRecord] = try await rows("""
            SELECT rs.route_id, rs.stop_index, rs.site_id, rs.eta, rs.bay_id, s.name, s.address, s.longitude, s.latitude, s.access_notes
            FROM route_stops rs JOIN sites s ON s.id = rs.site_id WHERE rs.route_id IN (\(binds: ids)) ORDER BY rs.route_id, rs.stop_index
            """)
        struct StopParcel: Decodable { var routeId: String; var stopIndex: Int; var barcode: String; var status: String }
        let parcels: [StopParcel] = try await rows("""
            SELECT sp.route_id, sp.stop_index, sp.barcode, p.status FROM stop_parcels sp JOIN parcels p ON p.barcode = sp.barcode
            WHERE sp.route_id IN (\(binds: ids)) ORDER BY sp.barcode
            """)
        let parcelsByStop = Dictionary(grouping: parcels) { "\($0.routeId)#\($0.stopIndex)" }
        let stopsByRoute = Dictionary(grouping: stops.map { stop in
            var stop = stop
            stop.parcels = (parcelsByStop["\(stop.routeId)#\(stop.stopIndex)"] ?? []).map { ($0.barcode, ParcelStatus(rawValue: $0.status) ?? .announced) }
            return stop
        }, by: \.routeId)
        for index in routes.indices { routes[index].stops = stopsByRoute[routes[index].id] ?? [] }
        return routes
    }

    public func facts(ofRoute id: String) async throws -> RouteFacts? {
        try await facts(ofRoutes: [id])[id]
    }

    /// The facts of those of the routes `ids` that exist.
    public func facts(ofRoutes ids: [String]) async throws -> [String: RouteFacts] {
        guard !ids.isEmpty else { return [:] }
        let facts: [RouteFacts] = try await rows("""
            SELECT r.id, r.plan_id, r.hub_id, h.operator_id, r.driver_id, r.dispatched_at FROM routes r JOIN hubs h ON h.id = r.hub_id
            WHERE r.id IN (\(binds: ids))
            """)
        return Dictionary(facts.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The barcodes on a route, or on one of its stops.
    public func barcodes(onRoute id: String, stop: Int? = nil) async throws -> [String] {
        let onStop: SQLQueryString = stop.map { " AND stop_index = \(bind: $0)" } ?? ""
        return try await strings("SELECT barcode FROM stop_parcels WHERE route_id = \(bind: id)\(onStop) ORDER BY barcode", column: "barcode")
    }

    public func dispatch(route id: String, to driver: String, at time: Date) async throws {
        try await run("UPDATE routes SET driver_id = \(bind: driver), dispatched_at = \(bind: time.epochMilliseconds) WHERE id = \(bind: id)")
    }

    // MARK: Planning a day

    /// A hub's parcels that a plan of `date` may take: plannable, and due by then.
    public func plannableParcels(hubId: String, date: String) async throws -> [PlannableParcel] {
        try await rows("""
            SELECT p.barcode, p.shipment_id, p.carrier_id, p.recipient_id, p.site_id, p.hub_id, p.temperature, p.shipper_id, p.weight_kg, p.pallet
            FROM parcels p JOIN shipments s ON s.id = p.shipment_id
            WHERE p.hub_id = \(bind: hubId) AND p.status IN (\(binds: ParcelStatus.plannable.map(\.rawValue)))
              AND (s.delivery_date IS NULL OR s.delivery_date <= \(bind: date))
            ORDER BY p.barcode
            """)
    }

    /// The dispatched routes of a plan: id and vehicle.
    public func dispatchedRoutes(ofPlan plan: String) async throws -> [(id: String, vehicleId: String)] {
        struct Row: Decodable { var id: String; var vehicleId: String }
        let found: [Row] = try await rows("SELECT id, vehicle_id FROM routes WHERE plan_id = \(bind: plan) AND dispatched_at IS NOT NULL ORDER BY id")
        return found.map { ($0.id, $0.vehicleId) }
    }

    /// What became of a solved plan when it was stored.
    public enum PlanOutcome: String, Sendable {
        case done
        /// A route was dispatched while it was being solved: queued to be solved again.
        case requeued
        /// The worker lost its claim (its lease ran out and another took the plan).
        case lost
    }

    /// Stores a solved plan in one transaction: its routes, the dispatched routes of
    /// `previousPlan` (which must still be `fixedRouteIds`) carried over, parcels assigned.
    public func savePlan(_ job: PlanJob, worker: String, routes: [NewRoute], unassigned: [String], unassignedJSON: String,
                         previousPlan: String?, fixedRouteIds: Set<String>) async throws -> PlanOutcome {
        try await transaction { store in
            struct Owner: Decodable { var claimedBy: String?; var status: String }
            let owner: Owner? = try await store.row("SELECT claimed_by, status FROM plans WHERE id = \(bind: job.id)")
            guard owner?.claimedBy == worker, owner?.status == PlanStatus.running.rawValue else { return .lost }
            if let previousPlan {
                let dispatched = try await store.dispatchedRoutes(ofPlan: previousPlan).map(\.id)
                if Set(dispatched) != fixedRouteIds {
                    try await store.run("UPDATE plans SET status = 'queued', claimed_by = NULL WHERE id = \(bind: job.id)")
                    return .requeued
                }
                try await store.run("UPDATE routes SET plan_id = \(bind: job.id) WHERE plan_id = \(bind: previousPlan) AND dispatched_at IS NOT NULL")
            }
            for route in routes {
                try await store.run("""
                    INSERT INTO routes (id, plan_id, hub_id, vehicle_id, vehicle_type, departure, return_time, distance_m, load_kg, parcel_count, geometry)
                    VALUES (\(bind: route.id), \(bind: job.id), \(bind: job.hubId), \(bind: route.vehicleId), \(bind: route.vehicleType),
                            \(bind: route.departure), \(bind: route.returnTime), \(bind: route.distanceM), \(bind: route.loadKg),
                            \(bind: route.parcelCount), \(bind: route.geometry))
                    """)
                for (index, stop) in route.stops.enumerated() {
                    try await store.run("""
                        INSERT INTO route_stops (route_id, stop_index, site_id, eta, bay_id)
                        VALUES (\(bind: route.id), \(bind: index), \(bind: stop.siteId), \(bind: stop.eta), \(bind: stop.bayId))
                        """)
                    for barcode in stop.barcodes {
                        try await store.run("INSERT INTO stop_parcels (route_id, stop_index, barcode) VALUES (\(bind: route.id), \(bind: index), \(bind: barcode))")
                        try await store.run("UPDATE parcels SET route_id = \(bind: route.id) WHERE barcode = \(bind: barcode)")
                    }
                }
            }
            // In slices, within every database's limit of bound values per statement.
            for slice in Self.statements(unassigned) {
                try await store.run("UPDATE parcels SET route_id = NULL WHERE barcode IN (\(binds: Array(slice)))")
            }
            try await store.run("""
                UPDATE plans SET status = 'done', progress = 1, finished_at = \(bind: Date().epochMilliseconds), unassigned = \(bind: unassignedJSON)
                WHERE id = \(bind: job.id)
                """)
            return .done
        }
    }
}
