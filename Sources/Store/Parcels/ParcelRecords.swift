import Domain
import Foundation

/// A shipment as announced, with the barcodes of its parcels.
public struct ShipmentRecord: Sendable {
    public var id: String
    public var ownerId: String
    public var reference: String
    public var carrierId: String
    public var shipperId: String?
    public var hubId: String
    public var siteId: String
    public var recipientId: String
    public var deliveryDate: String?
    /// Hash of the announcement's canonical content, to tell a retry from a conflicting reuse of the reference.
    public var contentHash: String
    public var createdAt: EpochMilliseconds
    public var barcodes: [String]

    public init(id: String, ownerId: String, reference: String, carrierId: String, shipperId: String?, hubId: String, siteId: String,
                recipientId: String, deliveryDate: String?, contentHash: String, createdAt: EpochMilliseconds, barcodes: [String]) {
        self.id = id
        self.ownerId = ownerId
        self.reference = reference
        self.carrierId = carrierId
        self.shipperId = shipperId
        self.hubId = hubId
        self.siteId = siteId
        self.recipientId = recipientId
        self.deliveryDate = deliveryDate
        self.contentHash = contentHash
        self.createdAt = createdAt
        self.barcodes = barcodes
    }
}

/// One parcel of a new shipment.
public struct NewParcel: Sendable {
    public var barcode: String
    public var weightKg: Double
    public var lengthCm: Double?
    public var widthCm: Double?
    public var heightCm: Double?
    public var pallet: Bool
    public var temperature: TemperatureClass

    public init(barcode: String, weightKg: Double, lengthCm: Double?, widthCm: Double?, heightCm: Double?, pallet: Bool, temperature: TemperatureClass) {
        self.barcode = barcode
        self.weightKg = weightKg
        self.lengthCm = lengthCm
        self.widthCm = widthCm
        self.heightCm = heightCm
        self.pallet = pallet
        self.temperature = temperature
    }
}

/// A parcel as a list or a read shows it: its site's name, its hub's zone, its planned arrival.
public struct ParcelRecord: Decodable, Sendable {
    public var barcode, shipmentId, carrierId, recipientId, siteId, siteName, hubId, temperature, status: String
    public var shipperId, routeId: String?
    public var weightKg: Double
    public var lengthCm, widthCm, heightCm: Double?
    public var pallet: Int
    public var statusTime: EpochMilliseconds
    /// Planned arrival at the recipient, from the plan the parcel is on.
    public var eta: EpochMilliseconds?
    public var timeZone: String
}

/// A parcel event as stored.
public struct EventRecord: Codable, Sendable, Equatable {
    public var source: String
    public var eventId: String
    public var barcode: String
    public var type: String
    public var occurredAt: EpochMilliseconds
    /// The time as the reporter wrote it (ISO 8601 with its offset).
    public var timeText: String
    public var routeId: String?
    public var receiverName: String?
    public var photoReference: String?
    public var reason: String?
    public var recordedBy: String

    public init(source: String, eventId: String, barcode: String, type: String, occurredAt: EpochMilliseconds, timeText: String,
                routeId: String?, receiverName: String?, photoReference: String?, reason: String?, recordedBy: String) {
        self.source = source
        self.eventId = eventId
        self.barcode = barcode
        self.type = type
        self.occurredAt = occurredAt
        self.timeText = timeText
        self.routeId = routeId
        self.receiverName = receiverName
        self.photoReference = photoReference
        self.reason = reason
        self.recordedBy = recordedBy
    }

    /// The same report: everything but who recorded it.
    public func sameContent(as other: EventRecord) -> Bool {
        barcode == other.barcode && type == other.type && occurredAt == other.occurredAt && routeId == other.routeId
            && receiverName == other.receiverName && photoReference == other.photoReference && reason == other.reason
    }
}

/// What the access rules need to know of a parcel: its parties, and who operates its hub.
public struct ParcelFacts: Decodable, Sendable {
    public var barcode: String
    public var shipmentId: String
    public var carrierId: String
    public var shipperId: String?
    public var recipientId: String
    public var hubId: String
    public var operatorId: String
    public var weightKg: Double

    public var parcel: Parcel {
        Parcel(id: barcode, shipmentId: shipmentId, carrierId: carrierId, shipperId: shipperId, recipientId: recipientId,
               hubId: hubId, weightKg: weightKg)
    }
}
