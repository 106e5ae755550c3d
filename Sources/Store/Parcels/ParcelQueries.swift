import Domain
import Foundation
import SQLKit

/// Shipments and their parcels: announcing, reading back within a `ParcelScope`, and the
/// counts a hub's page shows.
extension Store {
    // MARK: Shipments

    public func hubExists(_ id: String) async throws -> Bool {
        try await count("SELECT COUNT(*) AS n FROM hubs WHERE id = \(bind: id)") == 1
    }

    /// The recipient organisation of a site.
    public func recipient(ofSite siteId: String) async throws -> String? {
        try await strings("SELECT recipient_id FROM sites WHERE id = \(bind: siteId)", column: "recipient_id").first
    }

    /// The shipment an organisation announced under its reference: id and content hash.
    public func shipment(owner: String, reference: String) async throws -> (id: String, contentHash: String)? {
        struct Row: Decodable { var id: String; var contentHash: String }
        let found: Row? = try await row("SELECT id, content_hash FROM shipments WHERE owner_id = \(bind: owner) AND reference = \(bind: reference)")
        return found.map { ($0.id, $0.contentHash) }
    }

    public func shipment(_ id: String) async throws -> ShipmentRecord? {
        struct Row: Decodable {
            var id, ownerId, reference, hubId, siteId, recipientId, carrierId, contentHash: String
            var shipperId, deliveryDate: String?
            var createdAt: Int64
        }
        guard let found: Row = try await row("SELECT * FROM shipments WHERE id = \(bind: id)") else { return nil }
        let barcodes = try await strings("SELECT barcode FROM parcels WHERE shipment_id = \(bind: id) ORDER BY barcode", column: "barcode")
        return ShipmentRecord(id: found.id, ownerId: found.ownerId, reference: found.reference, carrierId: found.carrierId, shipperId: found.shipperId,
                              hubId: found.hubId, siteId: found.siteId, recipientId: found.recipientId, deliveryDate: found.deliveryDate,
                              contentHash: found.contentHash, createdAt: found.createdAt, barcodes: barcodes)
    }

    /// Whether any parcel of the shipment is in the scope.
    public func shipmentIsVisible(_ id: String, in scope: ParcelScope) async throws -> Bool {
        try await count("SELECT COUNT(*) AS n FROM parcels p WHERE p.shipment_id = \(bind: id) AND \(scope.condition)") > 0
    }

    /// Stores a shipment without its parcels; `what` names it in the duplicate error.
    public func insert(_ shipment: ShipmentRecord, existing what: String) async throws {
        try await insert("""
            INSERT INTO shipments (id, owner_id, reference, carrier_id, shipper_id, hub_id, site_id, recipient_id, delivery_date, content_hash, created_at)
            VALUES (\(bind: shipment.id), \(bind: shipment.ownerId), \(bind: shipment.reference), \(bind: shipment.carrierId), \(bind: shipment.shipperId),
                    \(bind: shipment.hubId), \(bind: shipment.siteId), \(bind: shipment.recipientId), \(bind: shipment.deliveryDate),
                    \(bind: shipment.contentHash), \(bind: shipment.createdAt))
            """, existing: what)
    }

    /// Stores parcels of a stored shipment, `announced` at the shipment's time, in one statement.
    /// A barcode labels one physical parcel: returns the first of `parcels` whose barcode is
    /// taken (by any carrier), having stored the others — the caller rolls back.
    public func insert(_ parcels: [NewParcel], of shipment: ShipmentRecord) async throws -> Int? {
        struct Stored: Decodable { var barcode: String }
        var stored = Set<String>()
        for slice in Self.statements(parcels) {
            let rows = slice.map { parcel -> SQLQueryString in
                """
                (\(bind: parcel.barcode), \(bind: shipment.id), \(bind: shipment.carrierId), \(bind: shipment.shipperId), \(bind: shipment.recipientId), \
                \(bind: shipment.siteId), \(bind: shipment.hubId), \(bind: parcel.weightKg), \(bind: parcel.lengthCm), \(bind: parcel.widthCm), \
                \(bind: parcel.heightCm), \(bind: parcel.pallet ? 1 : 0), \(bind: parcel.temperature.rawValue), \(bind: ParcelStatus.announced.rawValue), \
                \(bind: shipment.createdAt), 0)
                """
            }
            let inserted: [Stored] = try await writingRows("""
                INSERT INTO parcels (barcode, shipment_id, carrier_id, shipper_id, recipient_id, site_id, hub_id, weight_kg, length_cm,
                                     width_cm, height_cm, pallet, temperature, status, status_time, status_sequence)
                VALUES \(rows.joined(separator: ", ")) ON CONFLICT (barcode) DO NOTHING RETURNING barcode
                """)
            stored.formUnion(inserted.map(\.barcode))
        }
        return parcels.firstIndex { !stored.contains($0.barcode) }
    }

    /// Moves the parcels' announcement (event and state) to `time`: the demo's day shape.
    public func backdateAnnouncement(of barcodes: [String], to time: Date) async throws {
        try await run("""
            UPDATE parcel_events SET occurred_at = \(bind: time.epochMilliseconds) WHERE type = 'announced' AND barcode IN (\(binds: barcodes))
            """)
        try await run("UPDATE parcels SET status_time = \(bind: time.epochMilliseconds) WHERE barcode IN (\(binds: barcodes))")
    }

    // MARK: Parcels

    private static let parcelSelect: SQLQueryString = """
        SELECT p.*, s.name AS site_name, h.time_zone, rs.eta FROM parcels p JOIN hubs h ON h.id = p.hub_id JOIN sites s ON s.id = p.site_id
        LEFT JOIN stop_parcels sp ON sp.route_id = p.route_id AND sp.barcode = p.barcode
        LEFT JOIN route_stops rs ON rs.route_id = sp.route_id AND rs.stop_index = sp.stop_index
        """

    /// Where a page of parcels starts: after skipping some, or after a parcel (keyset paging,
    /// which an index serves however deep the page).
    public enum PageStart: Sendable {
        case offset(Int)
        case after(statusTime: EpochMilliseconds, barcode: String)
    }

    /// One page of the parcels in `scope`, newest state first (then by barcode), and the last
    /// parcel's position when more follow; optionally only those in `status` or at `hubId`.
    /// Pages by offset come with the total count; pages by position do not (counting a party's
    /// whole list costs more than the page).
    public func parcels(in scope: ParcelScope, status: ParcelStatus? = nil, hubId: String? = nil, limit: Int,
                        from start: PageStart = .offset(0)) async throws -> (total: Int?, parcels: [ParcelRecord], next: (statusTime: EpochMilliseconds, barcode: String)?) {
        var filter = scope.condition
        if let status { filter = "\(filter) AND p.status = \(bind: status.rawValue)" }
        if let hubId { filter = "\(filter) AND p.hub_id = \(bind: hubId)" }
        var total: Int?
        var page: SQLQueryString
        switch start {
        case .offset(let offset):
            total = try await count("SELECT COUNT(*) AS n FROM parcels p WHERE \(filter)")
            page = "WHERE \(filter) ORDER BY p.status_time DESC, p.barcode LIMIT \(bind: limit + 1) OFFSET \(bind: offset)"
        case .after(let time, let barcode):
            page = """
                WHERE \(filter) AND p.status_time <= \(bind: time) AND (p.status_time < \(bind: time) OR p.barcode > \(bind: barcode))
                ORDER BY p.status_time DESC, p.barcode LIMIT \(bind: limit + 1)
                """
        }
        var parcels: [ParcelRecord] = try await rows("\(Self.parcelSelect) \(page)")
        let more = parcels.count > limit
        if more { parcels.removeLast() }
        return (total, parcels, more ? parcels.last.map { ($0.statusTime, $0.barcode) } : nil)
    }

    /// The parcel, if it is in `scope`.
    public func parcel(_ barcode: String, in scope: ParcelScope) async throws -> ParcelRecord? {
        try await row("\(Self.parcelSelect) WHERE p.barcode = \(bind: barcode) AND \(scope.condition)")
    }

    /// The barcodes of every parcel in `scope` (for tests of the rule and for exports).
    public func barcodes(in scope: ParcelScope) async throws -> [String] {
        try await strings("SELECT p.barcode FROM parcels p WHERE \(scope.condition) ORDER BY p.barcode", column: "barcode")
    }

    /// The parties and hub operator of those of `barcodes` that exist, for the access rules.
    public func facts(ofParcels barcodes: [String]) async throws -> [String: ParcelFacts] {
        var found: [String: ParcelFacts] = [:]
        for slice in Self.statements(barcodes) {
            let facts: [ParcelFacts] = try await rows("""
                SELECT p.barcode, p.shipment_id, p.carrier_id, p.shipper_id, p.recipient_id, p.hub_id, h.operator_id, p.weight_kg
                FROM parcels p JOIN hubs h ON h.id = p.hub_id WHERE p.barcode IN (\(binds: Array(slice)))
                """)
            for fact in facts { found[fact.barcode] = fact }
        }
        return found
    }

    /// Of `barcodes`, those on routes dispatched to the driver `account`.
    public func parcels(drivenBy account: String, among barcodes: [String]) async throws -> Set<String> {
        guard !barcodes.isEmpty else { return [] }
        return Set(try await strings("""
            SELECT sp.barcode FROM stop_parcels sp JOIN routes r ON r.id = sp.route_id
            WHERE r.driver_id = \(bind: account) AND r.dispatched_at IS NOT NULL AND sp.barcode IN (\(binds: barcodes))
            """, column: "barcode"))
    }

    /// The number of a hub's parcels in each state.
    public func parcelCounts(atHub hubId: String) async throws -> [ParcelStatus: Int] {
        struct Count: Decodable { var status: String; var n: Int }
        let counts: [Count] = try await rows("SELECT status, COUNT(*) AS n FROM parcels WHERE hub_id = \(bind: hubId) GROUP BY status")
        return Dictionary(counts.compactMap { count in ParcelStatus(rawValue: count.status).map { ($0, count.n) } }, uniquingKeysWith: +)
    }

    /// A hub's plannable parcels that are on no route of `currentPlan`.
    public func waitingParcels(atHub hubId: String, currentPlan: String?) async throws -> Int {
        try await count("""
            SELECT COUNT(*) AS n FROM parcels WHERE hub_id = \(bind: hubId) AND status IN (\(binds: ParcelStatus.plannable.map(\.rawValue)))
              AND (route_id IS NULL OR route_id NOT IN (SELECT id FROM routes WHERE plan_id = \(bind: currentPlan ?? "")))
            """)
    }
}
