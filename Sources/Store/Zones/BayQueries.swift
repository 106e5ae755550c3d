import Domain
import Foundation
import SQLKit

/// Loading bays and their bookings. A booking claims each of its slots on one of the bay's
/// spaces, one row per bay, slot and space under a primary key: two bookings of the same space
/// and slot cannot both be written, on any number of servers. Claims carry the time they lapse
/// (a hold's end, a confirmed booking's no-show release), and lapsed claims are cleared before
/// new ones are made, so an expired hold frees its slot without a background job.
extension Store {
    // MARK: Bays

    /// Adds or replaces bays, all or none; a replaced bay keeps its bookings. A bay id another
    /// municipality has is refused.
    public func saveBays(_ bays: [BayRecord]) async throws {
        try await transaction { store in
            for bay in bays {
                let owner: String? = try await store.strings("SELECT municipality_id FROM loading_bays WHERE id = \(bind: bay.id)", column: "municipality_id").first
                if let owner, owner != bay.municipalityId { throw StoreError.conflict("bay '\(bay.id)' belongs to another municipality") }
                try await store.run("""
                    INSERT INTO loading_bays (id, municipality_id, local_id, document, longitude, latitude, updated_at)
                    VALUES (\(bind: bay.id), \(bind: bay.municipalityId), \(bind: bay.localId), \(bind: bay.document), \(bind: bay.longitude),
                            \(bind: bay.latitude), \(bind: bay.updatedAt))
                    ON CONFLICT (id) DO UPDATE SET local_id = excluded.local_id, document = excluded.document, longitude = excluded.longitude,
                        latitude = excluded.latitude, updated_at = excluded.updated_at
                    """)
            }
        }
    }

    public func bays(municipalityId: String? = nil) async throws -> [BayRecord] {
        let filter: SQLQueryString = municipalityId.map { "municipality_id = \(bind: $0)" } ?? "1 = 1"
        return try await rows("SELECT id, municipality_id, local_id, document, longitude, latitude, updated_at FROM loading_bays WHERE \(filter) ORDER BY id")
    }

    public func bay(_ id: String) async throws -> BayRecord? {
        try await row("SELECT id, municipality_id, local_id, document, longitude, latitude, updated_at FROM loading_bays WHERE id = \(bind: id)")
    }

    // MARK: Bookings

    /// Holds `booking`'s slots (starts in `slots`) on any of the bay's `spaces` spaces, or
    /// throws `StoreError.conflict` naming the first slot that is full — writing nothing.
    /// `maximumHolds` caps the vehicle's open holds.
    public func holdSlots(_ booking: BookingRecord, slots: [EpochMilliseconds], spaces: Int, maximumHolds: Int, now: EpochMilliseconds) async throws {
        try await transaction { store in
            if store.dialect == .postgres {
                // One vehicle's holds are counted and made one at a time, on any number of servers
                // (SQLite's writers are one at a time already).
                try await store.run("SELECT pg_advisory_xact_lock(hashtext(\(bind: booking.operatorId + "|" + booking.vehicleRef)))")
            }
            try await store.clearLapsedClaims(bayId: booking.bayId, now: now)
            struct Count: Decodable { var holds: Int }
            let open: Count? = try await store.row("""
                SELECT COUNT(*) AS holds FROM bay_bookings WHERE operator_id = \(bind: booking.operatorId) AND vehicle_ref = \(bind: booking.vehicleRef)
                  AND status = 'held' AND expires_at > \(bind: now)
                """)
            if let open, open.holds >= maximumHolds {
                throw StoreError.conflict("vehicle '\(booking.vehicleRef)' already has \(open.holds) open holds (at most \(maximumHolds)); confirm or release one")
            }
            let overlapping = try await store.count("""
                SELECT COUNT(*) AS n FROM bay_bookings WHERE operator_id = \(bind: booking.operatorId) AND vehicle_ref = \(bind: booking.vehicleRef)
                  AND start_at < \(bind: booking.endAt) AND end_at > \(bind: booking.startAt)
                  AND (status IN ('confirmed', 'arrived') OR (status = 'held' AND expires_at > \(bind: now)))
                """)
            if overlapping > 0 {
                throw StoreError.conflict("vehicle '\(booking.vehicleRef)' already has a booking at that time; one vehicle parks in one place")
            }
            for slot in slots {
                var claimed = false
                for space in 0..<spaces {
                    let row = try await store.runReturning("""
                        INSERT INTO bay_slot_claims (bay_id, slot_start, space_no, booking_id, expires_at)
                        VALUES (\(bind: booking.bayId), \(bind: slot), \(bind: space), \(bind: booking.id), \(bind: booking.expiresAt))
                        ON CONFLICT DO NOTHING RETURNING space_no
                        """)
                    if row != nil { claimed = true; break }
                }
                guard claimed else {
                    let when = ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: Double(slot) / 1000))
                    throw StoreError.conflict("bay '\(booking.bayId)' is fully booked in the slot starting \(when)")
                }
            }
            try await store.run("""
                INSERT INTO bay_bookings (id, bay_id, operator_id, vehicle_ref, start_at, end_at, status, expires_at, created_at, updated_at)
                VALUES (\(bind: booking.id), \(bind: booking.bayId), \(bind: booking.operatorId), \(bind: booking.vehicleRef), \(bind: booking.startAt),
                        \(bind: booking.endAt), \(bind: booking.status), \(bind: booking.expiresAt), \(bind: booking.createdAt), \(bind: booking.updatedAt))
                """)
        }
    }

    /// Clears the bay's lapsed claims and marks their bookings lapsed.
    func clearLapsedClaims(bayId: String, now: EpochMilliseconds) async throws {
        try await run("""
            UPDATE bay_bookings SET status = CASE status WHEN 'held' THEN 'expired' ELSE 'no-show' END, updated_at = \(bind: now)
            WHERE bay_id = \(bind: bayId) AND status IN ('held', 'confirmed') AND expires_at <= \(bind: now)
            """)
        try await run("DELETE FROM bay_slot_claims WHERE bay_id = \(bind: bayId) AND expires_at <= \(bind: now)")
    }

    public func booking(_ id: String) async throws -> BookingRecord? {
        try await row("""
            SELECT id, bay_id, operator_id, vehicle_ref, start_at, end_at, status, expires_at, created_at, updated_at FROM bay_bookings WHERE id = \(bind: id)
            """)
    }

    public func bookings(_ scope: ZoneAccess.Scope, from: EpochMilliseconds, to: EpochMilliseconds) async throws -> [BookingRecord] {
        try await rows("""
            SELECT id, bay_id, operator_id, vehicle_ref, start_at, end_at, status, expires_at, created_at, updated_at FROM bay_bookings
            WHERE \(scope.condition) AND start_at < \(bind: to) AND end_at > \(bind: from) ORDER BY start_at, id LIMIT 1000
            """)
    }

    /// Moves a booking from one of `states` to `status` with its claims lapsing at `expiresAt`
    /// (nil: kept until the end), unless it lapsed already; false when it was in no such state.
    public func updateBooking(_ id: String, from states: [String], to status: String, expiresAt: EpochMilliseconds?, now: EpochMilliseconds) async throws -> Bool {
        try await transaction { store in
            guard let booking = try await store.booking(id), states.contains(booking.status), (booking.expiresAt ?? .max) > now else { return false }
            try await store.run("UPDATE bay_bookings SET status = \(bind: status), expires_at = \(bind: expiresAt), updated_at = \(bind: now) WHERE id = \(bind: id)")
            if status == "released" {
                try await store.run("DELETE FROM bay_slot_claims WHERE booking_id = \(bind: id)")
            } else {
                try await store.run("UPDATE bay_slot_claims SET expires_at = \(bind: expiresAt) WHERE booking_id = \(bind: id)")
            }
            return true
        }
    }

    /// Claimed spaces per slot of the bay in `[from, to)`, lapsed claims left out. Names no operator.
    public func occupancy(bayId: String, from: EpochMilliseconds, to: EpochMilliseconds, now: EpochMilliseconds) async throws -> [SlotOccupancy] {
        try await rows("""
            SELECT slot_start, COUNT(*) AS claimed FROM bay_slot_claims
            WHERE bay_id = \(bind: bayId) AND slot_start >= \(bind: from) AND slot_start < \(bind: to) AND (expires_at IS NULL OR expires_at > \(bind: now))
            GROUP BY slot_start ORDER BY slot_start
            """)
    }
}
