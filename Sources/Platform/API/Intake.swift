import Domain
import Foundation
import Store
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

        init(_ shipment: ShipmentRecord) {
            (id, reference, hubId, siteId, recipientId) = (shipment.id, shipment.reference, shipment.hubId, shipment.siteId, shipment.recipientId)
            (carrierId, shipperId, deliveryDate, parcels) = (shipment.carrierId, shipment.shipperId, shipment.deliveryDate, shipment.barcodes)
        }
    }

    enum Outcome: String, Codable, CaseIterable, Sendable { case created, duplicate }

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
        guard try await store.organisation(carrierId)?.kind == .carrier else {
            throw Problem.unprocessable("\(path).carrierId: '\(carrierId)' is not a carrier on the platform")
        }
        if let shipperId, try await store.organisation(shipperId)?.kind != .shipper {
            throw Problem.unprocessable("\(path).shipperId: '\(shipperId)' is not a shipper on the platform")
        }
        guard try await store.hubExists(body.hubId) else {
            throw Problem.unprocessable("\(path).hubId: hub '\(body.hubId)' does not exist")
        }
        guard let recipientId = try await store.recipient(ofSite: body.siteId) else {
            throw Problem.unprocessable("\(path).siteId: site '\(body.siteId)' does not exist")
        }

        var canonical = body
        canonical.carrierId = carrierId
        canonical.shipperId = shipperId
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let contentHash = Secrets.hash(String(decoding: try encoder.encode(canonical), as: UTF8.self))
        let owner = caller.organisation.id

        if let existing = try await store.shipment(owner: owner, reference: body.reference) {
            guard existing.contentHash == contentHash else {
                throw Problem.conflict("\(path).reference: shipment '\(body.reference)' was announced before with different content")
            }
            return (try await shipment(existing.id, store: store), .duplicate)
        }

        // Whole seconds, like the ISO 8601 times reporters send, so a scan in the same second
        // as the announcement is not ordered before it.
        let now = Date().epochMilliseconds / 1000 * 1000
        let record = ShipmentRecord(id: Secrets.identifier("shp"), ownerId: owner, reference: body.reference, carrierId: carrierId, shipperId: shipperId,
                                      hubId: body.hubId, siteId: body.siteId, recipientId: recipientId, deliveryDate: body.deliveryDate,
                                      contentHash: contentHash, createdAt: now, barcodes: body.parcels.map(\.barcode))
        try await store.insert(record, existing: "\(path).reference: shipment '\(body.reference)' (announced at the same moment by another request)")
        // A barcode labels one physical parcel, so a barcode taken by any carrier is refused. The
        // answer is the same 409 whether the label is the caller's own or another carrier's, and
        // says only that it is taken: not whose, nor the parcel's state (a GET stays 404).
        for (index, parcel) in body.parcels.enumerated() {
            try await store.insert(NewParcel(barcode: parcel.barcode, weightKg: parcel.weightKg, lengthCm: parcel.lengthCm, widthCm: parcel.widthCm,
                                             heightCm: parcel.heightCm, pallet: parcel.pallet == true, temperature: parcel.temperature ?? .ambient),
                                   of: record, existing: "\(path).parcels[\(index)].barcode: parcel '\(parcel.barcode)'")
            _ = try await store.insertIfNew(EventRecord(source: owner, eventId: "announce:\(record.id):\(parcel.barcode)", barcode: parcel.barcode,
                                                        type: ParcelStatus.announced.rawValue, occurredAt: now, timeText: Wire.format(now, in: .gmt),
                                                        routeId: nil, receiverName: nil, photoReference: nil, reason: nil, recordedBy: caller.accountId),
                                            recordedAt: Date(epochMilliseconds: now))
        }
        return (ShipmentView(record), .created)
    }

    static func shipment(_ id: String, store: Store) async throws -> ShipmentView {
        guard let shipment = try await store.shipment(id) else { throw Problem.notFound("shipment '\(id)'") }
        return ShipmentView(shipment)
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

        init(_ event: EventRecord) {
            (eventId, source, barcode, type, time) = (event.eventId, event.source, event.barcode, event.type, event.timeText)
            (routeId, receiverName, photoReference, reason) = (event.routeId, event.receiverName, event.photoReference, event.reason)
        }
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
        guard let facts = try await store.facts(ofParcel: body.barcode) else { throw notFound }
        let routeParcels = caller.role == .driver ? try await store.parcels(drivenBy: caller.accountId, among: [body.barcode]) : []
        let policy = AccessPolicy(hubOperators: [facts.hubId: facts.operatorId])
        guard policy.canView(facts.parcel, by: caller.principal, routeParcels: routeParcels) else { throw notFound }
        guard policy.canRecord(kind, for: facts.parcel, by: caller.principal, routeParcels: routeParcels) else {
            throw Problem.forbidden("\(path).type: a \(caller.role.rawValue) of '\(caller.organisation.id)' may not record '\(body.type.rawValue)' for this parcel")
        }
        return CheckedEvent(body: body, path: path, source: caller.organisation.id, accountId: caller.accountId, occurredAt: time.epochMilliseconds)
    }

    /// Stores a checked event and moves the parcel's state. A retry (same id, same content) is
    /// a duplicate; the same id with other content is refused before anything is written.
    static func save(_ event: CheckedEvent, store: Store, now: Date = Date()) async throws -> (EventView, Outcome) {
        let (body, path, source, occurredAt) = (event.body, event.path, event.source, event.occurredAt)
        let record = EventRecord(source: source, eventId: body.eventId, barcode: body.barcode, type: body.type.rawValue, occurredAt: occurredAt,
                                 timeText: body.time, routeId: body.routeId, receiverName: body.receiverName, photoReference: body.photoReference,
                                 reason: body.reason, recordedBy: event.accountId)
        guard try await store.insertIfNew(record, recordedAt: now) else {
            guard let stored = try await store.event(source: source, eventId: body.eventId), stored.sameContent(as: record) else {
                throw Problem.conflict("\(path).eventId: event '\(body.eventId)' was recorded before with different content")
            }
            return (EventView(record), .duplicate)
        }
        try await store.moveParcel(body.barcode, to: body.type.status, at: occurredAt)
        return (EventView(record), .created)
    }
}

extension Caller {
    /// The caller in the terms of the domain's access policy.
    var principal: Principal { Principal(organisation: organisation, role: role, accountId: accountId) }
}
