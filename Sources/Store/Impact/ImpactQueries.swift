import Domain
import Foundation
import SQLKit

/// The hub's emission accounting: carriers' depots, the served parcels of a day, and the stored
/// computations (one revision per computation; old ones keep their numbers) with each
/// shipment's footprint.
extension Store {
    // MARK: Depots

    public func depot(of organisationId: String) async throws -> DepotRecord? {
        try await row("""
            SELECT organisation_id, longitude, latitude, vehicle_type, capacity_kg, capacity_parcels, updated_at
            FROM carrier_depots WHERE organisation_id = \(bind: organisationId)
            """)
    }

    public func depots(of organisationIds: [String]) async throws -> [DepotRecord] {
        guard !organisationIds.isEmpty else { return [] }
        return try await rows("""
            SELECT organisation_id, longitude, latitude, vehicle_type, capacity_kg, capacity_parcels, updated_at
            FROM carrier_depots WHERE organisation_id IN (\(binds: organisationIds)) ORDER BY organisation_id
            """)
    }

    /// Sets (or replaces) a carrier's depot.
    public func setDepot(_ depot: DepotRecord) async throws {
        try await transaction { store in
            try await store.run("DELETE FROM carrier_depots WHERE organisation_id = \(bind: depot.organisationId)")
            try await store.run("""
                INSERT INTO carrier_depots (organisation_id, longitude, latitude, vehicle_type, capacity_kg, capacity_parcels, updated_at)
                VALUES (\(bind: depot.organisationId), \(bind: depot.longitude), \(bind: depot.latitude), \(bind: depot.vehicleType),
                        \(bind: depot.capacityKg), \(bind: depot.capacityParcels), \(bind: depot.updatedAt))
                """)
        }
    }

    // MARK: A hub's day as served

    /// Every parcel delivered or attempted on a dispatched route of the hub's plans for `day`
    /// (by an event of that route, or of none), with its stop and the first such event's time,
    /// in route and stop order.
    public func servedParcels(hubId: String, day: String) async throws -> [ServedParcelRow] {
        try await rows("""
            SELECT r.id AS route_id, r.vehicle_id, r.departure, r.return_time, sp.stop_index, rs.site_id, p.barcode, p.shipment_id,
                   p.carrier_id, p.shipper_id, p.weight_kg, MIN(e.occurred_at) AS served_at
            FROM routes r JOIN plans pl ON pl.id = r.plan_id
            JOIN stop_parcels sp ON sp.route_id = r.id
            JOIN route_stops rs ON rs.route_id = sp.route_id AND rs.stop_index = sp.stop_index
            JOIN parcels p ON p.barcode = sp.barcode
            JOIN parcel_events e ON e.barcode = sp.barcode AND e.type IN ('delivered', 'failed') AND (e.route_id = r.id OR e.route_id IS NULL)
            WHERE pl.hub_id = \(bind: hubId) AND pl.plan_date = \(bind: day) AND r.dispatched_at IS NOT NULL
            GROUP BY r.id, r.vehicle_id, r.departure, r.return_time, sp.stop_index, rs.site_id, p.barcode, p.shipment_id, p.carrier_id,
                     p.shipper_id, p.weight_kg
            ORDER BY r.id, sp.stop_index, p.barcode
            """)
    }

    /// How many routes were dispatched for the hub's day, and the newest delivery or attempt
    /// recorded on them (0 without any).
    public func dispatchSummary(hubId: String, day: String) async throws -> (routes: Int, latestEvent: EpochMilliseconds) {
        struct Row: Decodable { var routes: Int; var latest: EpochMilliseconds? }
        let summary: Row? = try await row("""
            SELECT COUNT(DISTINCT r.id) AS routes,
                   (SELECT MAX(e.recorded_at) FROM parcel_events e JOIN stop_parcels sp ON sp.barcode = e.barcode
                    JOIN routes r2 ON r2.id = sp.route_id JOIN plans pl2 ON pl2.id = r2.plan_id
                    WHERE pl2.hub_id = \(bind: hubId) AND pl2.plan_date = \(bind: day) AND r2.dispatched_at IS NOT NULL
                      AND e.type IN ('delivered', 'failed')) AS latest
            FROM routes r JOIN plans pl ON pl.id = r.plan_id
            WHERE pl.hub_id = \(bind: hubId) AND pl.plan_date = \(bind: day) AND r.dispatched_at IS NOT NULL
            """)
        return (summary?.routes ?? 0, summary?.latest ?? 0)
    }

    /// The optimiser time of the hub's current plan for the day (what its counterfactual gets).
    public func planTimeLimit(hubId: String, day: String) async throws -> Double? {
        struct Row: Decodable { var timeLimit: Double }
        let plan: Row? = try await row("""
            SELECT time_limit FROM plans WHERE hub_id = \(bind: hubId) AND plan_date = \(bind: day) AND status = 'done'
            ORDER BY created_at DESC LIMIT 1
            """)
        return plan?.timeLimit
    }

    /// Hub days since `sinceDay` with deliveries or attempts recorded after the newest
    /// computation with `factorVersion` (or never computed with it).
    public func staleHubDays(sinceDay: String, factorVersion: String) async throws -> [StaleHubDay] {
        try await rows("""
            SELECT pl.hub_id, pl.plan_date AS day FROM plans pl
            JOIN routes r ON r.plan_id = pl.id AND r.dispatched_at IS NOT NULL
            JOIN stop_parcels sp ON sp.route_id = r.id
            JOIN parcel_events e ON e.barcode = sp.barcode AND e.type IN ('delivered', 'failed')
            WHERE pl.plan_date >= \(bind: sinceDay)
            GROUP BY pl.hub_id, pl.plan_date
            HAVING MAX(e.recorded_at) > COALESCE((SELECT MAX(d.events_through) FROM impact_days d
                                                  WHERE d.hub_id = pl.hub_id AND d.day = pl.plan_date AND d.factor_version = \(bind: factorVersion)), -1)
            ORDER BY pl.plan_date, pl.hub_id
            """)
    }

    // MARK: Computations

    /// Stores a computation as the day's next revision, with its footprints, in one transaction.
    @discardableResult
    public func saveImpactDay(_ day: NewImpactDay, id: String, at time: Date) async throws -> Int {
        try await transaction { store in
            let revision = try await store.count("SELECT COALESCE(MAX(revision), 0) + 1 AS n FROM impact_days WHERE hub_id = \(bind: day.hubId) AND day = \(bind: day.day)")
            try await store.run("""
                INSERT INTO impact_days (id, hub_id, day, revision, factor_version, method, status, error, carriers, document, events_through, computed_at)
                VALUES (\(bind: id), \(bind: day.hubId), \(bind: day.day), \(bind: revision), \(bind: day.factorVersion), \(bind: day.method),
                        \(bind: day.error == nil ? "computed" : "failed"), \(bind: day.error), \(bind: day.carriers), \(bind: day.document),
                        \(bind: day.eventsThrough), \(bind: time.epochMilliseconds))
                """)
            for footprint in day.footprints {
                try await store.run("""
                    INSERT INTO shipment_footprints (impact_day_id, shipment_id, carrier_id, shipper_id, hub_id, day, factor_version, revision, footprint)
                    VALUES (\(bind: id), \(bind: footprint.shipmentId), \(bind: footprint.carrierId), \(bind: footprint.shipperId), \(bind: day.hubId),
                            \(bind: day.day), \(bind: day.factorVersion), \(bind: revision), \(bind: footprint.footprint))
                    """)
            }
            return revision
        }
    }

    /// The newest computation of each of the hub's days in [from, to] made with `factorVersion`.
    public func impactDays(hubId: String, from: String, to: String, factorVersion: String) async throws -> [ImpactDayRecord] {
        try await rows("""
            SELECT id, hub_id, day, revision, factor_version, method, status, error, carriers, document, computed_at FROM impact_days d
            WHERE d.hub_id = \(bind: hubId) AND d.day >= \(bind: from) AND d.day <= \(bind: to) AND d.factor_version = \(bind: factorVersion)
              AND d.revision = (SELECT MAX(x.revision) FROM impact_days x WHERE x.hub_id = d.hub_id AND x.day = d.day AND x.factor_version = d.factor_version)
            ORDER BY d.day
            """)
    }

    /// Every revision of one hub's day, newest first: the audit trail of its figures.
    public func impactRevisions(hubId: String, day: String) async throws -> [ImpactDayRecord] {
        try await rows("""
            SELECT id, hub_id, day, revision, factor_version, method, status, error, carriers, document, computed_at FROM impact_days
            WHERE hub_id = \(bind: hubId) AND day = \(bind: day) ORDER BY revision DESC
            """)
    }

    /// The footprints in `scope` of days in [from, to] computed with `factorVersion`, each from
    /// the newest successful computation of its day, by day and shipment.
    public func footprints(_ scope: ImpactRules.FootprintScope, from: String, to: String, factorVersion: String) async throws -> [FootprintRow] {
        let condition: SQLQueryString
        switch scope {
        case .all: condition = "1 = 1"
        case .refused: condition = "1 = 0"
        case .carriedBy(let organisation): condition = "f.carrier_id = \(bind: organisation)"
        case .sentBy(let organisation): condition = "f.shipper_id = \(bind: organisation)"
        case .atHubsOperatedBy(let organisation): condition = "f.hub_id IN (SELECT id FROM hubs WHERE operator_id = \(bind: organisation))"
        }
        return try await rows("""
            SELECT f.shipment_id, f.carrier_id, f.shipper_id, f.hub_id, f.day, f.factor_version, f.revision, f.footprint
            FROM shipment_footprints f JOIN impact_days d ON d.id = f.impact_day_id
            WHERE \(condition) AND f.day >= \(bind: from) AND f.day <= \(bind: to) AND f.factor_version = \(bind: factorVersion)
              AND d.revision = (SELECT MAX(x.revision) FROM impact_days x WHERE x.hub_id = d.hub_id AND x.day = d.day
                                AND x.factor_version = d.factor_version AND x.status = 'computed')
            ORDER BY f.day, f.shipment_id
            """)
    }
}
