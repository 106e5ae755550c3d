import Domain
import Foundation
import Store
import Vapor

/// The rules of announcing shipments, shared by the single, batch and CSV endpoints:
/// idempotent on the sender's reference, one barcode per physical parcel.
enum Shipments {
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

    static let maximumParcelsPerShipment = 1000

    /// Announces a shipment: stores it, its parcels and an `announced` event per parcel.
    /// Throws `Problem`s whose details start with `path` (e.g. `$.shipments[3]`).
    static func announce(_ body: ShipmentBody, by caller: Caller, path: String, store: Store) async throws -> (ShipmentView, WriteOutcome) {
        let parties: (carrierId: String?, shipperId: String?)
        switch IntakeRules.parties(announcedBy: caller.principal, carrierId: body.carrierId, shipperId: body.shipperId) {
        case .success(let named): parties = named
        case .failure(let refusal): throw Problem(refusal: refusal, at: path)
        }
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

        let shipperId = parties.shipperId
        guard let carrierId = parties.carrierId else { throw Problem.badRequest("\(path).carrierId: required field is missing") }
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
        let parcels = body.parcels.map {
            NewParcel(barcode: $0.barcode, weightKg: $0.weightKg, lengthCm: $0.lengthCm, widthCm: $0.widthCm, heightCm: $0.heightCm,
                      pallet: $0.pallet == true, temperature: $0.temperature ?? .ambient)
        }
        if let taken = try await store.insert(parcels, of: record) {
            throw StoreError.duplicate("\(path).parcels[\(taken)].barcode: parcel '\(parcels[taken].barcode)'")
        }
        let announcements = parcels.map {
            EventRecord(source: owner, eventId: Events.derivedId("announce", record.id, $0.barcode), barcode: $0.barcode,
                        type: ParcelStatus.announced.rawValue, occurredAt: now, timeText: Wire.format(now, in: .gmt),
                        routeId: nil, receiverName: nil, photoReference: nil, reason: nil, recordedBy: caller.accountId)
        }
        // The ids are the shipment's and the barcodes': one taken means the store is not what it should be.
        let announced = try await store.insertNew(announcements, recordedAt: Date(epochMilliseconds: now))
        if let index = announcements.firstIndex(where: { !announced.contains($0.key) }) {
            throw StoreError.duplicate("\(path).parcels[\(index)]: the announcement of parcel '\(parcels[index].barcode)'")
        }
        try await WebhookOutbox.enqueue(announcements, store: store)
        return (ShipmentView(record), .created)
    }

    static func shipment(_ id: String, store: Store) async throws -> ShipmentView {
        guard let shipment = try await store.shipment(id) else { throw Problem.notFound("shipment '\(id)'") }
        return ShipmentView(shipment)
    }
}
