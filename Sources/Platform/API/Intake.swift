import Domain
import Foundation
import SQLKit
import Vapor

/// The rules of parcel intake, shared by the single, batch and CSV endpoints: announcing
/// shipments and recording parcel events, idempotently, with visibility by organisation.
enum Intake {
    struct ParcelBody: Content {
        var barcode: String
        var weightKg: Double
        var lengthCm: Double?
        var widthCm: Double?
        var heightCm: Double?
        var pallet: Bool?
        var temperature: TemperatureClass?
    }

    struct ShipmentBody: Content {
        /// The sender's own reference, unique per organisation; repeating it with the same content is a safe retry.
        var reference: String
        var hubId: String
        var siteId: String
        /// Required when a shipper announces; a carrier announces its own shipments.
        var carrierId: String?
        var shipperId: String?
        var deliveryDate: String?
        var parcels: [ParcelBody]
    }

    struct ShipmentView: Content {
        var id: String
        var reference: String
        var hubId: String
        var siteId: String
        var recipientId: String
        var carrierId: String
        var shipperId: String?
        var deliveryDate: String?
        var parcels: [String]
    }

    enum Outcome: String, Codable, Sendable { case created, duplicate }

    static let maximumParcelsPerShipment = 1000

    /// Announces a shipment: stores it, its parcels and an `announced` event per parcel.
    /// Throws `Problem`s whose details start with `path` (e.g. `$.shipments[3]`).
    static func announce(_ body: ShipmentBody, by caller: Caller, path: String, store: Store) async throws -> (ShipmentView, Outcome) {
        try caller.require(.carrier, .shipper, action: "announce shipments")
        try Wire.identifier(body.reference, field: "\(path).reference")
        guard !body.parcels.isEmpty else { throw Problem.badRequest("\(path).parcels: a shipment has at least one parcel") }
        guard body.parcels.count <= maximumParcelsPerShipment else {
            throw Problem.badRequest("\(path).parcels: at most \(maximumParcelsPerShipment) parcels per shipment")
        }
        var barcodes = Set<String>()
        for (index, parcel) in body.parcels.enumerated() {
            let field = "\(path).parcels[\(index)]"
            try Wire.identifier(parcel.barcode, field: "\(field).barcode")
            guard barcodes.insert(parcel.barcode).inserted else { throw Problem.badRequest("\(field).barcode: '\(parcel.barcode)' appears twice") }
            guard parcel.weightKg > 0, parcel.weightKg <= 2000 else { throw Problem.badRequest("\(field).weightKg: must be above 0 and at most 2000") }
            for (name, value) in [("lengthCm", parcel.lengthCm), ("widthCm", parcel.widthCm), ("heightCm", parcel.heightCm)] {
                if let value, !(value > 0 && value <= 1500) { throw Problem.badRequest("\(field).\(name): must be above 0 and at most 1500") }
            }
        }
        if let date = body.deliveryDate { _ = try Wire.operatingDay(date, field: "\(path).deliveryDate", in: .gmt) }

        // Who carries and who sends: the caller is one of them.
        var carrierId = body.carrierId, shipperId = body.shipperId
        switch caller.organisation.kind {
        case .carrier:
            if let carrierId, carrierId != caller.organisation.id {
                throw Problem.forbidden("\(path).carrierId: a carrier announces only its own shipments")
            }
            carrierId = caller.organisation.id
        case .shipper:
            if let shipperId, shipperId != caller.organisation.id {
                throw Problem.forbidden("\(path).shipperId: a shipper announces only its own shipments")
            }
            shipperId = caller.organisation.id
        default: break
        }
        guard let carrierId else { throw Problem.badRequest("\(path).carrierId: required field is missing") }
        guard try await Directory.organisationKind(carrierId, store: store) == .carrier else {
            throw Problem.unprocessable("\(path).carrierId: '\(carrierId)' is not a carrier on the platform")
        }
        if let shipperId, try await Directory.organisationKind(shipperId, store: store) != .shipper {
            throw Problem.unprocessable("\(path).shipperId: '\(shipperId)' is not a shipper on the platform")
        }
        guard try await store.count("SELECT COUNT(*) AS n FROM hubs WHERE id = \(bind: body.hubId)") == 1 else {
            throw Problem.unprocessable("\(path).hubId: hub '\(body.hubId)' does not exist")
        }
        guard let recipientId = try await store.sql.raw("SELECT recipient_id FROM sites WHERE id = \(bind: body.siteId)").first()?
            .decode(column: "recipient_id", as: String.self) else {
            throw Problem.unprocessable("\(path).siteId: site '\(body.siteId)' does not exist")
        }

        var canonical = body
        canonical.carrierId = carrierId
        canonical.shipperId = shipperId
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let contentHash = Secrets.hash(String(decoding: try encoder.encode(canonical), as: UTF8.self))
        let owner = caller.organisation.id

        struct Existing: Decodable { var id: String; var contentHash: String }
        if let existing: Existing = try await store.row("""
            SELECT id, content_hash FROM shipments WHERE owner_id = \(bind: owner) AND reference = \(bind: body.reference)
            """) {
            guard existing.contentHash == contentHash else {
                throw Problem.conflict("\(path).reference: shipment '\(body.reference)' was announced before with different content")
            }
            return (try await shipment(existing.id, store: store), .duplicate)
        }

        let id = Secrets.identifier("shp")
        // Whole seconds, like the ISO 8601 times reporters send, so a scan in the same second
        // as the announcement is not ordered before it.
        let now = Date().epochMilliseconds / 1000 * 1000
        try await store.insert("""
            INSERT INTO shipments (id, owner_id, reference, carrier_id, shipper_id, hub_id, site_id, recipient_id, delivery_date, content_hash, created_at)
            VALUES (\(bind: id), \(bind: owner), \(bind: body.reference), \(bind: carrierId), \(bind: shipperId), \(bind: body.hubId),
                    \(bind: body.siteId), \(bind: recipientId), \(bind: body.deliveryDate), \(bind: contentHash), \(bind: now))
            """, existing: "\(path).reference: shipment '\(body.reference)' (announced at the same moment by another request)")
        // A barcode labels one physical parcel, so a barcode taken by any carrier is refused. The
        // answer is the same 409 whether the label is the caller's own or another carrier's, and
        // says only that it is taken: not whose, nor the parcel's state (a GET stays 404).
        for (index, parcel) in body.parcels.enumerated() {
            try await store.insert("""
                INSERT INTO parcels (barcode, shipment_id, carrier_id, shipper_id, recipient_id, site_id, hub_id, weight_kg, length_cm,
                                     width_cm, height_cm, pallet, temperature, status, status_time, status_sequence)
                VALUES (\(bind: parcel.barcode), \(bind: id), \(bind: carrierId), \(bind: shipperId), \(bind: recipientId), \(bind: body.siteId),
                        \(bind: body.hubId), \(bind: parcel.weightKg), \(bind: parcel.lengthCm), \(bind: parcel.widthCm), \(bind: parcel.heightCm),
                        \(bind: parcel.pallet == true ? 1 : 0), \(bind: (parcel.temperature ?? .ambient).rawValue), 'announced', \(bind: now), 0)
                """, existing: "\(path).parcels[\(index)].barcode: parcel '\(parcel.barcode)'")
            try await store.run("""
                INSERT INTO parcel_events (source, event_id, barcode, type, occurred_at, time_text, recorded_by, recorded_at)
                VALUES (\(bind: owner), \(bind: "announce:\(id):\(parcel.barcode)"), \(bind: parcel.barcode), 'announced', \(bind: now),
                        \(bind: Wire.format(now, in: .gmt)), \(bind: caller.accountId), \(bind: now))
                """)
        }
        return (ShipmentView(id: id, reference: body.reference, hubId: body.hubId, siteId: body.siteId, recipientId: recipientId,
                             carrierId: carrierId, shipperId: shipperId, deliveryDate: body.deliveryDate, parcels: body.parcels.map(\.barcode)),
                .created)
    }

    static func shipment(_ id: String, store: Store) async throws -> ShipmentView {
        struct Row: Decodable {
            var id, reference, hubId, siteId, recipientId, carrierId: String
            var shipperId, deliveryDate: String?
        }
        guard let row: Row = try await store.row("""
            SELECT id, reference, hub_id, site_id, recipient_id, carrier_id, shipper_id, delivery_date FROM shipments WHERE id = \(bind: id)
            """) else { throw Problem.notFound("shipment '\(id)'") }
        let barcodes = try await store.sql.raw("SELECT barcode FROM parcels WHERE shipment_id = \(bind: id) ORDER BY barcode").all()
            .map { try $0.decode(column: "barcode", as: String.self) }
        return ShipmentView(id: row.id, reference: row.reference, hubId: row.hubId, siteId: row.siteId, recipientId: row.recipientId,
                            carrierId: row.carrierId, shipperId: row.shipperId, deliveryDate: row.deliveryDate, parcels: barcodes)
    }

    // MARK: Events

    /// The event types the API records (`announced` comes with the shipment).
    enum EventType: String, Codable, CaseIterable, Sendable {
        case arrivedAtHub = "arrived-at-hub", sorted, loaded, outForDelivery = "out-for-delivery", delivered, failed, returned

        /// The parcel status the event moves to.
        var status: ParcelStatus {
            switch self {
            case .arrivedAtHub: .atHub
            case .sorted: .sorted
            case .loaded: .loaded
            case .outForDelivery: .outForDelivery
            case .delivered: .delivered
            case .failed: .failed
            case .returned: .returned
            }
        }
    }

    struct EventBody: Content {
        /// Unique per reporting organisation; repeating it with the same content is a safe retry.
        var eventId: String
        var barcode: String
        var type: EventType
        /// When it happened, ISO 8601 with offset.
        var time: String
        var routeId: String?
        var receiverName: String?
        var photoReference: String?
        var reason: String?
    }

    struct EventView: Content {
        var eventId: String
        var source: String
        var barcode: String
        var type: String
        var time: String
        var routeId: String?
        var receiverName: String?
        var photoReference: String?
        var reason: String?
    }

    /// A stored event, to tell a retry (same content) from a conflicting reuse of its id.
    private struct StoredEvent: Decodable {
        var barcode: String
        var type: String
        var occurredAt: Int64
        var routeId: String?
        var receiverName: String?
        var photoReference: String?
        var reason: String?
    }

    /// The parcel with the organisation operating its hub, as access decisions need it.
    struct ParcelAccess: Decodable {
        var barcode: String
        var shipmentId: String
        var carrierId: String
        var shipperId: String?
        var recipientId: String
        var hubId: String
        var operatorId: String
        var weightKg: Double

        var domainParcel: Parcel {
            Parcel(id: barcode, shipmentId: shipmentId, carrierId: carrierId, shipperId: shipperId, recipientId: recipientId,
                   hubId: hubId, weightKg: weightKg)
        }
        var policy: AccessPolicy { AccessPolicy(hubOperators: [hubId: operatorId]) }

        static func find(_ barcode: String, store: Store) async throws -> ParcelAccess? {
            try await store.row("""
                SELECT p.barcode, p.shipment_id, p.carrier_id, p.shipper_id, p.recipient_id, p.hub_id, h.operator_id, p.weight_kg
                FROM parcels p JOIN hubs h ON h.id = p.hub_id WHERE p.barcode = \(bind: barcode)
                """)
        }
    }

    /// Barcodes of the parcels on routes dispatched to the driver, limited to `barcode` when given.
    static func driverParcels(_ caller: Caller, barcode: String, store: Store) async throws -> Set<String> {
        guard caller.role == .driver else { return [] }
        let rows = try await store.sql.raw("""
            SELECT sp.barcode FROM stop_parcels sp JOIN routes r ON r.id = sp.route_id
            WHERE r.driver_id = \(bind: caller.accountId) AND r.dispatched_at IS NOT NULL AND sp.barcode = \(bind: barcode)
            """).all()
        return Set(try rows.map { try $0.decode(column: "barcode", as: String.self) })
    }

    /// An event that passed the rules and the caller's rights, ready to be stored.
    struct CheckedEvent: Sendable {
        var body: EventBody
        var path: String
        var source: String
        var accountId: String
        var occurredAt: EpochMilliseconds
    }

    /// The oldest event the API records: a scanner offline for long still reports, but a year-1
    /// time is a broken clock.
    static let maximumEventAge: TimeInterval = 366 * 86_400

    /// Records one parcel event (checks, then stores it).
    static func record(_ body: EventBody, by caller: Caller, path: String, store: Store, now: Date = Date()) async throws -> (EventView, Outcome) {
        try await save(try await check(body, by: caller, path: path, store: store, now: now), store: store, now: now)
    }

    /// Checks an event against the rules and the caller's rights; reads only, so it may run
    /// before the writing transaction. Unknown parcels and parcels the caller may not see are
    /// both 404, so a carrier cannot probe another carrier's barcodes.
    static func check(_ event: EventBody, by caller: Caller, path: String, store: Store, now: Date = Date()) async throws -> CheckedEvent {
        var body = event
        try Wire.identifier(body.eventId, field: "\(path).eventId")
        let time = try Wire.recentInstant(body.time, field: "\(path).time", past: maximumEventAge, future: 3600, now: now)
        // Web forms do not pass decodeJSON: their text is normalised and checked here.
        body.receiverName = try body.receiverName.map { try Wire.text($0, field: "\(path).receiverName", limit: TextPolicy.limit(for: "receiverName")) }
        body.photoReference = try body.photoReference.map { try Wire.text($0, field: "\(path).photoReference", limit: TextPolicy.limit(for: "photoReference")) }
        body.reason = try body.reason.map { try Wire.text($0, field: "\(path).reason", limit: TextPolicy.limit(for: "reason")) }
        let kind: ParcelEvent.Kind
        switch body.type {
        case .arrivedAtHub: kind = .arrivedAtHub
        case .sorted: kind = .sorted
        case .returned: kind = .returned
        case .loaded, .outForDelivery:
            guard let route = body.routeId else { throw Problem.badRequest("\(path).routeId: required for '\(body.type.rawValue)' events") }
            kind = body.type == .loaded ? .loaded(routeId: route) : .outForDelivery(routeId: route)
        case .delivered:
            guard let name = body.receiverName?.trimmingCharacters(in: .whitespaces), !name.isEmpty else {
                throw Problem.badRequest("\(path).receiverName: proof of delivery needs the receiver's name")
            }
            kind = .delivered(ProofOfDelivery(receiverName: name, photoReference: body.photoReference))
        case .failed:
            guard let reason = body.reason, !reason.isEmpty else { throw Problem.badRequest("\(path).reason: a failed delivery needs a reason") }
            kind = .failed(reason: reason)
        }
        let notFound = Problem.notFound("\(path).barcode: parcel '\(body.barcode)'")
        guard let parcel = try await ParcelAccess.find(body.barcode, store: store) else { throw notFound }
        let routeParcels = try await driverParcels(caller, barcode: body.barcode, store: store)
        guard caller.isPlatformAdmin || parcel.policy.canView(parcel.domainParcel, by: caller.principal, routeParcels: routeParcels) else { throw notFound }
        guard caller.isPlatformAdmin || parcel.policy.canRecord(kind, for: parcel.domainParcel, by: caller.principal, routeParcels: routeParcels) else {
            throw Problem.forbidden("\(path).type: a \(caller.role.rawValue) of '\(caller.organisation.id)' may not record '\(body.type.rawValue)' for this parcel")
        }
        return CheckedEvent(body: body, path: path, source: caller.organisation.id, accountId: caller.accountId, occurredAt: time.epochMilliseconds)
    }

    /// Stores a checked event and moves the parcel's state. A retry (same id, same content) is
    /// a duplicate; the same id with other content is refused before anything is written.
    static func save(_ event: CheckedEvent, store: Store, now: Date = Date()) async throws -> (EventView, Outcome) {
        let (body, path, source, occurredAt) = (event.body, event.path, event.source, event.occurredAt)
        let view = EventView(eventId: body.eventId, source: source, barcode: body.barcode, type: body.type.rawValue, time: body.time,
                             routeId: body.routeId, receiverName: body.receiverName, photoReference: body.photoReference, reason: body.reason)
        let recordedAt = now.epochMilliseconds
        // Insert unless the (source, event id) is taken; a retry racing its original waits for
        // it here (PostgreSQL) or queues behind it (SQLite), then finds it stored.
        let inserted = try await store.runReturning("""
            INSERT INTO parcel_events (source, event_id, barcode, type, occurred_at, time_text, route_id, receiver_name, photo_reference,
                                       reason, recorded_by, recorded_at)
            VALUES (\(bind: source), \(bind: body.eventId), \(bind: body.barcode), \(bind: body.type.rawValue), \(bind: occurredAt),
                    \(bind: body.time), \(bind: body.routeId), \(bind: body.receiverName), \(bind: body.photoReference), \(bind: body.reason),
                    \(bind: event.accountId), \(bind: recordedAt))
            ON CONFLICT (source, event_id) DO NOTHING RETURNING sequence
            """)
        if inserted == nil {
            let stored: StoredEvent? = try await store.row("""
                SELECT barcode, type, occurred_at, route_id, receiver_name, photo_reference, reason FROM parcel_events
                WHERE source = \(bind: source) AND event_id = \(bind: body.eventId)
                """)
            let same = stored.map {
                $0.barcode == body.barcode && $0.type == body.type.rawValue && $0.occurredAt == occurredAt && $0.routeId == body.routeId
                    && $0.receiverName == body.receiverName && $0.photoReference == body.photoReference && $0.reason == body.reason
            } ?? false
            guard same else { throw Problem.conflict("\(path).eventId: event '\(body.eventId)' was recorded before with different content") }
            return (view, .duplicate)
        }
        // The current state is the latest event by event time; an older event arriving late
        // stays in the log without changing it.
        try await store.run("""
            UPDATE parcels SET status = \(bind: body.type.status.rawValue), status_time = \(bind: occurredAt), status_sequence = status_sequence + 1
            WHERE barcode = \(bind: body.barcode) AND status_time <= \(bind: occurredAt)
            """)
        return (view, .created)
    }
}

extension Caller {
    /// The caller in the terms of the domain's access policy.
    var principal: Principal { Principal(organisation: organisation, role: role, accountId: accountId) }
}
