import Domain
import Foundation
import SQLKit

extension ZoneAccess.Scope {
    /// The scope as an SQL condition on a table with `operator_id` and `zone_id` columns: the
    /// domain's rule translated, nothing decided here; a refused scope selects nothing.
    var condition: SQLQueryString {
        switch self {
        case .all: "1 = 1"
        case .refused: "1 = 0"
        case .operatedBy(let organisation): "operator_id = \(bind: organisation)"
        case .zonesOf(let municipality): "zone_id IN (SELECT id FROM zones WHERE municipality_id = \(bind: municipality))"
        }
    }
}

/// Consolidation zones (every version of each), trips into them with their verdicts, and
/// exemption permits.
extension Store {
    // MARK: Zones

    /// The newest version of every zone, by id.
    public func currentZones() async throws -> [ZoneRecord] {
        try await rows("""
            SELECT z.id, z.version, z.municipality_id, z.name, z.valid_from, z.valid_until, z.document, z.created_at FROM zones z
            WHERE z.version = (SELECT MAX(version) FROM zones WHERE id = z.id) ORDER BY z.id
            """)
    }

    /// The newest version of a zone.
    public func zone(_ id: String) async throws -> ZoneRecord? {
        try await row("""
            SELECT id, version, municipality_id, name, valid_from, valid_until, document, created_at FROM zones
            WHERE id = \(bind: id) ORDER BY version DESC LIMIT 1
            """)
    }

    /// Adds new versions, all or none; a version that exists already (another import at the same
    /// moment) fails the whole with `StoreError.duplicate`.
    public func addZoneVersions(_ zones: [ZoneRecord]) async throws {
        try await transaction { store in
            for zone in zones {
                do {
                    try await store.run("""
                        INSERT INTO zones (id, version, municipality_id, name, valid_from, valid_until, document, created_at)
                        VALUES (\(bind: zone.id), \(bind: zone.version), \(bind: zone.municipalityId), \(bind: zone.name), \(bind: zone.validFrom),
                                \(bind: zone.validUntil), \(bind: zone.document), \(bind: zone.createdAt))
                        """)
                } catch where StoreError.isUniqueViolation(error) {
                    throw StoreError.duplicate("version \(zone.version) of zone '\(zone.id)'")
                }
            }
        }
    }

    // MARK: Trips

    /// Stores trips with their verdicts, all or none. A trip declared before with the same content
    /// is answered with what was stored (a retry); with other content it is a conflict.
    /// - Returns: the stored records, in the order given.
    public func declareTrips(_ trips: [ZoneTripRecord]) async throws -> [ZoneTripRecord] {
        try await transaction { store in
            var stored: [ZoneTripRecord] = []
            for trip in trips {
                let existing: ZoneTripRecord? = try await store.row("""
                    SELECT operator_id, trip_id, zone_id, zone_version, source, entry_at, outcome, trip, verdict, declared_at, plate_hash FROM zone_trips
                    WHERE operator_id = \(bind: trip.operatorId) AND zone_id = \(bind: trip.zoneId) AND trip_id = \(bind: trip.tripId)
                    """)
                if let existing {
                    guard existing.trip == trip.trip && existing.plateHash == trip.plateHash else {
                        throw StoreError.conflict("trip '\(trip.tripId)' into zone '\(trip.zoneId)' was declared before with other content; trips are not changed, declare a new id")
                    }
                    stored.append(existing)
                    continue
                }
                try await store.run("""
                    INSERT INTO zone_trips (operator_id, trip_id, zone_id, zone_version, source, entry_at, outcome, trip, verdict, declared_at, plate_hash)
                    VALUES (\(bind: trip.operatorId), \(bind: trip.tripId), \(bind: trip.zoneId), \(bind: trip.zoneVersion), \(bind: trip.source),
                            \(bind: trip.entryAt), \(bind: trip.outcome), \(bind: trip.trip), \(bind: trip.verdict), \(bind: trip.declaredAt),
                            \(bind: trip.plateHash))
                    """)
                stored.append(trip)
            }
            return stored
        }
    }

    /// Trips the scope admits, of a zone (or all) entering in `[from, to)`, oldest first.
    public func zoneTrips(_ scope: ZoneAccess.Scope, zoneId: String?, from: EpochMilliseconds, to: EpochMilliseconds, limit: Int) async throws -> [ZoneTripRecord] {
        let zone: SQLQueryString = zoneId.map { "zone_id = \(bind: $0)" } ?? "1 = 1"
        return try await rows("""
            SELECT operator_id, trip_id, zone_id, zone_version, source, entry_at, outcome, trip, verdict, declared_at, plate_hash FROM zone_trips
            WHERE \(scope.condition) AND \(zone) AND entry_at >= \(bind: from) AND entry_at < \(bind: to)
            ORDER BY entry_at, operator_id, trip_id LIMIT \(bind: limit)
            """)
    }

    // MARK: The hub's own trips

    /// A route's stops in order with their recipients, positions and parcels (counts, kilograms,
    /// measured volume): what the hub's trips into zones are derived from.
    public func routeTripStops(_ routeId: String) async throws -> [RouteTripStop] {
        try await rows("""
            SELECT rs.stop_index, s.recipient_id, s.longitude, s.latitude, rs.eta, COUNT(p.barcode) AS parcels,
                   COALESCE(SUM(p.weight_kg), 0.0) AS weight_kg,
                   COALESCE(SUM(CASE WHEN p.length_cm IS NOT NULL AND p.width_cm IS NOT NULL AND p.height_cm IS NOT NULL
                                     THEN p.length_cm * p.width_cm * p.height_cm / 1000000.0 ELSE 0 END), 0.0) AS measured_volume_m3,
                   COALESCE(SUM(CASE WHEN p.barcode IS NOT NULL AND (p.length_cm IS NULL OR p.width_cm IS NULL OR p.height_cm IS NULL)
                                     THEN 1 ELSE 0 END), 0) AS unmeasured
            FROM route_stops rs JOIN sites s ON s.id = rs.site_id
            LEFT JOIN stop_parcels sp ON sp.route_id = rs.route_id AND sp.stop_index = rs.stop_index
            LEFT JOIN parcels p ON p.barcode = sp.barcode
            WHERE rs.route_id = \(bind: routeId)
            GROUP BY rs.stop_index, s.recipient_id, s.longitude, s.latitude, rs.eta ORDER BY rs.stop_index
            """)
    }

    /// The lines (JSON `[[longitude, latitude], …]`) of the routes dispatched with departure in
    /// `[from, to)`: where the hubs' vehicles drove, as planned.
    public func dispatchedRouteLines(from: EpochMilliseconds, to: EpochMilliseconds) async throws -> [String] {
        try await strings("""
            SELECT geometry FROM routes WHERE dispatched_at IS NOT NULL AND departure >= \(bind: from) AND departure < \(bind: to) ORDER BY id
            """, column: "geometry")
    }

    /// The vehicle a route is driven with: its type as planned, its capacity as the fleet has it.
    public func routeVehicle(_ routeId: String) async throws -> RouteVehicleRecord? {
        try await row("""
            SELECT r.vehicle_type, v.capacity_kg, v.capacity_parcels, v.registration FROM routes r JOIN vehicles v ON v.id = r.vehicle_id
            WHERE r.id = \(bind: routeId)
            """)
    }

    /// Forgets the plate hashes of trips that entered before `cutoff` (the retention period).
    public func forgetTripPlates(before cutoff: EpochMilliseconds) async throws {
        try await run("UPDATE zone_trips SET plate_hash = NULL WHERE entry_at < \(bind: cutoff) AND plate_hash IS NOT NULL")
    }

    // MARK: Permits

    public func addPermit(_ permit: PermitRecord) async throws {
        try await run("""
            INSERT INTO zone_permits (id, zone_id, operator_id, status, application, decision, decided_by, valid_from, valid_until, created_at, decided_at)
            VALUES (\(bind: permit.id), \(bind: permit.zoneId), \(bind: permit.operatorId), \(bind: permit.status), \(bind: permit.application),
                    \(bind: permit.decision), \(bind: permit.decidedBy), \(bind: permit.validFrom), \(bind: permit.validUntil), \(bind: permit.createdAt),
                    \(bind: permit.decidedAt))
            """)
    }

    public func permits(_ scope: ZoneAccess.Scope, status: String?) async throws -> [PermitRecord] {
        let filter: SQLQueryString = status.map { "status = \(bind: $0)" } ?? "1 = 1"
        return try await rows("""
            SELECT id, zone_id, operator_id, status, application, decision, decided_by, valid_from, valid_until, created_at, decided_at
            FROM zone_permits WHERE \(scope.condition) AND \(filter) ORDER BY created_at DESC, id LIMIT 1000
            """)
    }

    public func permit(_ id: String) async throws -> PermitRecord? {
        try await row("""
            SELECT id, zone_id, operator_id, status, application, decision, decided_by, valid_from, valid_until, created_at, decided_at
            FROM zone_permits WHERE id = \(bind: id)
            """)
    }

    /// Records a case officer's decision on a pending application; nil when it was decided already.
    public func decidePermit(_ id: String, status: String, decision: String, by account: String, at: EpochMilliseconds) async throws -> PermitRecord? {
        try await transaction { store in
            try await store.run("""
                UPDATE zone_permits SET status = \(bind: status), decision = \(bind: decision), decided_by = \(bind: account), decided_at = \(bind: at)
                WHERE id = \(bind: id) AND status = 'pending'
                """)
            let permit = try await store.permit(id)
            return permit?.decidedAt == at && permit?.decidedBy == account ? permit : nil
        }
    }

    /// Granted permits of an operator for a zone valid at some time in `[from, to)`.
    public func grantedPermits(zoneId: String, operatorId: String, from: EpochMilliseconds, to: EpochMilliseconds) async throws -> [PermitRecord] {
        try await rows("""
            SELECT id, zone_id, operator_id, status, application, decision, decided_by, valid_from, valid_until, created_at, decided_at
            FROM zone_permits WHERE zone_id = \(bind: zoneId) AND operator_id = \(bind: operatorId) AND status = 'granted'
              AND valid_from < \(bind: to) AND valid_until > \(bind: from) ORDER BY id
            """)
    }
}
